import table from '../../data/oidc-providers.json';
import { memoizeByText } from '../model/memo';

/**
 * The identity providers IAM Trust knows (server/data/oidc-providers.json, each entry with its
 * source): which issuer, which audience it issues for AWS, which claim names the tenant, which
 * subjects it issues. Completion and hover read it; the federation rules of trust-checks.md (F)
 * read the same table.
 */

export interface SubjectForm {
  /** `repo:{owner}/{repo}:ref:refs/heads/{branch}`: `{name}` free text, `{name|a,b}` a choice. */
  template: string;
  meaning: string;
}

export interface IdentityProvider {
  id: string;
  name: string;
  kind: 'oidc' | 'web-identity' | 'saml';
  /** The issuer host (and path) as IAM names it in condition keys, when it is fixed. */
  issuer?: string;
  /** The issuer with placeholders, for providers with one issuer per tenant (EKS clusters). */
  issuerTemplate?: string;
  /** A regular expression the issuer matches, when it is not fixed. */
  issuerPattern?: string;
  /** Many customers share the issuer: only the tenancy claim tells them apart. */
  sharedIssuer: boolean;
  /** The audience the provider issues for AWS, when there is one to expect. */
  audience?: string;
  audienceNote?: string;
  tenancyClaim: string;
  subjects?: SubjectForm[];
  /** Claim name → what it holds, in words. */
  claims: Record<string, string>;
  /** Values a claim takes, when they are a small set. */
  claimValues?: Record<string, string[]>;
  source: string;
  /*
   * Read by the federation rules (trust-checks.md, F). All optional: an entry without them is
   * only described, not judged.
   */
  /** `subjects` lists every subject the provider issues in its default format (so others never match). */
  subjectsComplete?: boolean;
  /** Caveats about the subject forms (customised templates, newer formats). */
  subjectNote?: string;
  /** Forms of claims other than `sub` (GitHub's `job_workflow_ref`), in the same placeholder syntax. */
  claimForms?: Record<string, SubjectForm[]>;
  /** The placeholder of the subject forms that names the tenant (GitHub `owner`): a wildcard there admits other customers. */
  tenantPlaceholder?: string;
  /** The placeholder for the unit inside a tenant (GitHub `repo`): a wildcard there stays inside one tenant. */
  scopePlaceholder?: string;
  /** Words for messages: what the tenant, the scope and what follows the scope are called. */
  subjectWords?: { tenant: string; scope: string; context: string };
  /** Who can assume the role when the tenancy claim is not checked, in words ("any repository of any GitHub user"). */
  unrestrictedWho?: string;
  /** Other claims that also pin the tenant (GitHub `repository_owner_id`), as IAM condition keys of this issuer. */
  otherTenancyClaims?: string[];
  /** The audience is whatever the job asks for: `audience` is a convention, not what the provider issues by default. */
  audienceChosenByUser?: boolean;
  /** Regular expressions a correct audience matches (SAML sign-in endpoints, Cognito identity pool ids). */
  audiencePatterns?: string[];
  audiencePatternsNote?: string;
  audiencePatternsSource?: string;
  /**
   * The claims IAM requires a trust policy to evaluate for this shared issuer (IAM User Guide,
   * "Identity-provider controls for shared OIDC providers"): one of them must be in a condition,
   * or IAM refuses to create or update the role's trust policy.
   */
  identityProviderControls?: { claims: string[]; source: string; unconfirmed?: boolean };
}

export const IDENTITY_PROVIDERS: readonly IdentityProvider[] = table.providers as unknown as IdentityProvider[];

/** Claims IAM evaluates for an OIDC issuer that is not in the table. */
export const GENERIC_OIDC_CLAIMS: Readonly<Record<string, string>> = table.genericOidc.claims;
export const GENERIC_OIDC_SOURCE: string = table.genericOidc.source;

const patterns = new Map(IDENTITY_PROVIDERS.filter((p) => p.issuerPattern).map((p) => [p, new RegExp(p.issuerPattern!)]));

/** The provider whose tokens come from `issuer` (`token.actions.githubusercontent.com`, `SAML`). */
export function providerForIssuer(issuer: string): IdentityProvider | undefined {
  return providers(issuer);
}

/** Every federation rule asks about the same issuers: each is looked up in the table once. */
const providers = memoizeByText(
  (issuer: string): IdentityProvider | undefined => {
    const lower = issuer.toLowerCase();
    return IDENTITY_PROVIDERS.find((p) => p.issuer?.toLowerCase() === lower) ?? [...patterns].find(([, re]) => re.test(issuer))?.[0];
  },
  { freeze: false },
);

/** The provider's `audiencePatterns`, compiled once per provider (rules test every audience value with them). */
export function audienceRegExps(provider: IdentityProvider): readonly RegExp[] {
  let compiled = audienceCache.get(provider);
  if (!compiled) audienceCache.set(provider, (compiled = (provider.audiencePatterns ?? []).map((p) => new RegExp(p))));
  return compiled;
}

const audienceCache = new Map<IdentityProvider, RegExp[]>();

/** The forms a claim's values take (`subjects` for `sub`, else `claimForms`); empty when the table has none. */
export function claimForms(provider: IdentityProvider, claim: string): SubjectForm[] {
  const lower = claim.toLowerCase();
  if (lower === 'sub') return provider.subjects ?? [];
  const key = Object.keys(provider.claimForms ?? {}).find((k) => k.toLowerCase() === lower);
  return key ? provider.claimForms![key] : [];
}

/** The SAML entry: its claims are written `SAML:aud`. */
export function samlProvider(): IdentityProvider {
  return IDENTITY_PROVIDERS.find((p) => p.kind === 'saml')!;
}

/** Splits a placeholder template into literal text and `{name}` / `{name|a,b}` placeholders. */
export type TemplatePart = { text: string } | { placeholder: string; choices?: string[] };

export function templateParts(template: string): readonly TemplatePart[] {
  return templates(template);
}

/** The table's templates are few and read by several rules for every value: each is split once. */
const templates = memoizeByText((template: string): TemplatePart[] => {
  const parts: TemplatePart[] = [];
  const re = /\{([^}|]+)(?:\|([^}]*))?\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    parts.push({ placeholder: m[1], choices: m[2]?.split(',') });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
});

/** A template as the user reads it: `repo:OWNER/REPO:ref:refs/heads/BRANCH`. */
export function templateText(template: string): string {
  return templateParts(template)
    .map((p) => ('text' in p ? p.text : p.choices ? p.choices.join('|') : p.placeholder.toUpperCase()))
    .join('');
}
