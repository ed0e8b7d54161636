import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient, STSClientConfig } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { CallerIdentity, describeCaller } from './identity';

/**
 * How "Assume this role" reaches AWS: SDK v3 clients for one profile and region, with endpoints
 * that may be overridden, a time limit on every call, and cancellation. The profile is given to
 * each client (the `profile` option and the credential chain's own `profile`), never by writing
 * `process.env.AWS_PROFILE`: the extension host is shared (aws-sts-iam-wire.md §4.3).
 */

export type AwsCredentialsInput = NonNullable<STSClientConfig['credentials']>;

export interface AwsConnectionOptions {
  /** A profile of ~/.aws/config (or AWS_CONFIG_FILE); undefined = the SDK's default chain. */
  profile?: string;
  /** undefined = AWS_REGION, then the profile's `region`, as the SDK reads them. */
  region?: string;
  /** Endpoint overrides; they win over AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_IAM. */
  endpoints?: { sts?: string; iam?: string };
  /** Time limit of each call in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Where the endpoint variables are read from (default process.env); never written. */
  env?: Record<string, string | undefined>;
  /** Credentials to use instead of the profile's chain (a session already assumed, for instance). */
  credentials?: AwsCredentialsInput;
  /** Answers the MFA prompt of a profile with `role_arn` and `mfa_serial`. */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** An endpoint the user configured that would send signed requests somewhere unsafe. */
export class EndpointError extends Error {}

/** The user cancelled (the AbortSignal fired). */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
  }
}

/** A call did not answer within its time limit. */
export class CallTimeoutError extends Error {}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The endpoint for a service: the option, else AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL
 * (the SDK's own precedence, wire doc §4.1). Only https, or http to this machine, is accepted:
 * plain http elsewhere would carry signed requests and issued credentials in clear text.
 */
export function resolveEndpoint(service: 'sts' | 'iam', options: AwsConnectionOptions): string | undefined {
  const env = options.env ?? process.env;
  const variable = `AWS_ENDPOINT_URL_${service.toUpperCase()}`;
  const [value, source] =
    options.endpoints?.[service] !== undefined
      ? [options.endpoints[service], `the ${service.toUpperCase()} endpoint setting`]
      : env[variable]
        ? [env[variable], variable]
        : env.AWS_ENDPOINT_URL
          ? [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL']
          : [undefined, ''];
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EndpointError(`${source} is "${value}", which is not a URL; write it as https://host[:port] or http://127.0.0.1:port.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return value;
  throw new EndpointError(
    `${source} is "${value}": only https:// endpoints, or http:// on this machine (127.0.0.1, localhost, [::1]), are accepted, ` +
      'because plain http to another host would carry signed requests and the issued credentials in clear text.',
  );
}

export interface AwsClients {
  sts: STSClient;
  iam: IAMClient;
  timeoutMs: number;
  destroy(): void;
}

function commonConfig(options: AwsConnectionOptions, timeoutMs: number) {
  return {
    region: options.region,
    profile: options.profile,
    // One retry for a dropped connection; more would multiply the wait the user sees.
    maxAttempts: 2,
    requestHandler: { requestTimeout: timeoutMs, connectionTimeout: Math.min(timeoutMs, 5_000) },
  };
}

/** Clients for the connection. Throws EndpointError for an endpoint that is not allowed. */
export function createAwsClients(options: AwsConnectionOptions): AwsClients {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const stsEndpoint = resolveEndpoint('sts', options);
  const iamEndpoint = resolveEndpoint('iam', options);
  const common = commonConfig(options, timeoutMs);
  const credentials =
    options.credentials ??
    fromNodeProviderChain({
      profile: options.profile,
      mfaCodeProvider: options.mfaCodeProvider,
      // The STS client a `role_arn` profile uses inside the chain goes to the same endpoint.
      clientConfig: { endpoint: stsEndpoint, region: options.region, requestHandler: common.requestHandler },
    });
  const sts = new STSClient({ ...common, endpoint: stsEndpoint, credentials });
  const iam = new IAMClient({ ...common, endpoint: iamEndpoint, credentials });
  return {
    sts,
    iam,
    timeoutMs,
    destroy() {
      sts.destroy();
      iam.destroy();
    },
  };
}

/** A client that signs with given credentials (a session just issued), on the connection's STS endpoint. */
export function createSessionStsClient(options: AwsConnectionOptions, credentials: AwsCredentialsInput): STSClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new STSClient({ ...commonConfig(options, timeoutMs), endpoint: resolveEndpoint('sts', options), credentials });
}

/**
 * Runs one AWS call with a time limit and the caller's cancellation. The SDK gets an AbortSignal
 * that fires on either; the promise also settles at once on abort, even while the SDK is still
 * resolving credentials (which it does not interrupt).
 */
export async function callAws<T>(what: string, timeoutMs: number, signal: AbortSignal | undefined, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new CancelledError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  const abortError = () =>
    timedOut ? new CallTimeoutError(`${what} did not answer within ${+(timeoutMs / 1000).toFixed(1)} seconds.`) : new CancelledError();
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(abortError()));
  });
  aborted.catch(() => undefined);
  try {
    return await Promise.race([run(controller.signal), aborted]);
  } catch (e) {
    if (controller.signal.aborted) throw abortError();
    throw e;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** sts:GetCallerIdentity: who the connection's credentials are. */
export async function whoAmI(clients: AwsClients, signal?: AbortSignal): Promise<CallerIdentity> {
  const me = await callAws('STS GetCallerIdentity', clients.timeoutMs, signal, (abortSignal) => clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal }));
  return describeCaller(me.Arn!, me.Account!, me.UserId!);
}
