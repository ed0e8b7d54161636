import { Node, PropertyNode } from '../model/ast';
import { ConditionEntry, parseOperator, Statement, TrustPolicy } from '../model/policy';
import { conditionIsUnknown, conditionValues, isNegatedOperator, isNullOperator } from '../model/zoneOfTrust';
import { IdentityProvider, providerForIssuer, samlProvider } from '../aws/oidcProviders';
import { parseFederatedPrincipal } from '../aws/principals';
import { classifyAction } from '../aws/stsActions';
import { replaceWord } from './grammar';
import { addConditionEdit } from './jsonEdits';
import { hasPolicyVariable } from './subjectForms';
import { LiteralPrincipal, literalPrincipals } from './trustPrincipals';
import { Fix } from './types';
import { memoizeLast } from '../model/memo';

/**
 * What the federation rules (trust-checks.md, F) share: which identity provider a statement
 * trusts, the conditions on that provider's claims, and the quick fix that adds a claim condition.
 *
 * IAM writes a provider's claims as condition keys `<issuer>:<claim>`: the issuer is the OIDC
 * provider's URL without `https://` (as in the `oidc-provider/...` ARN), the web identity
 * provider's name (`cognito-identity.amazonaws.com`), or `SAML` (IAM User Guide,
 * reference_policies_iam-condition-keys, "Available keys for identity federation"). Keys are
 * compared ignoring case.
 */

export interface FederatedTrust {
  statement: Statement;
  /** The `Federated` value: where a finding about a missing condition goes. */
  principal: LiteralPrincipal;
  kind: 'oidc' | 'web-identity' | 'saml';
  /** The issuer as condition keys spell it: the OIDC host and path, the provider's name, or `SAML`. */
  issuer: string;
  /** The provider table's entry, when IAM Trust knows the issuer. */
  provider?: IdentityProvider;
  /** The partition of the provider ARN (`aws` for the web identity providers named by name). */
  partition: string;
  /** The statement's conditions on this issuer's claims, in order, each with its claim (lower case). */
  claimed: readonly ClaimCondition[];
}

export interface ClaimCondition {
  claim: string;
  condition: ConditionEntry;
}

const ACTION_OF_KIND = { oidc: 'AssumeRoleWithWebIdentity', 'web-identity': 'AssumeRoleWithWebIdentity', saml: 'AssumeRoleWithSAML' } as const;

/** Whether a statement may grant `action` (by name); true when its actions cannot be read. */
export function mayGrant(statement: Statement, action: string): boolean {
  if (statement.notActionProperty || statement.actions.length === 0) return true;
  return statement.actions.some((a) => {
    if (a.value === undefined) return true;
    const meaning = classifyAction(a.value);
    if (meaning.kind === 'trust') return meaning.name === action;
    return meaning.kind === 'wildcard' && meaning.grants.includes(action);
  });
}

/**
 * The literal Federated principals of the Allow statements that may grant their sign-in action.
 * Values known only at deploy time name no provider and are left out.
 */
export function federatedTrusts(policy: TrustPolicy): readonly FederatedTrust[] {
  return trustsByPolicy(policy);
}

/** Ten federation rules ask for a policy's trusts in turn: found once per policy. */
const trustsByPolicy = memoizeLast((policy: TrustPolicy): FederatedTrust[] => {
  const out: FederatedTrust[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const principal of literalPrincipals(statement, 'Federated')) {
      const parsed = parseFederatedPrincipal(principal.value);
      if (parsed.kind === 'invalid' || !mayGrant(statement, ACTION_OF_KIND[parsed.kind])) continue;
      const issuer = parsed.kind === 'saml' ? 'SAML' : parsed.kind === 'oidc' ? parsed.host : parsed.provider;
      const provider = parsed.kind === 'saml' ? samlProvider() : providerForIssuer(issuer);
      const partition = parsed.kind === 'web-identity' ? 'aws' : parsed.partition;
      out.push({ statement, principal, kind: parsed.kind, issuer, provider, partition, claimed: claimsIn(statement, issuer) });
    }
  }
  return out;
});

