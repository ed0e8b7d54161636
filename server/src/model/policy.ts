import { ArrayNode, asList, getPropertyIgnoreCase, Node, ObjectNode, PropertyNode, Span } from './ast';
import { memoizeByText } from './memo';

/**
 * The typed view of a trust policy that rules read. It is built leniently: every element is
 * looked up whatever its type, so a half-typed or wrongly typed document still yields a model and
 * the type problems are reported by `type-mismatch`, not by crashes.
 */
export interface TrustPolicy {
  /** The policy document node (an object when well formed). */
  root: Node;
  version?: PropertyNode;
  statementProperty?: PropertyNode;
  statements: Statement[];
}

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  node: ObjectNode;
  index: number;
  sid?: PropertyNode;
  effectProperty?: PropertyNode;
  /** The literal effect when it is exactly `Allow` or `Deny`; undefined when missing, invalid or unknown. */
  effect?: Effect;
  principalProperty?: PropertyNode;
  notPrincipalProperty?: PropertyNode;
  /** Principals from `Principal` (not `NotPrincipal`), flattened. */
  principals: Principal[];
  actionProperty?: PropertyNode;
  notActionProperty?: PropertyNode;
  /** Items of `Action` (not `NotAction`). */
  actions: ValueItem[];
  conditionProperty?: PropertyNode;
  conditions: ConditionEntry[];
  resourceProperty?: PropertyNode;
  notResourceProperty?: PropertyNode;
}

