import { PropertyNode } from '../model/ast';
import { ConditionEntry, parseOperator, Statement } from '../model/policy';
import { lookupOperator } from '../aws/conditionOperators';
import { classifyAction } from '../aws/stsActions';
import { parseFederatedPrincipal } from '../aws/principals';
import { literalPrincipals } from './trustPrincipals';
import { replaceWord } from './grammar';
import { Fix } from './types';
import { actionConditionKeys } from '../aws/conditionKeys';
import { memoizeByText } from '../model/memo';

/**
 * What the group E rules (../shared/trust-checks.md, E: conditions) share: the operator blocks of
 * a statement, what a condition evaluates to when its key is absent from the request, what that
 * means for the statement, and the quick fix that renames an operator.
 */

/** The operator blocks of a statement's Condition (`"StringEquals": {...}`), whatever their value. */
export function operatorProperties(statement: Statement): PropertyNode[] {
  const value = statement.conditionProperty?.value;
  return value?.kind === 'object' ? value.properties : [];
}

/** The operator block a condition entry sits in. */
export function operatorBlockOf(statement: Statement, c: ConditionEntry): PropertyNode | undefined {
  return operatorProperties(statement).find((p) => p.keySpan.offset === c.operatorSpan.offset);
}

/** A key or operator written as a template placeholder (`${var.op}`) is not judged. */
export function isPlaceholder(word: string): boolean {
  return word.includes('${');
}

/**
 * What a condition evaluates to when the request has no such key (IAM User Guide,
 * reference_policies_elements_condition_operators and "Single-valued vs. multivalued context
 * keys"): `...IfExists` and `ForAllValues:` hold; negated operators hold; `Null` holds when it
 * says `true`; every other operator, and `ForAnyValue:`, fails. Undefined when it cannot be told
 * (a Null with a deploy-time value, an unknown operator).
 */
export function holdsWhenAbsent(c: ConditionEntry): boolean | undefined {
  const op = lookupOperator(c.operator);
  if (!op) return undefined;
  if (op.base.family === 'Null') {
    const texts = c.values.map((v) => (v.node.kind === 'boolean' ? String(v.node.value) : v.value));
    if (texts.some((t) => t === undefined)) return undefined;
    return texts.some((t) => t!.toLowerCase() === 'true');
  }
  if (op.ifExists || op.setPrefix === 'ForAllValues') return true;
  if (op.setPrefix === 'ForAnyValue') return false;
  return op.base.negated === true;
}

/** What a condition that always / never holds does to its statement, as a clause ("the condition is never true and ..."). */
export function consequence(statement: Statement, holds: boolean): string {
  if (statement.effect === 'Deny') return holds ? 'this Deny applies to every caller it names' : 'this Deny never applies';
  if (statement.effect === 'Allow') return holds ? 'the condition is always true and restricts nothing' : 'the condition is never true and nobody can assume the role through this statement';
  return holds ? 'the condition is always true' : 'the condition is never true';
}

/**
 * A fix that renames an operator block, keeping its quotes. None when another block of the same
 * Condition already has that name: the two would collide (duplicate-key), and merging them is not
 * an edit to make silently.
 */
export function renameOperatorFix(text: string, statement: Statement, operator: { key: string; keySpan: PropertyNode['keySpan'] }, newName: string, title: string): Fix[] | undefined {
  const lower = newName.toLowerCase();
  const collides = operatorProperties(statement).some((p) => p.keySpan.offset !== operator.keySpan.offset && p.key.toLowerCase() === lower);
  if (collides) return undefined;
  return [{ title, preferred: true, edits: [replaceWord(text, operator.keySpan, newName)] }];
}

/** The operator as written, with its base replaced (`ForAnyValue:StringEqualsIfExists` → `ForAnyValue:StringLikeIfExists`). */
export function withBase(operator: string, base: string): string {
  const op = parseOperator(operator);
  return `${op.setPrefix ? `${op.setPrefix}:` : ''}${base}${op.ifExists ? 'IfExists' : ''}`;
}

/**
 * The STS actions a statement grants, by name (`AssumeRole`), wildcards expanded; undefined when
 * that cannot be told: a deploy-time action, `NotAction`, or no action at all (action-missing).
 */
export function statementActionNames(statement: Statement): string[] | undefined {
  if (statement.notActionProperty || statement.actions.length === 0) return undefined;
  const names = new Set<string>();
  for (const a of statement.actions) {
    if (a.value === undefined) return undefined;
    const meaning = classifyAction(a.value);
    if (meaning.kind === 'trust' || meaning.kind === 'sts-other') names.add(meaning.name);
    if (meaning.kind === 'wildcard') meaning.grants.forEach((g) => names.add(g));
  }
  return [...names];
}

/**
 * The issuers a statement's literal Federated principals put in condition keys: the OIDC host
 * (and path) of an `oidc-provider/` ARN, the web identity provider's name, `SAML` for a SAML
 * provider (IAM User Guide, reference_policies_iam-condition-keys: keys of web identity and SAML
 * federation).
 */
export function federatedIssuers(statement: Statement): string[] {
  const out = new Set<string>();
  for (const p of literalPrincipals(statement, 'Federated')) {
    const parsed = parseFederatedPrincipal(p.value);
    if (parsed.kind === 'oidc') out.add(parsed.host);
    if (parsed.kind === 'web-identity') out.add(parsed.provider);
    if (parsed.kind === 'saml') out.add('SAML');
  }
  return [...out];
}

/** `${*}`, `${?}` and `${$}` are IAM's escapes for a literal `*`, `?` and `$` in a condition value. */
export function withoutEscapes(value: string): string {
  return value.replace(/\$\{[*?$]\}/g, '');
}

/**
 * Whether a written key is a form of a documented one, ignoring case as IAM does: a `${...}`
 * variable stands for any text (`aws:PrincipalTag/${TagKey}` covers `aws:PrincipalTag/x509Subject/CN`).
 */
export function keyFormMatches(documented: string, written: string): boolean {
  if (documented.toLowerCase() === written.toLowerCase()) return true;
  if (!documented.includes('${')) return false;
  return keyFormRegExp(documented).test(written);
}

/** The documented keys with variables are few and compared with every condition: each compiled once. */
const keyFormRegExp = memoizeByText(
  (documented: string): RegExp => {
    const body = documented
      .split(/\$\{[^}]*\}/)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+');
    return new RegExp(`^${body}$`, 'i');
  },
  { freeze: false },
);

/**
 * Whether `key` is a form of a condition key of the STS action `action` (`AssumeRole`): asked for
 * every condition of every statement, about a handful of actions and keys, so each pair is
 * answered once.
 */
export function actionHasKey(action: string, key: string): boolean {
  let hasKey = keysOfAction.get(action);
  if (!hasKey) {
    const documented = actionConditionKeys(action);
    hasKey = memoizeByText((written: string) => documented.some((k) => keyFormMatches(k.key, written)));
    keysOfAction.set(action, hasKey);
  }
  return hasKey(key);
}

/** By STS action name (the catalogue's spelling, from statementActionNames: a fixed set). */
const keysOfAction = new Map<string, (key: string) => boolean>();
