import { CallTimeoutError, CancelledError, EndpointError } from './connection';
import { safeErrorMessage } from './redact';

/**
 * SDK errors sorted into what the user can act on. The wire codes come from
 * aws-sts-iam-wire.md §3: unmodeled codes surface as `error.name` (AccessDenied, ValidationError,
 * ExpiredToken…), modeled ones as classes (NoSuchEntityException…). Expired caller credentials
 * are `ExpiredToken` (403), not the modeled `ExpiredTokenException`; both mean "sign in again".
 */

export type AwsProblemKind =
  | 'access-denied'
  | 'mfa-failed'
  | 'validation'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'no-credentials'
  | 'no-region'
  | 'not-found'
  | 'malformed-policy'
  | 'limit-exceeded'
  | 'unmodifiable'
  | 'endpoint'
  | 'timeout'
  | 'cancelled'
  | 'network'
  | 'other';

export interface AwsProblem {
  kind: AwsProblemKind;
  /** The wire code or SDK error name. */
  code: string;
  /** AWS's own message, with any secret removed. */
  message: string;
  status?: number;
}

const CODES: Record<string, AwsProblemKind> = {
  AccessDenied: 'access-denied',
  AccessDeniedException: 'access-denied',
  ValidationError: 'validation',
  ExpiredToken: 'expired-credentials',
  ExpiredTokenException: 'expired-credentials',
  RequestExpired: 'expired-credentials',
  InvalidClientTokenId: 'invalid-credentials',
  SignatureDoesNotMatch: 'invalid-credentials',
  UnrecognizedClientException: 'invalid-credentials',
  MissingAuthenticationToken: 'no-credentials',
  NoSuchEntity: 'not-found',
  NoSuchEntityException: 'not-found',
  MalformedPolicyDocument: 'malformed-policy',
  MalformedPolicyDocumentException: 'malformed-policy',
  LimitExceeded: 'limit-exceeded',
  LimitExceededException: 'limit-exceeded',
  UnmodifiableEntity: 'unmodifiable',
  UnmodifiableEntityException: 'unmodifiable',
};

export function describeAwsError(error: unknown): AwsProblem {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const message = safeErrorMessage(error);
  const code = e?.name ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  if (error instanceof CancelledError) return { kind: 'cancelled', code: 'Cancelled', message };
  if (error instanceof CallTimeoutError) return { kind: 'timeout', code: 'Timeout', message };
  if (error instanceof EndpointError) return { kind: 'endpoint', code: 'Endpoint', message };
  if (code === 'AccessDenied' && /MultiFactorAuthentication failed/i.test(message)) return { kind: 'mfa-failed', code, message, status };
  const known = CODES[code];
  if (known) return { kind: known, code, message, status };
  if (code === 'CredentialsProviderError' || /could not load credentials|profile .* could not be found|sso session .* expired|token is expired/i.test(message)) {
    return { kind: /expired/i.test(message) ? 'expired-credentials' : 'no-credentials', code, message };
  }
  if (/region is missing/i.test(message)) return { kind: 'no-region', code, message };
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up|getaddrinfo/i.test(`${e?.code ?? ''} ${message}`)) return { kind: 'network', code, message };
  if (code === 'TimeoutError' || /timed? ?out/i.test(message)) return { kind: 'timeout', code, message };
  return { kind: 'other', code, message, status };
}

/** How to get working credentials again, for the profile in use. */
export function signInAdvice(profile: string | undefined): string {
  const p = profile ? ` --profile ${profile}` : '';
  return (
    `Sign in again: for an SSO profile run "aws sso login${p}"; for keys or a session in ~/.aws/credentials, ` +
    `refresh them (or run "aws configure${p}"); check with "aws sts get-caller-identity${p}".`
  );
}

/** The problem in plain words, for the kinds that need no flow-specific context. */
export function plainWords(problem: AwsProblem, profile: string | undefined): string {
  switch (problem.kind) {
    case 'expired-credentials':
      return `Your AWS credentials have expired (${problem.message}). ${signInAdvice(profile)}`;
    case 'invalid-credentials':
      return `AWS does not accept your credentials (${problem.code}: ${problem.message}). ${signInAdvice(profile)}`;
    case 'no-credentials':
      return `No AWS credentials were found${profile ? ` for profile "${profile}"` : ''} (${problem.message}). ${signInAdvice(profile)}`;
    case 'no-region':
      return 'No AWS region is set: choose one (the --region option or the region setting), set AWS_REGION, or add "region = ..." to the profile.';
    case 'timeout':
      return `${problem.message} Check the network, a proxy, or the endpoint setting.`;
    case 'network':
      return `AWS could not be reached (${problem.message}). Check the network, a proxy, or the endpoint setting.`;
    case 'cancelled':
      return 'Cancelled.';
    default:
      return `${problem.code}: ${problem.message}`;
  }
}
