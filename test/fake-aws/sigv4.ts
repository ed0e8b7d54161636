import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsFault } from './xml';

/**
 * SigV4 verification by re-signing (aws-sts-iam-wire.md §4.4): parse the Authorization header,
 * look up the secret of the access key, sign the same request with @smithy/signature-v4 over
 * exactly the headers the client listed in SignedHeaders, and compare signatures.
 */

export interface SignedScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): string | Buffer {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** node:crypto behind the hash interface the signer expects (HMAC when given a secret). */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): SignedScope {
  if (!header) throw new AwsFault(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const m = AUTH.exec(header.trim());
  if (!m) {
    throw new AwsFault(400, 'IncompleteSignature', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${header.split(' ')[0]}`);
  }
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4], signedHeaders: m[5].split(';'), signature: m[6] };
}

function amzDate(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export async function verifySignature(
  scope: SignedScope,
  request: { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: string },
  secret: string,
): Promise<void> {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const xAmzDate = header('x-amz-date');
  const signingDate = amzDate(xAmzDate);
  if (!signingDate || xAmzDate!.slice(0, 8) !== scope.date) throw new AwsFault(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
  const now = Date.now();
  const skew = 15 * 60 * 1000;
  if (Math.abs(now - signingDate.getTime()) > skew) {
    const fmt = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const earlier = signingDate.getTime() < now;
    const bound = new Date(earlier ? now - skew : now + skew);
    throw new AwsFault(
      403,
      'SignatureDoesNotMatch',
      `Signature expired: ${xAmzDate} is now ${earlier ? 'earlier' : 'later'} than ${fmt(bound)} (${fmt(new Date(now))} ${earlier ? '-' : '+'} 15 min.)`,
    );
  }
  const headers: Record<string, string> = {};
  for (const name of scope.signedHeaders) headers[name] = header(name) ?? '';
  const signer = new SignatureV4({
    credentials: { accessKeyId: scope.accessKeyId, secretAccessKey: secret, sessionToken: header('x-amz-security-token') },
    region: scope.region,
    service: scope.service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const [hostname, port] = (header('host') ?? '').split(':');
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname, port: port ? Number(port) : undefined, path: request.path, query: {}, headers, body: request.body },
    { signingDate, signableHeaders: new Set(scope.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  const ok = expected.length === scope.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(scope.signature));
  if (!ok) throw new AwsFault(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
}