/** A string item of a list element; `value` is undefined when the item is unknown or not a string. */
export interface ValueItem {
  node: Node;
  value?: string;
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | string;

export interface Principal extends ValueItem {
  /** `*` for the bare-string form `"Principal": "*"`. */
  type: PrincipalType;
  /** The span of the type key (`"AWS"`), or of the bare value. */
  typeSpan: Span;
}

export interface ConditionEntry {
  /** As written, e.g. `ForAnyValue:StringLike`. */
  operator: string;
  operatorSpan: Span;
  /** As written, e.g. `token.actions.githubusercontent.com:sub`. */
  key: string;
  keySpan: Span;
  /** The value node as written (a string, a list, an unknown...). */
  valueNode?: Node;
  values: ValueItem[];
}

function items(node: Node | undefined): ValueItem[] {
  return asList(node).map((n) => ({ node: n, value: n.kind === 'string' ? n.value : undefined }));
}

function statementNodes(prop: PropertyNode | undefined): ObjectNode[] {
  const value = prop?.value;
  if (!value) return [];
  if (value.kind === 'object') return [value];
  if (value.kind === 'array') return (value as ArrayNode).items.filter((n): n is ObjectNode => n.kind === 'object');
  return [];
}

function principalsOf(prop: PropertyNode | undefined): Principal[] {
  const value = prop?.value;
  if (!value) return [];
  if (value.kind === 'string' || value.kind === 'unknown') {
    return [{ type: '*', typeSpan: value.span, node: value, value: value.kind === 'string' ? value.value : undefined }];
  }
  if (value.kind !== 'object') return [];
  const out: Principal[] = [];
  for (const p of value.properties) {
    // Built field by field: spreading a ValueItem here was the costliest step of the model.
    for (const n of asList(p.value)) out.push({ node: n, value: n.kind === 'string' ? n.value : undefined, type: p.key, typeSpan: p.keySpan });
  }
  return out;
}

function conditionsOf(prop: PropertyNode | undefined): ConditionEntry[] {
  const value = prop?.value;
  if (!value || value.kind !== 'object') return [];
  const out: ConditionEntry[] = [];
  for (const op of value.properties) {
    if (!op.value || op.value.kind !== 'object') continue;
    for (const k of op.value.properties) {
      out.push({
        operator: op.key,
        operatorSpan: op.keySpan,
        key: k.key,
        keySpan: k.keySpan,
        valueNode: k.value,
        values: items(k.value),
      });
    }
  }
  return out;
}

/** The elements a statement model reads, by their lower-case names. */
type ElementName = 'sid' | 'effect' | 'principal' | 'notprincipal' | 'action' | 'notaction' | 'condition' | 'resource' | 'notresource';

const ELEMENT_NAMES: ReadonlySet<string> = new Set<ElementName>(['sid', 'effect', 'principal', 'notprincipal', 'action', 'notaction', 'condition', 'resource', 'notresource']);

/**
 * The statement's elements, each the first property of its name in any case (what
 * getPropertyIgnoreCase finds), in one pass over the properties rather than one search per name.
 */
function statementElements(node: ObjectNode): Partial<Record<ElementName, PropertyNode>> {
  const found: Partial<Record<ElementName, PropertyNode>> = {};
  for (const p of node.properties) {
    const name = p.key.toLowerCase();
    if (ELEMENT_NAMES.has(name)) found[name as ElementName] ??= p;
  }
  return found;
}

export function buildStatement(node: ObjectNode, index: number): Statement {
  const elements = statementElements(node);
  const effectProperty = elements.effect;
  const effectValue = effectProperty?.value;
  const principalProperty = elements.principal;
  const actionProperty = elements.action;
  const conditionProperty = elements.condition;
  return {
    node,
    index,
    sid: elements.sid,
    effectProperty,
    effect:
      effectValue?.kind === 'string' && (effectValue.value === 'Allow' || effectValue.value === 'Deny')
        ? effectValue.value
        : undefined,
    principalProperty,
    notPrincipalProperty: elements.notprincipal,
    principals: principalsOf(principalProperty),
    actionProperty,
    notActionProperty: elements.notaction,
    actions: items(actionProperty?.value),
    conditionProperty,
    conditions: conditionsOf(conditionProperty),
    resourceProperty: elements.resource,
    notResourceProperty: elements.notresource,
  };
}

/**
 * The last model built, with its root. Parsed trees are never changed afterwards, and the same
 * root is modelled twice in a row when a file is recognised as a trust policy by its content
 * (formats/trustShape) and then analysed (documents.makeSource): one model serves both, and so do
 * the per-policy caches keyed by it. One entry, not a WeakMap over every tree: weak entries make
 * the garbage collector keep short-lived trees longer, which cost more than the second build.
 */
let last: { root: Node; policy: TrustPolicy } | undefined;

export function buildTrustPolicy(root: Node): TrustPolicy {
  if (last?.root === root) return last.policy;
  const statementProperty = getPropertyIgnoreCase(root, 'Statement');
  const policy: TrustPolicy = {
    root,
    version: getPropertyIgnoreCase(root, 'Version'),
    statementProperty,
    statements: statementNodes(statementProperty).map(buildStatement),
  };
  last = { root, policy };
  return policy;
}

/** Condition helpers shared by the condition-aware rules. */

export interface OperatorParts {
  setPrefix?: 'ForAnyValue' | 'ForAllValues';
  base: string;
  ifExists: boolean;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts. Rules ask about every condition: each operator is read once. */
export function parseOperator(operator: string): OperatorParts {
  return operatorParts(operator);
}

const operatorParts = memoizeByText((operator: string): OperatorParts => {
  let rest = operator;
  let setPrefix: 'ForAnyValue' | 'ForAllValues' | undefined;
  const m = /^(ForAnyValue|ForAllValues):(.*)$/i.exec(rest);
  if (m) {
    setPrefix = m[1].toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
    rest = m[2];
  }
  const ifExists = /IfExists$/i.test(rest) && rest.toLowerCase() !== 'ifexists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  return { setPrefix, base, ifExists };
});

/** Condition entries of a statement for a key, compared case-insensitively as IAM does. */
export function conditionsFor(statement: Statement, key: string): ConditionEntry[] {
  const lower = key.toLowerCase();
  return statement.conditions.filter((c) => c.key.toLowerCase() === lower);
}
