import { replaceStringEdit } from './jsonEdits';
import { Node, ObjectNode, PropertyNode, spanEnd, StringNode } from '../model/ast';
import { Principal, Statement, TrustPolicy } from '../model/policy';
import { parseFederatedPrincipal, partitionOf } from '../aws/principals';
import { TextEdit } from './types';

/**
 * What the group B rules (../shared/trust-checks.md, B: what IAM accepts in a trust policy) share:
 * reading principal values, the statement's principal kinds and the policy's partition.
 */

/** The three principal types a role trust policy accepts. */
export const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated'] as const;

/** A principal whose value is a literal string (unknown values are never judged). */
export interface LiteralPrincipal extends Principal {
  node: StringNode;
  value: string;
}

export function literalPrincipals(statement: Statement, type?: string): LiteralPrincipal[] {
  return statement.principals.filter(
    (p): p is LiteralPrincipal => p.node.kind === 'string' && (type === undefined || p.type === type),
  );
}

/** `*` or `?` inside a value that is not the whole-value `*`: principal-partial-wildcard's business. */
export function hasPartialWildcard(value: string): boolean {
  return value !== '*' && /[*?]/.test(value);
}

/** True when the Principal element, or any principal in it, is known only at deploy time. */
export function principalsMayBeUnknown(statement: Statement): boolean {
  const value = statement.principalProperty?.value;
  if (!value || value.kind === 'unknown') return true;
  return statement.principals.some((p) => p.node.kind === 'unknown');
}

/** Which kinds of federated principal a statement trusts, from its literal Federated values. */
export function federatedKinds(statement: Statement): { saml: boolean; webIdentity: boolean } {
  let saml = false;
  let webIdentity = false;
  for (const p of literalPrincipals(statement, 'Federated')) {
    const kind = parseFederatedPrincipal(p.value).kind;
    if (kind === 'saml') saml = true;
    if (kind === 'oidc' || kind === 'web-identity') webIdentity = true;
  }
  return { saml, webIdentity };
}

/**
 * The partitions the policy's own ARNs name (AWS and Federated principals, ARN condition values):
 * what a service principal's suffix is compared with. Empty when nothing says.
 */
export function policyPartitions(policy: TrustPolicy): Set<string> {
  const found = new Set<string>();
  const add = (value: string | undefined) => {
    const partition = value && partitionOf(value);
    if (partition) found.add(partition);
  };
  for (const s of policy.statements) {
    for (const p of s.principals) if (p.type !== 'Service') add(p.value);
    for (const c of s.conditions) for (const v of c.values) add(v.value);
  }
  return found;
}

/**
 * Removes a property from an object with the separator that joins it to its neighbours: up to the
 * next property's start, or from the previous property's end when it is the last one. Works for
 * JSON; callers offer it only there.
 */
export function removeProperty(object: ObjectNode, property: PropertyNode): TextEdit {
  const props = object.properties;
  const i = props.indexOf(property);
  if (i >= 0 && i + 1 < props.length) {
    return { span: { offset: property.span.offset, length: props[i + 1].span.offset - property.span.offset }, newText: '' };
  }
  if (i > 0) {
    const start = spanEnd(props[i - 1].span);
    return { span: { offset: start, length: spanEnd(property.span) - start }, newText: '' };
  }
  return { span: property.span, newText: '' };
}

/**
 * Replaces a string value's text in whatever form the source spells it: a JSON/HCL string token,
 * a YAML plain or quoted scalar, or JSON escaped inside a Terraform string. Undefined when the
 * value cannot be written safely in that form, and no fix is offered.
 */
export function replaceStringValue(text: string, node: Node, newValue: string): TextEdit | undefined {
  if (node.kind !== 'string') return undefined;
  const raw = text.substr(node.span.offset, node.span.length);
  if (raw === JSON.stringify(node.value)) {
    return { span: { offset: node.span.offset + 1, length: node.span.length - 2 }, newText: JSON.stringify(newValue).slice(1, -1) };
  }
  // Not a JSON string token: a YAML plain or quoted scalar, or JSON escaped inside a Terraform string.
  return replaceStringEdit(text, node, newValue, raw.startsWith('\\"') ? 'json-in-string' : 'yaml');
}
