import table from '../../data/oidc-providers.json';

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
}

export const IDENTITY_PROVIDERS: readonly IdentityProvider[] = table.providers as unknown as IdentityProvider[];

/** Claims IAM evaluates for an OIDC issuer that is not in the table. */
export const GENERIC_OIDC_CLAIMS: Readonly<Record<string, string>> = table.genericOidc.claims;
export const GENERIC_OIDC_SOURCE: string = table.genericOidc.source;

const patterns = new Map(IDENTITY_PROVIDERS.filter((p) => p.issuerPattern).map((p) => [p, new RegExp(p.issuerPattern!)]));

/** The provider whose tokens come from `issuer` (`token.actions.githubusercontent.com`, `SAML`). */
export function providerForIssuer(issuer: string): IdentityProvider | undefined {
  const lower = issuer.toLowerCase();
  return IDENTITY_PROVIDERS.find((p) => p.issuer?.toLowerCase() === lower) ?? [...patterns].find(([, re]) => re.test(issuer))?.[0];
}

/** The SAML entry: its claims are written `SAML:aud`. */
export function samlProvider(): IdentityProvider {
  return IDENTITY_PROVIDERS.find((p) => p.kind === 'saml')!;
}

/** Splits a placeholder template into literal text and `{name}` / `{name|a,b}` placeholders. */
export type TemplatePart = { text: string } | { placeholder: string; choices?: string[] };

export function templateParts(template: string): TemplatePart[] {
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
}

/** A template as the user reads it: `repo:OWNER/REPO:ref:refs/heads/BRANCH`. */
export function templateText(template: string): string {
  return templateParts(template)
    .map((p) => ('text' in p ? p.text : p.choices ? p.choices.join('|') : p.placeholder.toUpperCase()))
    .join('');
}
