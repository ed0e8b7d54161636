import { randomUUID } from 'crypto';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { Statement } from '../model/policy';
import { TrustConfig } from '../config';
import { parseFederatedPrincipal, WEB_IDENTITY_PROVIDERS } from '../aws/principals';
import { SERVICE_PRINCIPALS } from '../aws/services';
import { classifyAction, TRUST_ACTIONS } from '../aws/stsActions';
import { IDENTITY_PROVIDERS, IdentityProvider, providerForIssuer, templateParts, templateText } from '../aws/oidcProviders';
import { actionConditionKeys, ConditionKeyInfo, GLOBAL_CONDITION_KEYS, isTemplateKey, lookupConditionKey, providerClaimKeys } from '../aws/conditionKeys';
import { allOperatorSpellings, describeOperator, isMultiValuedType, lookupOperator, operatorsForKeyType } from '../aws/conditionOperators';
import { federatedIssuer, TRUST_ACTION_DOCS } from './explain';
import { SnippetBuilder, snippetPreview } from './snippetText';
import { map, scalar, SnippetValue } from './snippetValue';
import trustSnippets from '../../../snippets/trust-policies.json';

/**
 * What completion offers at each place of a trust policy: the values (actions, principals,
 * condition keys and their values, snippets), each with documentation that says what it means
 * for who can assume the role. Pure data in, suggestions out; completion.ts turns them into LSP
 * items at the cursor.
 */

export interface Suggestion {
  label: string;
  kind: CompletionItemKind;
  /**
   * What to insert, as LSP snippet text. For a value: the value without quotes. For a key: the
   * key without quotes; `value` is what follows it. For a structure (`raw`): its JSON text.
   */
  snippet: string;
  value?: SnippetValue;
  /** A structure as structure (a principal object); snippet bodies are read from their JSON. */
  structure?: SnippetValue;
  detail?: string;
  /** Markdown. */
  documentation: string;
  /** Lower ranks sort first. */
  rank: number;
  preselect?: boolean;
  /** Whole-document or statement snippets and principal objects: a structure, not a string. */
  raw?: boolean;
}

const literal = (text: string) => new SnippetBuilder().text(text).build();

// ---------------------------------------------------------------------------------------------
// Actions

/** The trust actions that fit a statement's principals, best first. */
export function fittingActions(statement: Statement | undefined): string[] {
  const out = new Set<string>();
  for (const p of statement?.principals ?? []) {
    if (p.value === undefined) continue;
    if (p.type === 'AWS' || p.type === '*') out.add('AssumeRole');
    else if (p.type === 'Service') {
      out.add('AssumeRole');
      // EKS Pod Identity and Roles Anywhere fail without these (trust-checks.md, G).
      if (p.value === 'pods.eks.amazonaws.com') out.add('TagSession');
      if (p.value === 'rolesanywhere.amazonaws.com') ['TagSession', 'SetSourceIdentity'].forEach((a) => out.add(a));
    } else if (p.type === 'Federated') {
      const kind = parseFederatedPrincipal(p.value).kind;
      if (kind === 'saml') out.add('AssumeRoleWithSAML');
      else if (kind === 'oidc' || kind === 'web-identity') out.add('AssumeRoleWithWebIdentity');
    }
  }
  return [...out];
}

/** The trust actions a statement grants (from its Action list; wildcards expanded). */
export function grantedActions(statement: Statement | undefined): string[] {
  const out = new Set<string>();
  for (const a of statement?.actions ?? []) {
    if (a.value === undefined) continue;
    const meaning = classifyAction(a.value);
    if (meaning.kind === 'trust') out.add(meaning.name);
    if (meaning.kind === 'wildcard') meaning.grants.forEach((g) => out.add(g));
  }
  return [...out];
}

