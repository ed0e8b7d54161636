import { ArrayNode, Node, ObjectNode, PropertyNode, Span, spanBetween, spanEnd } from '../model/ast';
import { hclValue, literalString, spanOf } from '../parser/hcl';
import { Attribute, Block } from './terraformBlocks';

/**
 * `data "aws_iam_policy_document"` → the neutral tree of the JSON policy the AWS provider renders
 * from it, with every span on the HCL token it comes from, so a rule reports `identifiers = ["*"]`
 * exactly where it is written:
 *
 *   statement { sid effect actions not_actions resources not_resources }   → a Statement item
 *   principals { type identifiers } / not_principals                       → Principal {type: identifiers}
 *   condition { test variable values }                                      → Condition {test: {variable: values}}
 *
 * Blocks of one kind are merged the way the provider merges them (two `principals` blocks of type
 * AWS give one `AWS` list). `dynamic` blocks and imported documents (`source_policy_documents`...)
 * are computed at plan time: they become unknown nodes.
 */

const STATEMENT_ATTRIBUTES: [string, string][] = [
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** Arguments that pull statements in from other documents. */
const IMPORTED_DOCUMENTS = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

function unknownOver(span: Span, text: string): Node {
  return { kind: 'unknown', span, text: text.substr(span.offset, span.length) };
}

function attributeProperty(key: string, a: Attribute): PropertyNode {
  return { key, keySpan: spanOf(a.nameNode), value: a.expression && hclValue(a.expression), span: spanOf(a.node) };
}

/** The span from the first to the last of some blocks. */
function spanOfBlocks(blocks: Block[]): Span {
  return spanBetween(spanOf(blocks[0].node), spanOf(blocks[blocks.length - 1].node));
}

/** Blocks named `name`, and `dynamic "name"` blocks. */
function blocksNamed(parent: Block, name: string): { literal: Block[]; dynamic: Block[] } {
  return {
    literal: parent.blocks.filter((b) => b.type === name),
    dynamic: parent.blocks.filter((b) => b.type === 'dynamic' && b.labels[0] === name),
  };
}

/** Values of blocks merged under one key: a single block keeps its own node, several become one list. */
function mergeValues(values: Node[], span: Span): Node {
  if (values.length === 1) return values[0];
  const items = values.flatMap((v) => (v.kind === 'array' ? v.items : [v]));
  const list: ArrayNode = { kind: 'array', span, items };
  return list;
}

interface Keyed {
  key: string;
  keySpan: Span;
  values: Node[];
  spans: Span[];
}

/** Groups entries by key in first-seen order, as the provider does. */
class KeyedGroups {
  private readonly groups = new Map<string, Keyed>();

  add(key: string, keySpan: Span, value: Node, span: Span): void {
    const g = this.groups.get(key);
    if (g) {
      g.values.push(value);
      g.spans.push(span);
    } else this.groups.set(key, { key, keySpan, values: [value], spans: [span] });
  }

  properties(): PropertyNode[] {
    return [...this.groups.values()].map((g) => {
      const span = spanBetween(g.spans[0], g.spans[g.spans.length - 1]);
      return { key: g.key, keySpan: g.keySpan, value: mergeValues(g.values, span), span };
    });
  }
}

/** `principals` / `not_principals` blocks as one `Principal` / `NotPrincipal` element. */
function principalProperty(statement: Block, blockName: string, key: string, text: string): PropertyNode | undefined {
  const { literal, dynamic } = blocksNamed(statement, blockName);
  const all = [...literal, ...dynamic].sort((a, b) => a.node.startIndex - b.node.startIndex);
  if (all.length === 0) return undefined;
  const span = spanOfBlocks(all);
  const keySpan = spanOf(all[0].typeNode);
  const groups = new KeyedGroups();
  let computed = dynamic.length > 0;
  for (const b of literal) {
    const type = b.attributes.get('type');
    const identifiers = b.attributes.get('identifiers');
    if (!type?.expression || !identifiers?.expression) continue; // half typed
    const typeName = literalString(type.expression);
    if (typeName === undefined) {
      computed = true;
      break;
    }
    groups.add(typeName, spanOf(type.expression), hclValue(identifiers.expression), spanOf(b.node));
  }
  const value: Node = computed ? unknownOver(span, text) : { kind: 'object', span, properties: groups.properties() };
  return { key, keySpan, value, span };
}

/** `condition` blocks as one `Condition` element: {test: {variable: values}}. */
function conditionProperty(statement: Block, text: string): PropertyNode | undefined {
  const { literal, dynamic } = blocksNamed(statement, 'condition');
  const all = [...literal, ...dynamic].sort((a, b) => a.node.startIndex - b.node.startIndex);
  if (all.length === 0) return undefined;
  const span = spanOfBlocks(all);
  const keySpan = spanOf(all[0].typeNode);
  let computed = dynamic.length > 0;
  const byTest = new Map<string, { keySpan: Span; variables: KeyedGroups; spans: Span[] }>();
  for (const b of literal) {
    const test = b.attributes.get('test')?.expression;
    const variable = b.attributes.get('variable')?.expression;
    const values = b.attributes.get('values')?.expression;
    if (!test || !variable || !values) continue; // half typed
    const testName = literalString(test);
    const variableName = literalString(variable);
    if (testName === undefined || variableName === undefined) {
      computed = true;
      break;
    }
    let entry = byTest.get(testName);
    if (!entry) byTest.set(testName, (entry = { keySpan: spanOf(test), variables: new KeyedGroups(), spans: [] }));
    entry.variables.add(variableName, spanOf(variable), hclValue(values), spanOf(b.node));
    entry.spans.push(spanOf(b.node));
  }
  if (computed) return { key: 'Condition', keySpan, value: unknownOver(span, text), span };
  const properties: PropertyNode[] = [...byTest].map(([test, e]) => {
    const s = spanBetween(e.spans[0], e.spans[e.spans.length - 1]);
    const inner: ObjectNode = { kind: 'object', span: s, properties: e.variables.properties() };
    return { key: test, keySpan: e.keySpan, value: inner, span: s };
  });
  return { key: 'Condition', keySpan, value: { kind: 'object', span, properties }, span };
}

function statementNode(block: Block, text: string): ObjectNode {
  const properties: PropertyNode[] = [];
  for (const [name, key] of STATEMENT_ATTRIBUTES) {
    const a = block.attributes.get(name);
    if (a) properties.push(attributeProperty(key, a));
  }
  if (!block.attributes.has('effect')) {
    // The provider writes "Effect": "Allow" when the block does not say (its documented default).
    const at = spanOf(block.typeNode);
    properties.push({ key: 'Effect', keySpan: at, value: { kind: 'string', span: at, value: 'Allow' }, span: at });
  }
  for (const p of [
    principalProperty(block, 'principals', 'Principal', text),
    principalProperty(block, 'not_principals', 'NotPrincipal', text),
    conditionProperty(block, text),
  ]) {
    if (p) properties.push(p);
  }
  return { kind: 'object', span: spanOf(block.node), properties };
}

/** The policy tree of one `data "aws_iam_policy_document"` block. */
export function policyDocumentTree(data: Block, text: string): ObjectNode {
  const properties: PropertyNode[] = [];
  const version = data.attributes.get('version');
  if (version) properties.push(attributeProperty('Version', version));
  else {
    // Rendered as "2012-10-17" unless the block says otherwise (the provider's default).
    properties.push({ key: 'Version', keySpan: data.header, value: { kind: 'string', span: data.header, value: '2012-10-17' }, span: data.header });
  }
  const policyId = data.attributes.get('policy_id');
  if (policyId) properties.push(attributeProperty('Id', policyId));

  const { literal, dynamic } = blocksNamed(data, 'statement');
  const statementBlocks = [...literal, ...dynamic].sort((a, b) => a.node.startIndex - b.node.startIndex);
  const items: Node[] = statementBlocks.map((b) => (b.type === 'dynamic' ? unknownOver(spanOf(b.node), text) : statementNode(b, text)));
  for (const name of IMPORTED_DOCUMENTS) {
    const a = data.attributes.get(name);
    // Statements merged in from other documents: what they say is not in this file.
    if (a) items.push(unknownOver(spanOf(a.node), text));
  }
  if (items.length) {
    items.sort((a, b) => a.span.offset - b.span.offset);
    const start = items[0].span.offset;
    const span = { offset: start, length: Math.max(...items.map((i) => spanEnd(i.span))) - start };
    const keySpan = statementBlocks.length ? spanOf(statementBlocks[0].typeNode) : items[0].span;
    properties.push({ key: 'Statement', keySpan, value: { kind: 'array', span, items }, span });
  }
  return { kind: 'object', span: spanOf(data.node), properties };
}
