import { closest } from '../util/closest';
import { memoizeByText } from '../model/memo';

/**
 * What an `AWS` principal value means. Facts from ../shared/trust-checks.md ("Limits worth
 * knowing"): a 12-digit id and `arn:<p>:iam::<id>:root` both mean the whole account; IAM shows a
 * deleted principal as its unique id (AROA.../AIDA...).
 */

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export type AwsPrincipalKind =
  | 'wildcard'
  | 'account'
  | 'user'
  | 'role'
  | 'assumed-role'
  | 'federated-user'
  | 'unique-id'
  | 'invalid';

export interface AwsPrincipal {
  kind: AwsPrincipalKind;
  /** The 12-digit account, when the value names one. */
  account?: string;
  partition?: string;
  /** Role or user name without path; the role of an assumed-role session. */
  name?: string;
  /** For `invalid`: why, in words. */
  problem?: string;
  /** For `invalid`: what was probably meant, when that can be told (`arn:aws:sts::...` for an iam assumed-role ARN). */
  suggestion?: string;
  /**
   * A `*` or `?` inside the value (`role/dev-*`, `arn:aws:iam::*:root`). IAM matches no wildcard
   * in a principal but the whole value `*`; the kind says what the value would name without it.
   */
  wildcard?: boolean;
}

const ACCOUNT = /^\d{12}$/;
const WILDCARD = /[*?]/;
/** Role and user names: 1-64 of `[\w+=,.@-]` (IAM API reference, CreateRole/CreateUser). Wildcards are judged apart. */
const ENTITY_NAME = /^[\w+=,.@-]{1,64}$/;
/** Path segments: printable ASCII but `/` (IAM API reference, path pattern). */
const PATH_SEGMENT = /^[\x21-\x2e\x30-\x7e]+$/;
/** Session names: 2-64 of `[\w+=,.@-]` (STS API reference, RoleSessionName). */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** A name is judged without its wildcards: `dev-*` is a valid pattern of role names (principal-partial-wildcard judges the pattern). */
function validName(pattern: RegExp, name: string): boolean {
  return WILDCARD.test(name) ? /^[\w+=,.@*?-]{1,64}$/.test(name) : pattern.test(name);
}

function withWildcard(principal: AwsPrincipal, value: string): AwsPrincipal {
  return WILDCARD.test(value) ? { ...principal, wildcard: true } : principal;
}

/** What an `AWS` principal value means. Many rules ask about the same values: each is read once. */
export function parseAwsPrincipal(value: string): AwsPrincipal {
  return awsPrincipals(value);
}

const awsPrincipals = memoizeByText((value: string): AwsPrincipal => {
  if (value === '*') return { kind: 'wildcard' };
  return withWildcard(parseNamedPrincipal(value), value);
});