/** Several rules ask for a trust's claim conditions, each several times: read once, when the trust is found. */
function claimsIn(statement: Statement, issuer: string): ClaimCondition[] {
  const out: ClaimCondition[] = [];
  for (const condition of statement.conditions) {
    const claim = claimOfIssuer(issuer, condition.key);
    if (claim !== undefined) out.push({ claim, condition });
  }
  return out;
}

/**
 * The rule that reports a missing condition on the provider's tenancy claim, so that each gap is
 * reported once, by the rule that can name its consequence: Amazon Cognito (cognito-aud), EKS
 * (eks-irsa-sub), the other shared issuers (oidc-sub-missing); oidc-no-condition for the rest.
 */
export function missingTenancyRule(provider: IdentityProvider | undefined): string {
  if (provider?.id === 'cognito-identity') return 'cognito-aud';
  if (provider?.id === 'eks-irsa') return 'eks-irsa-sub';
  if (provider?.sharedIssuer && provider.kind !== 'saml') return 'oidc-sub-missing';
  return 'oidc-no-condition';
}

/**
 * The claims whose values oidc-sub-malformed judges against the provider's subject grammar, for
 * the shared issuers whose table entry lists every default form.
 */
export function subjectClaimsJudged(provider: IdentityProvider | undefined): string[] {
  if (!provider?.subjectsComplete || missingTenancyRule(provider) !== 'oidc-sub-missing') return [];
  return ['sub', ...Object.keys(provider.claimForms ?? {})];
}

/** Condition keys (lower case) whose values the federation rules judge, so other rules stay out. */
export function claimKeysJudgedByFederation(policy: TrustPolicy): ReadonlySet<string> {
  return judgedKeysByPolicy(policy);
}

const judgedKeysByPolicy = memoizeLast((policy: TrustPolicy): Set<string> => {
  const keys = new Set<string>();
  for (const trust of federatedTrusts(policy)) {
    for (const claim of subjectClaimsJudged(trust.provider)) keys.add(claimKey(trust, claim).toLowerCase());
  }
  return keys;
});

/** Trusts of one provider (by table id). */
export function trustsOf(policy: TrustPolicy, providerId: string): FederatedTrust[] {
  return federatedTrusts(policy).filter((t) => t.provider?.id === providerId);
}

/** The condition key of a claim, as the statement should write it: `token.actions.githubusercontent.com:sub`, `SAML:aud`. */
export function claimKey(trust: FederatedTrust, claim: string): string {
  return `${trust.issuer}:${claim}`;
}

/** The claim a condition key names for this trust's issuer (`sub`), or undefined when it is another issuer's key. */
export function claimOf(trust: FederatedTrust, key: string): string | undefined {
  return claimOfIssuer(trust.issuer, key);
}

function claimOfIssuer(issuer: string, key: string): string | undefined {
  const prefix = `${issuer}:`.toLowerCase();
  return key.toLowerCase().startsWith(prefix) ? key.slice(prefix.length).toLowerCase() : undefined;
}

/** The conditions of the trust's statement on one of `claims`. */
export function claimConditions(trust: FederatedTrust, ...claims: string[]): ConditionEntry[] {
  const wanted = claims.map((c) => c.toLowerCase());
  const out: ConditionEntry[] = [];
  for (const { claim, condition } of trust.claimed) if (wanted.includes(claim)) out.push(condition);
  return out;
}

/**
 * A condition that requires the claim to match: not negated, not `Null`. The claims judged here
 * (`sub`, `aud`, `amr`) are in every token of their provider, so `...IfExists` and
 * `ForAllValues:` still compare them.
 */
export function requiresMatch(c: ConditionEntry): boolean {
  return !isNegatedOperator(c.operator) && !isNullOperator(c.operator);
}

/** The conditions that require one of `claims` to match. */
export function requiringConditions(trust: FederatedTrust, ...claims: string[]): ConditionEntry[] {
  return claimConditions(trust, ...claims).filter(requiresMatch);
}

