import { Span, spanBetween } from '../model/ast';
import { childrenOf, HclNode, literalString, namedChildrenOf, spanOf } from '../parser/hcl';

/** A Terraform block (`resource "aws_iam_role" "x" { ... }`) read off the HCL tree. */
export interface Block {
  node: HclNode;
  /** `resource`, `data`, `statement`, `dynamic`... */
  type: string;
  typeNode: HclNode;
  /** Label values (undefined for a label written as a template). */
  labels: (string | undefined)[];
  /** `resource "aws_iam_role" "x"`: the declaration a diagnostic about the whole block points at. */
  header: Span;
  attributes: Map<string, Attribute>;
  blocks: Block[];
}

export interface Attribute {
  name: string;
  nameNode: HclNode;
  /** The value expression; missing while the user is still typing (`name = `). */
  expression?: HclNode;
  node: HclNode;
}

function bodyOf(node: HclNode): HclNode | undefined {
  return namedChildrenOf(node).find((c) => c.type === 'body');
}

function readAttribute(node: HclNode): Attribute | undefined {
  const nameNode = node.firstNamedChild;
  if (!nameNode || nameNode.type !== 'identifier') return undefined;
  const expression = namedChildrenOf(node).find((c) => c.type === 'expression');
  return { name: nameNode.text, nameNode, expression, node };
}

function header(node: HclNode): { typeNode: HclNode; labelNodes: HclNode[] } | undefined {
  const parts = namedChildrenOf(node);
  const typeNode = parts[0];
  if (!typeNode || typeNode.type !== 'identifier') return undefined;
  return { typeNode, labelNodes: parts.filter((c) => c.type === 'string_lit' || c.type === 'identifier').slice(1) };
}

function labelValue(label: HclNode): string | undefined {
  return label.type === 'identifier' ? label.text : literalString(label);
}

export function readBlock(node: HclNode): Block | undefined {
  const head = header(node);
  if (!head) return undefined;
  const { typeNode, labelNodes } = head;
  const last = labelNodes[labelNodes.length - 1] ?? typeNode;
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  const body = bodyOf(node);
  for (const child of body ? childrenOf(body) : []) {
    if (child.type === 'attribute') {
      const a = readAttribute(child);
      // Terraform rejects a repeated argument; the first one is what a reader sees first.
      if (a && !attributes.has(a.name)) attributes.set(a.name, a);
    } else if (child.type === 'block') {
      const b = readBlock(child);
      if (b) blocks.push(b);
    }
  }
  return {
    node,
    type: typeNode.text,
    typeNode,
    labels: labelNodes.map(labelValue),
    header: spanBetween(spanOf(typeNode), spanOf(last)),
    attributes,
    blocks,
  };
}

/**
 * The top-level blocks of a file that `wanted` selects by type and labels; only those are read
 * further, so a large module of other resources costs little more than its parse.
 */
export function topLevelBlocks(root: HclNode, wanted: (type: string, labels: (string | undefined)[]) => boolean): Block[] {
  const body = root.type === 'config_file' ? bodyOf(root) : root;
  const out: Block[] = [];
  for (const child of body ? childrenOf(body) : []) {
    if (child.type !== 'block') continue;
    const head = header(child);
    if (!head || !wanted(head.typeNode.text, head.labelNodes.slice(0, 1).map(labelValue))) continue;
    const b = readBlock(child);
    if (b) out.push(b);
  }
  return out;
}