/** The trust actions as one snippet choice, the ones that fit the statement's principals first. */
export function actionChoice(statement: Statement | undefined): string {
  const fitting = fittingActions(statement);
  const actions = [...fitting, ...TRUST_ACTIONS.filter((a) => !fitting.includes(a))];
  return `\${1|${actions.map((a) => `sts:${a}`).join(',')}|}`;
}

export function actionSuggestions(statement: Statement | undefined, listed: readonly string[]): Suggestion[] {
  const fitting = fittingActions(statement);
  const taken = new Set(listed.map((a) => a.toLowerCase()));
  const ordered = [...fitting, ...TRUST_ACTIONS.filter((a) => !fitting.includes(a))];
  return ordered
    .filter((name) => !taken.has(`sts:${name}`.toLowerCase()))
    .map((name, i) => {
      const fits = fitting.includes(name);
      return {
        label: `sts:${name}`,
        kind: CompletionItemKind.Value,
        snippet: literal(`sts:${name}`),
        detail: fits ? 'fits this statement\'s principal' : 'trust action',
        documentation: TRUST_ACTION_DOCS[name] + (fits ? '\n\nThis is the action the statement\'s principal uses.' : ''),
        rank: fits ? 0 : 1,
        preselect: fits && i === 0,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Principals

function accountChoice(b: SnippetBuilder, accounts: readonly string[]): SnippetBuilder {
  return b.choice(accounts, 'ACCOUNT_ID');
}

function arnSuggestion(account: string | undefined, resource: 'role' | 'root' | 'user', zone: string, rank: number): Suggestion {
  const b = new SnippetBuilder().text('arn:aws:iam::');
  if (account) b.text(account);
  else b.placeholder('ACCOUNT_ID');
  b.text(':');
  if (resource === 'root') b.text('root');
  else b.text(`${resource}/`).placeholder(resource === 'role' ? 'ROLE_NAME' : 'USER_NAME');
  const label = `arn:aws:iam::${account ?? 'ACCOUNT_ID'}:${resource === 'root' ? 'root' : `${resource}/…`}`;
  const who: Record<typeof resource, string> = {
    role: 'Only this one role can assume: the tightest AWS principal.',
    root: 'The whole account: every role and user there whose own IAM policies allow it can assume. Prefer a role ARN, or narrow it with an `ArnLike` `aws:PrincipalArn` condition.',
    user: 'One IAM user, with long-lived credentials. Prefer a role for automation.',
  };
  return {
    label,
    kind: CompletionItemKind.Reference,
    snippet: b.build(),
    detail: `${resource === 'root' ? 'whole account' : resource} in ${zone}`,
    documentation: `${who[resource]}\n\nAccount: ${zone}.`,
    rank: rank + (resource === 'role' ? 0 : resource === 'root' ? 1 : 2),
  };
}

/** ARN templates for the accounts of the configuration (own first, then partners). */
export function awsPrincipalSuggestions(config: TrustConfig, resources: readonly ('role' | 'root' | 'user')[] = ['role', 'root', 'user']): Suggestion[] {
  const out: Suggestion[] = [];
  for (const account of config.ownAccountIds) for (const r of resources) out.push(arnSuggestion(account, r, `your account ${account}`, 0));
  for (const account of config.partnerAccountIds) {
    for (const r of resources.filter((x) => x !== 'user')) {
      const s = arnSuggestion(account, r, `partner account ${account}`, 3);
      s.documentation += ' A third party: also require an `sts:ExternalId` condition.';
      out.push(s);
    }
  }
  if (out.length === 0) for (const r of resources) out.push(arnSuggestion(undefined, r, 'the account you trust', 0));
  return out;
}

export function servicePrincipalSuggestions(listed: readonly string[]): Suggestion[] {
  const taken = new Set(listed);
  return SERVICE_PRINCIPALS.filter((p) => !taken.has(p.principal)).map((p) => ({
    label: p.principal,
    kind: CompletionItemKind.Module,
    snippet: literal(p.principal),
    detail: p.service,
    documentation: `${p.service} assumes this role to act for you. Add \`aws:SourceAccount\` / \`aws:SourceArn\` conditions so it does so only for your own resources.\n\n[Source](${p.source})`,
    rank: 0,
  }));
}

function providerArn(provider: IdentityProvider, config: TrustConfig): string {
  const b = accountChoice(new SnippetBuilder().text('arn:aws:iam::'), config.ownAccountIds).text(provider.kind === 'saml' ? ':' : ':oidc-provider/');
  for (const part of templateParts(provider.issuerTemplate ?? provider.issuer!)) {
    if ('text' in part) b.text(part.text);
    else if (part.choices) b.choice(part.choices, part.placeholder);
    else b.placeholder(part.placeholder.toUpperCase());
  }
  return b.build();
}

function providerDocs(provider: IdentityProvider): string {
  const audience = provider.audience ? `\`aud\` = \`${provider.audience}\`` : undefined;
  const tenancy = provider.tenancyClaim === 'aud' && audience ? undefined : `\`${provider.tenancyClaim}\``;
  const claims = [audience, tenancy].filter(Boolean).join(' and ');
  const shared = provider.sharedIssuer
    ? `Every customer of ${provider.name} can get a token from this issuer: without a condition on \`${provider.tenancyClaim}\`, any of them can assume the role.`
    : `Without a condition on \`${provider.tenancyClaim}\`, everything this issuer signs tokens for can assume the role.`;
  return `Users of ${provider.name}. ${shared} Add conditions on ${claims}.\n\n[Source](${provider.source})`;
}

export function federatedSuggestions(config: TrustConfig, listed: readonly string[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const provider of IDENTITY_PROVIDERS) {
    if (provider.kind === 'web-identity') continue;
    const issuer = provider.issuerTemplate ?? provider.issuer!;
    out.push({
      label: `arn:aws:iam::…:${provider.kind === 'saml' ? '' : 'oidc-provider/'}${templateText(issuer)}`,
      kind: CompletionItemKind.Reference,
      snippet: providerArn(provider, config),
      detail: provider.name,
      documentation: `The ${provider.kind === 'saml' ? 'SAML' : 'OIDC'} identity provider you created in IAM for ${provider.name}. ${providerDocs(provider)}`,
      rank: 0,
    });
  }
  for (const name of WEB_IDENTITY_PROVIDERS) {
    if (listed.includes(name)) continue;
    const provider = providerForIssuer(name);
    out.push({
      label: name,
      kind: CompletionItemKind.Reference,
      snippet: literal(name),
      detail: provider?.name ?? 'web identity provider',
      documentation: provider ? providerDocs(provider) : `Users who sign in with ${name}. Add a condition on \`${name}:aud\` (your application id).`,
      rank: 1,
    });
  }
  return out;
}

/** `"Principal": |`: an object with one principal type. */
export function principalObjectSuggestions(): Suggestion[] {
  return ['AWS', 'Service', 'Federated'].map((type) => ({
    label: `{ "${type}": … }`,
    kind: CompletionItemKind.Struct,
    snippet: `{ "${type}": "$1" }`,
    structure: map([type, scalar('$1')]),
    documentation: `A principal of type ${type}.`,
    rank: 0,
    raw: true,
  }));
}

// ---------------------------------------------------------------------------------------------
// Condition operators and keys

/** Common operators first, then the rest, then `IfExists`, then the set-prefixed spellings. */
const COMMON_OPERATORS = ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike', 'Bool'];

export function operatorSuggestions(present: readonly string[]): Suggestion[] {
  const taken = new Set(present.map((p) => p.toLowerCase()));
  return allOperatorSpellings()
    .filter((name) => !taken.has(name.toLowerCase()))
    .map((name) => {
      const info = lookupOperator(name)!;
      const rank = COMMON_OPERATORS.includes(name) ? 0 : info.setPrefix ? 3 : info.ifExists ? 2 : 1;
      return {
        label: name,
        kind: CompletionItemKind.Operator,
        snippet: literal(name),
        value: map(['$1', scalar('$2')]),
        detail: `${info.base.family} operator`,
        documentation: describeOperator(info),
        rank,
      };
    });
}

const RECOMMENDED_FOR_AWS = ['aws:PrincipalOrgID', 'aws:PrincipalArn', 'sts:ExternalId', 'aws:PrincipalAccount', 'aws:PrincipalOrgPaths', 'aws:MultiFactorAuthPresent', 'sts:RoleSessionName', 'sts:SourceIdentity'];
const RECOMMENDED_FOR_SERVICE = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];

interface RankedKey {
  info: ConditionKeyInfo;
  rank: number;
}

/** The keys that apply to a statement: recommended for its principals, its actions' keys, the global keys. */
export function conditionKeysFor(statement: Statement | undefined): RankedKey[] {
  const out = new Map<string, RankedKey>();
  const add = (info: ConditionKeyInfo | undefined, rank: number) => {
    if (info && !out.has(info.key.toLowerCase())) out.set(info.key.toLowerCase(), { info, rank });
  };
  const principals = statement?.principals ?? [];
  const has = (type: string) => principals.some((p) => p.type === type || (type === 'AWS' && p.type === '*'));
  for (const p of principals) {
    if (p.type !== 'Federated' || p.value === undefined) continue;
    const found = federatedIssuer(p.value);
    if (!found) continue;
    const claims = providerClaimKeys(found.issuer);
    const first = (k: ConditionKeyInfo) => /:(aud|sub)$/i.test(k.key) || (found.provider && k.key.toLowerCase().endsWith(`:${found.provider.tenancyClaim}`));
    claims.filter(first).forEach((k) => add(k, 0));
    claims.forEach((k) => add(k, 1));
  }
  if (has('AWS') || principals.length === 0) RECOMMENDED_FOR_AWS.forEach((k) => add(lookupConditionKey(k), 0));
  if (has('Service') || principals.length === 0) RECOMMENDED_FOR_SERVICE.forEach((k) => add(lookupConditionKey(k), 0));
  const actions = grantedActions(statement);
  for (const action of actions.length ? actions : fittingActions(statement).length ? fittingActions(statement) : ['AssumeRole']) {
    actionConditionKeys(action).forEach((k) => add(k, 1));
  }
  GLOBAL_CONDITION_KEYS.forEach((k) => add(k, 2));
  return [...out.values()];
}

export function conditionKeyDocs(info: ConditionKeyInfo): string {
  const operators = operatorsForKeyType(info.type).map((o) => `\`${o}\``).join(', ');
  const multi = isMultiValuedType(info.type) ? ' Multi-valued: prefix the operator with `ForAnyValue:` (or `ForAllValues:`).' : '';
  const source = /^https?:/.test(info.source) ? `[Source](${info.source})` : `Source: ${info.source}`;
  return `${info.description}\n\nType: \`${info.type}\`. Operators: ${operators}.${multi}\n\n${source}`;
}

export function conditionKeySuggestions(statement: Statement | undefined, present: readonly string[], config: TrustConfig): Suggestion[] {
  const taken = new Set(present.map((p) => p.toLowerCase()));
  return conditionKeysFor(statement)
    .filter(({ info }) => !taken.has(info.key.toLowerCase()))
    .map(({ info, rank }) => {
      const known = conditionValueSuggestions(info.key, statement, config)[0];
      return {
        label: info.key,
        kind: CompletionItemKind.Property,
        snippet: isTemplateKey(info.key) ? new SnippetBuilder().variables(info.key).build() : literal(info.key),
        value: scalar(known && !known.raw ? known.snippet : '$1'),
        detail: info.type,
        documentation: conditionKeyDocs(info),
        rank,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Condition values

function valueSuggestion(value: string, documentation: string, rank = 0, snippet = literal(value)): Suggestion {
  return { label: value, kind: CompletionItemKind.Value, snippet, documentation, rank };
}

function subjectSuggestions(provider: IdentityProvider): Suggestion[] {
  return (provider.subjects ?? []).map((form, i) => {
    const b = new SnippetBuilder();
    for (const part of templateParts(form.template)) {
      if ('text' in part) b.text(part.text);
      else if (part.choices) b.choice(part.choices, part.placeholder);
      else b.placeholder(part.placeholder.toUpperCase());
    }
    const snippet = b.build();
    return { ...valueSuggestion(templateText(form.template), `${provider.name}: ${form.meaning}.\n\n[Source](${provider.source})`, i, snippet), kind: CompletionItemKind.Snippet };
  });
}

/** Values known for a key: provider audiences and subjects, the org id, a fresh ExternalId, booleans, accounts. */
export function conditionValueSuggestions(key: string, statement: Statement | undefined, config: TrustConfig): Suggestion[] {
  const info = lookupConditionKey(key);
  const lower = key.toLowerCase();
  const colon = key.indexOf(':');
  const claim = colon > 0 ? lower.slice(colon + 1) : '';
  const provider = info?.provider ?? (colon > 0 ? providerForIssuer(key.slice(0, colon)) : undefined);
  const out: Suggestion[] = [];
  if (provider && claim === 'aud' && provider.audience) {
    out.push(valueSuggestion(provider.audience, `The audience ${provider.name} issues for AWS. ${provider.audienceNote ?? ''}\n\n[Source](${provider.source})`));
  }
  if (provider && claim === provider.tenancyClaim) out.push(...subjectSuggestions(provider));
  for (const v of provider?.claimValues?.[claim] ?? []) out.push(valueSuggestion(v, `${provider!.name}: \`${claim}\` = \`${v}\`.`));
  switch (lower) {
    case 'aws:principalorgid':
      if (config.organizationId) out.push(valueSuggestion(config.organizationId, 'Your organization (`organizationId` in the configuration): every principal of its accounts, and nobody outside it.'));
      break;
    case 'sts:externalid':
      out.push(valueSuggestion(randomUUID(), 'A freshly generated random value. Give it to the third party; use a different one for each.'));
      break;
    case 'aws:principalaccount':
    case 'aws:sourceaccount':
      for (const a of config.ownAccountIds) out.push(valueSuggestion(a, `Your account ${a}.`));
      if (lower === 'aws:principalaccount') for (const a of config.partnerAccountIds) out.push(valueSuggestion(a, `Partner account ${a}.`, 1));
      break;
    case 'aws:principalarn':
      out.push(...awsPrincipalSuggestions(config, ['role']));
      break;
  }
  if (info && /^bool$/i.test(info.type)) {
    out.push(valueSuggestion('true', `\`${info.key}\` is true.`), valueSuggestion('false', `\`${info.key}\` is false.`, 1));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Snippets

interface TrustSnippet {
  prefix: string;
  description: string;
  body: string[];
}

const SNIPPETS: [string, TrustSnippet][] = Object.entries(trustSnippets as Record<string, TrustSnippet>);

/** The trust-pattern snippets (snippets/trust-policies.json): `trust-…` whole documents, `stmt-…` statements. */
export function snippetSuggestions(scope: 'document' | 'statement'): Suggestion[] {
  const prefix = scope === 'document' ? 'trust-' : 'stmt-';
  return SNIPPETS.filter(([, s]) => s.prefix.startsWith(prefix)).map(([name, s]) => {
    const body = s.body.join('\n');
    return {
      label: s.prefix,
      kind: CompletionItemKind.Snippet,
      snippet: body,
      detail: name,
      documentation: `${s.description}\n\n\`\`\`json\n${snippetPreview(body)}\n\`\`\``,
      rank: 0,
      raw: true,
    };
  });
}