/** Whether the statement has a condition that requires one of the provider's claims (any claim) to match. */
export function anyClaimCondition(trust: FederatedTrust): boolean {
  return trust.claimed.some(({ condition }) => requiresMatch(condition));
}

/**
 * Whether a Deny statement of the policy refuses this provider's tokens unless one of `claims`
 * matches (`"StringNotLike": {"<issuer>:sub": "repo:acme/*"}`): that evaluates the claim as surely
 * as a condition of the Allow. `unknown` when a Deny that might do so cannot be read.
 * `claims` empty: any claim of the provider.
 */
export function refusedUnlessClaim(policy: TrustPolicy, trust: FederatedTrust, claims: string[]): boolean | 'unknown' {
  let unknown = false;
  const wanted = claims.map((c) => c.toLowerCase());
  const denies = conditionalDenies(policy);
  for (const deny of [...denies.anyProvider, ...(denies.byProvider.get(trust.principal.value) ?? [])]) {
    const names = deny.principals.some((p) => p.value === '*' || (p.type === 'Federated' && p.value === trust.principal.value));
    const mayName = deny.principals.some((p) => p.value === undefined);
    if ((!names && !mayName) || !mayGrant(deny, ACTION_OF_KIND[trust.kind])) continue;
    if (conditionsUnreadable(deny)) {
      unknown = true;
      continue;
    }
    const refuses = deny.conditions.every((c) => {
      const claim = claimOf(trust, c.key);
      return claim !== undefined && (wanted.length === 0 || wanted.includes(claim)) && isNegatedOperator(c.operator) && c.values.length > 0;
    });
    if (!refuses) continue;
    if (names && conditionValuesKnown(deny)) return true;
    unknown = true;
  }
  return unknown ? 'unknown' : false;
}

/**
 * The Deny statements with conditions, the only ones that can refuse a provider's tokens, by the
 * providers they may name: any (a `*` or deploy-time principal) or one Federated value. Found once
 * per policy, so asking for each trust in turn is not trusts x statements work; a Deny that names
 * neither can refuse no trust and is left out.
 */
const conditionalDenies = memoizeLast((policy: TrustPolicy) => {
  const anyProvider: Statement[] = [];
  const byProvider = new Map<string, Statement[]>();
  for (const s of policy.statements) {
    if (s.effect !== 'Deny' || s.conditions.length === 0) continue;
    if (s.principals.some((p) => p.value === '*' || p.value === undefined)) {
      anyProvider.push(s);
      continue;
    }
    for (const value of new Set(s.principals.filter((p) => p.type === 'Federated').map((p) => p.value!))) {
      const list = byProvider.get(value) ?? [];
      if (list.length === 0) byProvider.set(value, list);
      list.push(s);
    }
  }
  return { anyProvider, byProvider };
});

function conditionValuesKnown(statement: Statement): boolean {
  return statement.conditions.every((c) => c.values.every((v) => v.value !== undefined));
}

/**
 * True when the statement's conditions cannot all be read: the Condition element or an operator
 * block is a deploy-time value, a key or operator is a template placeholder, or the element is
 * not an object at all (type-mismatch's business). Rules about a *missing* condition stay quiet.
 */
export function conditionsUnreadable(statement: Statement): boolean {
  const value = statement.conditionProperty?.value;
  if (value && value.kind !== 'object') return true;
  if (conditionIsUnknown(statement)) return true;
  if (value?.kind === 'object' && value.properties.some((op) => op.value?.kind !== 'object')) return true;
  return statement.conditions.some((c) => c.key.includes('${') || c.operator.includes('${'));
}

/** How an operator compares: exactly, as a pattern, or in a way the federation rules do not judge. */
export function comparison(operator: string): 'exact' | 'pattern' | undefined {
  const base = parseOperator(operator).base.toLowerCase();
  if (base === 'stringequals' || base === 'stringequalsignorecase') return 'exact';
  if (base === 'stringlike') return 'pattern';
  return undefined;
}

export function ignoresCase(operator: string): boolean {
  return /IgnoreCase$/i.test(parseOperator(operator).base);
}

