import * as http from 'http';
import { AddressInfo } from 'net';
import { FixtureFile, loadFixture } from './fixture';
import { IAM_ACTIONS } from './iam';
import { parseAuthorization, verifySignature } from './sigv4';
import { FakeAwsState } from './state';
import { ActionInput, STS_ACTIONS } from './sts';
import { AwsFault, failure, Service, XmlAnswer } from './xml';

/**
 * A local STS + IAM endpoint speaking the awsQuery protocol over HTTP (aws-sts-iam-wire.md §0):
 * `POST /` form bodies, SigV4 verified against the fixture's keys and the credentials it issued,
 * XML answers with the services' namespaces. Requests are routed by the service in the SigV4
 * scope, as moto does, so one URL serves both AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL_IAM.
 */

const API_VERSIONS: Record<Service, string> = { sts: '2011-06-15', iam: '2010-05-08' };
const ACTIONS: Record<Service, Record<string, (input: ActionInput) => XmlAnswer>> = { sts: STS_ACTIONS, iam: IAM_ACTIONS };
const MAX_BODY = 1024 * 1024;

/** One answered request, for tests that check what reached the endpoint (never secrets). */
export interface RequestRecord {
  service: string;
  action?: string;
  caller?: string;
  status: number;
  code?: string;
}

export interface FakeAws {
  url: string;
  state: FakeAwsState;
  requests: RequestRecord[];
  close(): Promise<void>;
}

export interface FakeAwsOptions {
  /** A fixture object, or the path of a fixture JSON file. */
  fixture: FixtureFile | string;
  port?: number;
  host?: string;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AwsFault(413, 'RequestEntityTooLarge', 'Request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function answer(state: FakeAwsState, req: http.IncomingMessage, record: RequestRecord): Promise<{ service: Service; xml: XmlAnswer }> {
  let service: Service = 'sts';
  try {
    const body = await readBody(req);
    const scope = parseAuthorization(req.headers.authorization);
    if (scope.service !== 'sts' && scope.service !== 'iam') {
      throw new AwsFault(400, 'InvalidClientTokenId', `This endpoint serves sts and iam, not ${scope.service}.`);
    }
    service = scope.service;
    record.service = service;
    const params = new URLSearchParams(body);
    record.action = params.get('Action') ?? undefined;
    if (req.method !== 'POST' || !/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
      throw new AwsFault(400, 'InvalidAction', 'Only POST with an application/x-www-form-urlencoded body is supported.');
    }
    const key = state.key(scope.accessKeyId);
    if (!key) throw new AwsFault(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    const token = req.headers['x-amz-security-token'];
    if ((key.session?.sessionToken ?? undefined) !== token) {
      throw new AwsFault(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    await verifySignature(scope, { method: req.method, path: (req.url ?? '/').split('?')[0], headers: req.headers, body }, key.secret);
    if (key.session && key.session.expiration.getTime() <= state.now().getTime()) {
      throw new AwsFault(403, 'ExpiredToken', 'The security token included in the request is expired');
    }
    const caller = state.callerOf(key);
    record.caller = caller.arn;
    const action = params.get('Action') ?? '';
    const version = params.get('Version') ?? '';
    const handler = version === API_VERSIONS[service] ? ACTIONS[service][action] : undefined;
    if (!handler) throw new AwsFault(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`);
    return { service, xml: handler({ params, caller, state }) };
  } catch (e) {
    if (e instanceof AwsFault) return { service, xml: failure(service, e) };
    return { service, xml: failure(service, new AwsFault(500, 'ServiceFailure', 'The fake endpoint failed: ' + (e as Error).message)) };
  }
}

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const fixture = typeof options.fixture === 'string' ? loadFixture(options.fixture) : options.fixture;
  const state = new FakeAwsState(fixture);
  const requests: RequestRecord[] = [];
  const server = http.createServer((req, res) => {
    const record: RequestRecord = { service: 'unknown', status: 0 };
    void answer(state, req, record).then(({ xml }) => {
      record.status = xml.status;
      if (xml.status >= 300) record.code = /<Code>([^<]*)<\/Code>/.exec(xml.body)?.[1];
      requests.push(record);
      res.writeHead(xml.status, {
        'Content-Type': 'text/xml',
        'Content-Length': Buffer.byteLength(xml.body),
        'x-amzn-RequestId': xml.requestId,
      });
      res.end(xml.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    state,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