/** `arn:<p>:<service>:<region>:<account>:<resource>` split into its fields; undefined when not an ARN. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function splitArn(value: string): ArnParts | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

function invalid(base: Partial<AwsPrincipal>, problem: string, suggestion?: string): AwsPrincipal {
  return { kind: 'invalid', ...base, problem, ...(suggestion ? { suggestion } : {}) };
}

function parseNamedPrincipal(value: string): AwsPrincipal {
  if (ACCOUNT.test(value)) return { kind: 'account', account: value };
  if (/^(AROA|AIDA)[A-Z0-9]{12,}$/.test(value)) return { kind: 'unique-id' };
  const arn = splitArn(value);
  if (!arn) {
    if (/^\d[\d -]{10,}\d$/.test(value) && value.replace(/[ -]/g, '').length === 12) {
      return invalid({}, 'an account id is 12 digits with no spaces or dashes', value.replace(/[ -]/g, ''));
    }
    return invalid({}, 'it is neither a 12-digit account id nor an IAM ARN');
  }
  const { partition, service, region, account, resource } = arn;
  if (!PARTITIONS.includes(partition)) {
    return invalid({ partition }, `"${partition}" is not an AWS partition (${PARTITIONS.join(', ')})`);
  }
  if (region !== '') return invalid({ partition }, 'IAM and STS ARNs have no region: the fourth field must be empty', `arn:${partition}:${service}::${account}:${resource}`);
  if (!ACCOUNT.test(account)) return invalid({ partition }, `"${account}" is not a 12-digit account id`);
  const base = { partition, account };
  if (service === 'iam') return parseIamResource(base, resource);
  if (service === 'sts') return parseStsResource(base, resource);
  return invalid(base, `principals are iam or sts ARNs, not ${service}`);
}

function parseIamResource(base: { partition: string; account: string }, resource: string): AwsPrincipal {
  if (resource === 'root') return { kind: 'account', ...base };
  const m = /^(user|role)\/(?:([^/]+)\/)*([^/]*)$/.exec(resource);
  if (m) {
    const kind = m[1] as 'user' | 'role';
    const segments = resource.split('/').slice(1);
    const name = segments[segments.length - 1];
    if (!validName(ENTITY_NAME, name)) {
      return invalid(base, name === '' ? `the ${kind} name is missing after "${kind}/"` : `"${name}" is not a valid ${kind} name: 1-64 letters, digits and +=,.@_-`);
    }
    if (!segments.slice(0, -1).every((s) => PATH_SEGMENT.test(s))) return invalid(base, `the path of ${kind} "${name}" has an empty segment or a character IAM does not allow`);
    return { kind, ...base, name };
  }
  const type = resource.split('/')[0];
  if (type === 'group') return invalid(base, 'an IAM group cannot be a principal; name its users or, better, a role');
  if (type === 'assumed-role' || type === 'federated-user') {
    return invalid(base, `${type} ARNs belong to STS, not IAM`, `arn:${base.partition}:sts::${base.account}:${resource}`);
  }
  if (type === 'oidc-provider' || type === 'saml-provider') {
    return invalid(base, `an identity provider is a "Federated" principal, not an "AWS" one: move it under "Federated"`);
  }
  return invalid(base, `"${resource}" is not root, user/NAME or role/NAME`);
}

function parseStsResource(base: { partition: string; account: string }, resource: string): AwsPrincipal {
  const a = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(resource);
  if (a) {
    if (!validName(ENTITY_NAME, a[1])) return invalid(base, `"${a[1]}" is not a valid role name: 1-64 letters, digits and +=,.@_-`);
    if (!validName(SESSION_NAME, a[2])) return invalid(base, `"${a[2]}" is not a valid session name: 2-64 letters, digits and +=,.@_-`);
    return { kind: 'assumed-role', ...base, name: a[1] };
  }
  if (/^federated-user\/[^/]+$/.test(resource)) return { kind: 'federated-user', ...base };
  if (/^(role|user)\//.test(resource) || resource === 'root') {
    return invalid(base, `${resource.split('/')[0]} ARNs belong to IAM, not STS`, `arn:${base.partition}:iam::${base.account}:${resource}`);
  }
  if (/^assumed-role\/[^/]+\/?$/.test(resource)) {
    return invalid(base, 'an assumed-role ARN names a session: assumed-role/ROLE/SESSION; to trust every session, trust the role ARN');
  }
  return invalid(base, `"${resource}" is not assumed-role/ROLE/SESSION or federated-user/NAME`);
}

/**
 * What a `Federated` principal value is (trust-checks.md, B: federated-principal-invalid): one of
 * the four web identity providers IAM knows by name, or the ARN of an IAM OIDC or SAML provider.
 */
export type FederatedPrincipal =
  | { kind: 'web-identity'; provider: string }
  | { kind: 'oidc'; partition: string; account: string; host: string }
  | { kind: 'saml'; partition: string; account: string; name: string }
  | { kind: 'invalid'; problem: string; suggestion?: string };

/** The providers IAM accepts by name in `Federated` (IAM User Guide, reference_policies_elements_principal). */
export const WEB_IDENTITY_PROVIDERS = ['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com'];

