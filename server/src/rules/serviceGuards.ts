import exceptionTable from '../../data/service-principal-exceptions.json';
import { Node, spanEnd } from '../model/ast';
import { Statement, TrustPolicy } from '../model/policy';
import { lookupServicePrincipal } from '../aws/services';
import { LiteralPrincipal, literalPrincipals, principalsMayBeUnknown } from './trustPrincipals';
import { statementActionNames } from './conditionChecks';
import { indentBefore, isJson, newlineOf } from './grammar';
import { RuleContext, TextEdit } from './types';
import { memoizeLast } from '../model/memo';

/**
 * What the group G rules (../shared/trust-checks.md, G: service principals) share: which service
 * a principal names, the services for which the confused-deputy guard is optional or impossible
 * (server/data/service-principal-exceptions.json, each entry with its source), and the actions a
 * service must be allowed, with the quick fix that adds them.
 */

export interface ServicePrincipalException {
  principal: string;
  /** `passRole`: the guard is optional hardening; `noSourceKeys`: the service sends no source keys. */
  kind: 'passRole' | 'noSourceKeys';
  service: string;
  why: string;
  status: 'documented' | 'reported';
  source: string;
}

export const SERVICE_PRINCIPAL_EXCEPTIONS: readonly ServicePrincipalException[] = exceptionTable.exceptions as ServicePrincipalException[];

export function serviceException(principal: string): ServicePrincipalException | undefined {
  return SERVICE_PRINCIPAL_EXCEPTIONS.find((e) => e.principal === principal);
}

/** The keys that tie a service's request to the resource it acts for (IAM User Guide, "The confused deputy problem"). */
export const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];

export const POD_IDENTITY = 'pods.eks.amazonaws.com';
export const ROLES_ANYWHERE = 'rolesanywhere.amazonaws.com';

/** A literal Service principal and the catalogue principal it names (its global form). */
export interface NamedService {
  statement: Statement;
  principal: LiteralPrincipal;
  /** `lambda.amazonaws.com`, also for `lambda.amazonaws.com.cn`. */
  name: string;
}

/** The Service principals of Allow statements that name a catalogue service; other values are left to group B. */
export function allowedServices(policy: TrustPolicy): readonly NamedService[] {
  return servicesByPolicy(policy);
}

/** Several group G rules ask for them in turn: found once per policy. */
const servicesByPolicy = memoizeLast((policy: TrustPolicy): NamedService[] => {
  const out: NamedService[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const principal of literalPrincipals(statement, 'Service')) {
      const found = lookupServicePrincipal(principal.value);
      if (found.kind === 'known') out.push({ statement, principal, name: found.info.principal });
    }
  }
  return out;
});

/**
 * The STS actions the policy allows `service` (its global form), over every statement that names
 * it; undefined when a deploy-time value (an effect, a principal, an action) may change that.
 */
export function actionsAllowedTo(policy: TrustPolicy, service: string): Set<string> | undefined {
  const granted = new Set<string>();
  for (const statement of policy.statements) {
    const names = literalPrincipals(statement, 'Service').some((p) => {
      const found = lookupServicePrincipal(p.value);
      return found.kind === 'known' && found.info.principal === service;
    });
    const effectUnknown = statement.effectProperty?.value?.kind === 'unknown';
    if (statement.effect !== 'Allow' && !effectUnknown) continue;
    if (!names) {
      if (principalsMayBeUnknown(statement) && statement.principalProperty) return undefined;
      continue;
    }
    const actions = statementActionNames(statement);
    if (effectUnknown || !actions) return undefined;
    actions.forEach((a) => granted.add(a));
  }
  return granted;
}

/** `["sts:AssumeRole", "sts:TagSession"]` → `sts:AssumeRole and sts:TagSession`. */
export function actionList(actions: readonly string[]): string {
  const named = actions.map((a) => `sts:${a}`);
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/**
 * Adds actions to a statement's `Action` in JSON, in its own layout: a single string becomes a
 * list, a list gets the new items after its last one (on new lines when it has one item a line).
 * Undefined when the Action is not a literal string or a non-empty list.
 */
export function addActionsEdit(text: string, statement: Statement, actions: readonly string[]): TextEdit | undefined {
  const value: Node | undefined = statement.actionProperty?.value;
  const quoted = actions.map((a) => JSON.stringify(`sts:${a}`));
  if (value?.kind === 'string') {
    return { span: value.span, newText: `[${text.substr(value.span.offset, value.span.length)}, ${quoted.join(', ')}]` };
  }
  if (value?.kind !== 'array' || value.items.length === 0) return undefined;
  const last = value.items[value.items.length - 1];
  const indent = indentBefore(text, last.span.offset);
  const newline = newlineOf(text);
  const separator = indent === undefined ? ', ' : `,${newline}${indent}`;
  return { span: { offset: spanEnd(last.span), length: 0 }, newText: quoted.map((q) => `${separator}${q}`).join('') };
}

/**
 * Reports each Allow statement that names `service` when the policy does not allow it every one
 * of `required` (names without `sts:`), with a JSON fix adding the missing ones to that statement.
 */
export function reportMissingActions(
  { policy, source, text, report }: RuleContext,
  service: string,
  required: readonly string[],
  message: (missing: string[]) => string,
): void {
  const allowed = actionsAllowedTo(policy, service);
  if (!allowed) return;
  const missing = required.filter((a) => !allowed.has(a));
  if (missing.length === 0) return;
  for (const named of allowedServices(policy).filter((s) => s.name === service)) {
    const edit = isJson(source) ? addActionsEdit(text, named.statement, missing) : undefined;
    report({
      span: named.principal.node.span,
      message: message(missing),
      fixes: edit ? [{ title: `Add ${actionList(missing)} to Action`, preferred: true, edits: [edit] }] : undefined,
    });
  }
}