export interface JudgedValue {
  condition: ConditionEntry;
  node: Node;
  text: string;
  /** Position in the condition's list of values. */
  index: number;
  /** `StringLike`: `*` and `?` are wildcards. */
  pattern: boolean;
  ignoreCase: boolean;
}

/**
 * The literal values of requiring `StringEquals`/`StringLike` conditions on `claims`: what the
 * value rules judge. Deploy-time values and values with policy variables are left out.
 */
export function judgedValues(trust: FederatedTrust, ...claims: string[]): JudgedValue[] {
  const out: JudgedValue[] = [];
  for (const condition of requiringConditions(trust, ...claims)) {
    const how = comparison(condition.operator);
    if (!how) continue;
    conditionValues(condition).forEach((v, index) => {
      if (v.text === undefined || hasPolicyVariable(v.text)) return;
      out.push({ condition, node: v.node, text: v.text, index, pattern: how === 'pattern', ignoreCase: ignoresCase(condition.operator) });
    });
  }
  return out;
}

/** True when `value` has a `*` or `?` that the operator reads as a wildcard (escapes excluded). */
export function hasWildcard(v: Pick<JudgedValue, 'text' | 'pattern'>): boolean {
  return /[*?]/.test(v.pattern ? v.text.replace(/\$\{[*?$]\}/g, '') : v.text);
}

/** A preferred fix adding `"<key>": "<value>"` under `StringEquals` (jsonEdits.addConditionEdit). JSON only: callers check the format. */
export function addConditionFix(text: string, statement: Statement, key: string, value: string, title: string): Fix | undefined {
  const edit = addConditionEdit(text, statement, 'StringEquals', key, value);
  return edit && { title, preferred: true, edits: [edit] };
}

/** "IAM refuses ..." for providers whose identity-provider controls IAM enforces; empty otherwise. */
export function identityProviderControlsSentence(provider: IdentityProvider | undefined): string {
  const controls = provider?.identityProviderControls;
  if (!controls) return '';
  const keys = controls.claims.map((c) => `:${c}`).join(' or ');
  return controls.unconfirmed
    ? ` IAM is reported to refuse creating or updating a trust policy for ${provider!.name} that does not check ${keys} (identity-provider controls for shared OIDC providers; unconfirmed).`
    : ` IAM refuses to create or update a trust policy for ${provider!.name} that does not check ${keys} (IAM User Guide: identity-provider controls for shared OIDC providers).`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The operator block (`"StringEquals": {...}`) that holds a condition entry. */
export function operatorBlock(statement: Statement, c: ConditionEntry): PropertyNode | undefined {
  const value = statement.conditionProperty?.value;
  return value?.kind === 'object' ? value.properties.find((p) => p.keySpan.offset === c.operatorSpan.offset) : undefined;
}

/** The entries of the operator block that holds `c` (`c` included). */
export function blockEntries(statement: Statement, c: ConditionEntry): ConditionEntry[] {
  return statement.conditions.filter((e) => e.operatorSpan.offset === c.operatorSpan.offset);
}

/**
 * A fix that renames the operator block holding `c`, keeping its quotes; none when another block
 * already has that name (the two would collide, and merging them is not a silent edit).
 */
export function renameBlockFix(text: string, statement: Statement, c: ConditionEntry, newName: string, title: string): Fix | undefined {
  const block = operatorBlock(statement, c);
  const value = statement.conditionProperty?.value;
  if (!block || value?.kind !== 'object') return undefined;
  if (value.properties.some((p) => p !== block && p.key.toLowerCase() === newName.toLowerCase())) return undefined;
  return { title, preferred: true, edits: [replaceWord(text, block.keySpan, newName)] };
}

/** The operator as written with its base replaced, keeping `ForAnyValue:` and `IfExists`. */
export function withOperatorBase(operator: string, base: string): string {
  const op = parseOperator(operator);
  return `${op.setPrefix ? `${op.setPrefix}:` : ''}${base}${op.ifExists ? 'IfExists' : ''}`;
}