/** IAM SAML provider names: 1-128 of `[\w._-]` (IAM API reference, CreateSAMLProvider). */
const SAML_NAME = /^[\w.-]{1,128}$/;
/** A host name with an optional path, as IAM stores an OIDC provider URL without its scheme. */
const OIDC_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d+)?(\/[^\s/]+)*$/i;

/** What a `Federated` principal value means; each value is read once (see parseAwsPrincipal). */
export function parseFederatedPrincipal(value: string): FederatedPrincipal {
  return federatedPrincipals(value);
}

const federatedPrincipals = memoizeByText(readFederatedPrincipal);

function readFederatedPrincipal(value: string): FederatedPrincipal {
  if (WEB_IDENTITY_PROVIDERS.includes(value)) return { kind: 'web-identity', provider: value };
  const arn = splitArn(value);
  if (!arn) {
    const near = closest(value, WEB_IDENTITY_PROVIDERS);
    if (near) return { kind: 'invalid', problem: `IAM knows the web identity provider "${near}" by that exact name`, suggestion: near };
    const host = value.replace(/^https?:\/\//, '').replace(/\/$/, '');
    if (/^https?:\/\//.test(value) || OIDC_HOST.test(host)) {
      return {
        kind: 'invalid',
        problem: `"Federated" takes the ARN of the IAM OIDC provider you created for this issuer, not the issuer's URL`,
        suggestion: `arn:aws:iam::<account>:oidc-provider/${host}`,
      };
    }
    return { kind: 'invalid', problem: `it is neither one of ${WEB_IDENTITY_PROVIDERS.join(', ')} nor the ARN of an IAM OIDC or SAML provider` };
  }
  const { partition, service, region, account, resource } = arn;
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const rest = slash < 0 ? '' : resource.slice(slash + 1);
  if (!PARTITIONS.includes(partition)) return { kind: 'invalid', problem: `"${partition}" is not an AWS partition (${PARTITIONS.join(', ')})` };
  if (service !== 'iam') return { kind: 'invalid', problem: `identity providers are iam ARNs, not ${service}` };
  if (region !== '') return { kind: 'invalid', problem: 'IAM ARNs have no region: the fourth field must be empty', suggestion: `arn:${partition}:iam::${account}:${resource}` };
  if (!ACCOUNT.test(account)) return { kind: 'invalid', problem: `"${account}" is not a 12-digit account id` };
  if (type === 'oidc-provider') {
    const scheme = /^https?:\/\//i.exec(rest);
    if (scheme) {
      return {
        kind: 'invalid',
        problem: `an OIDC provider ARN names the issuer without its scheme: drop "${scheme[0]}"`,
        suggestion: `arn:${partition}:iam::${account}:oidc-provider/${rest.slice(scheme[0].length)}`,
      };
    }
    if (!OIDC_HOST.test(rest)) return { kind: 'invalid', problem: `"${rest}" is not a host name with an optional path, as in oidc-provider/token.actions.githubusercontent.com` };
    return { kind: 'oidc', partition, account, host: rest };
  }
  if (type === 'saml-provider') {
    if (!SAML_NAME.test(rest)) return { kind: 'invalid', problem: `"${rest}" is not a SAML provider name: 1-128 letters, digits and ._-` };
    return { kind: 'saml', partition, account, name: rest };
  }
  if (type === 'root' || type === 'role' || type === 'user') {
    return { kind: 'invalid', problem: `an account, role or user is an "AWS" principal, not a "Federated" one: move it under "AWS"` };
  }
  return { kind: 'invalid', problem: `"${type}" is not oidc-provider/HOST or saml-provider/NAME` };
}

/** The partition of an ARN value, when it is an ARN of a known partition. */
export function partitionOf(value: string): string | undefined {
  // Only ARNs have a partition: other values are answered without the memo.
  if (!value.startsWith('arn:')) return undefined;
  return partitions(value);
}

const partitions = memoizeByText((value: string): string | undefined => {
  const arn = splitArn(value);
  return arn && PARTITIONS.includes(arn.partition) ? arn.partition : undefined;
});
