import type { RoleFacts } from '../documents';
import { Node } from '../model/ast';
import { childrenOf, decodeTemplate, HclNode, hclSyntaxProblems, hclValue, namedChildrenOf, spanOf, withHclTree } from '../parser/hcl';
import { SyntaxProblem } from '../parser/json';
import { FoundPolicies, FoundPolicy } from './found';
import { SpanMap } from './remap';
import { parseJsonTemplate } from './template';
import { Block, topLevelBlocks } from './terraformBlocks';
import { policyDocumentTree } from './terraformPolicyDocument';
import { looksLikeTrustPolicyTree } from './trustShape';

/**
 * Terraform: the trust policy of `resource "aws_iam_role"` is its `assume_role_policy`, written as
 *   - `jsonencode({...})` of an HCL object (`=` or `:` syntax)          → format hcl
 *   - a heredoc of JSON (`<<EOF`, `<<-EOF`), `${...}` allowed             → format json
 *   - a quoted JSON string with `\"` escapes                              → format json-in-string
 *   - `data.aws_iam_policy_document.X.json`: the data source's policy gets the role facts
 * and `max_session_duration` and `name` are the role facts. A `data "aws_iam_policy_document"`
 * that no role here uses counts when its content is a trust policy (principals, sts: actions,
 * no resources).
 */

/** Cheap text test before parsing. */
export function mayHoldTerraformTrust(text: string): boolean {
  return text.includes('aws_iam_role') || text.includes('aws_iam_policy_document');
}

const DATA_REFERENCE = /^data\.aws_iam_policy_document\.([\w-]+)\.(?:minified_)?json$/;

/** The expression's only meaningful child, through `expression`/`template_expr` wrappers. */
function unwrap(node: HclNode): HclNode {
  let n = node;
  while (n.type === 'expression' || n.type === 'template_expr' || n.type === 'literal_value') {
    const named = namedChildrenOf(n);
    if (named.length !== 1) return n;
    n = named[0];
  }
  return n;
}

/**
 * The JSON between a heredoc's opening line and its closing marker, parsed as a template
 * (Terraform interpolates `${...}` in heredocs). Indentation of `<<-` does not matter to JSON.
 */
function heredocPolicy(heredoc: HclNode, text: string): { root?: Node; problems: SyntaxProblem[] } {
  const markers = childrenOf(heredoc).filter((c) => c.type === 'heredoc_identifier');
  const opening = markers[0];
  if (!opening) return { problems: [] };
  const lineEnd = text.indexOf('\n', opening.endIndex);
  const start = lineEnd < 0 ? heredoc.endIndex : lineEnd + 1;
  const closing = markers.length > 1 ? markers[markers.length - 1] : undefined;
  const end = closing ? text.lastIndexOf('\n', closing.startIndex - 1) + 1 : heredoc.endIndex;
  return parseJsonTemplate(text.slice(start, Math.max(start, end)), start);
}

/** A JSON policy inside a quoted Terraform string: decoded, parsed, and mapped back. */
function stringPolicy(quoted: HclNode, text: string): { root?: Node; problems: SyntaxProblem[] } {
  const decoded = decodeTemplate(quoted, true);
  if (!decoded) return { problems: [] };
  const parsed = parseJsonTemplate(decoded.text);
  const map = new SpanMap(decoded.offsets, text);
  return { root: parsed.root && map.node(parsed.root), problems: parsed.problems.map((p) => map.problem(p)) };
}

type PolicyOrReference = { kind: 'policy'; found: Omit<FoundPolicy, 'scope' | 'role'> } | { kind: 'reference'; dataName: string } | undefined;

function readAssumeRolePolicy(expression: HclNode, text: string): PolicyOrReference {
  const reference = DATA_REFERENCE.exec(expression.text.replace(/\s+/g, ''));
  if (reference) return { kind: 'reference', dataName: reference[1] };
  const inner = unwrap(expression);
  if (inner.type === 'function_call') {
    const root = hclValue(expression);
    return root.kind === 'object' ? { kind: 'policy', found: { format: 'hcl', root, problems: [] } } : undefined;
  }
  if (inner.type === 'heredoc_template') {
    const { root, problems } = heredocPolicy(inner, text);
    return root && root.kind !== 'unknown' ? { kind: 'policy', found: { format: 'json', root, problems } } : undefined;
  }
  if (inner.type === 'string_lit' || inner.type === 'quoted_template') {
    const { root, problems } = stringPolicy(inner, text);
    return root && root.kind !== 'unknown' ? { kind: 'policy', found: { format: 'json-in-string', root, problems } } : undefined;
  }
  // var.x, local.x, file(...), templatefile(...): the policy is elsewhere.
  return undefined;
}

function roleFacts(role: Block): RoleFacts {
  const value = (name: string) => {
    const e = role.attributes.get(name)?.expression;
    return e && hclValue(e);
  };
  return { origin: 'terraform', roleName: value('name'), maxSessionDuration: value('max_session_duration'), span: role.header };
}

function isResource(b: Block, type: string): boolean {
  return b.type === 'resource' && b.labels[0] === type;
}

function isPolicyDocument(b: Block): boolean {
  return b.type === 'data' && b.labels[0] === 'aws_iam_policy_document' && b.labels[1] !== undefined;
}

/**
 * Trust policies of a Terraform file, in file order; undefined when the HCL parser is not loaded
 * yet (see initParsers in documents.ts).
 */
export function terraformPolicies(text: string): FoundPolicies | undefined {
  return withHclTree(text, (root) => {
    const blocks = topLevelBlocks(root, (type, [kind]) => (type === 'resource' && kind === 'aws_iam_role') || (type === 'data' && kind === 'aws_iam_policy_document'));
    const syntax = root.hasError ? hclSyntaxProblems(root) : [];
    const found: FoundPolicy[] = [];
    const rolesOfData = new Map<string, RoleFacts[]>();

    for (const role of blocks.filter((b) => isResource(b, 'aws_iam_role'))) {
      const expression = role.attributes.get('assume_role_policy')?.expression;
      if (!expression) continue;
      const read = readAssumeRolePolicy(expression, text);
      if (!read) continue;
      const facts = roleFacts(role);
      if (read.kind === 'reference') {
        rolesOfData.set(read.dataName, [...(rolesOfData.get(read.dataName) ?? []), facts]);
        continue;
      }
      const scope = spanOf(role.node);
      found.push({ ...read.found, role: facts, scope });
    }

    for (const data of blocks.filter(isPolicyDocument)) {
      const roles = rolesOfData.get(data.labels[1] as string) ?? [];
      const tree = policyDocumentTree(data, text);
      if (roles.length === 0 && !looksLikeTrustPolicyTree(tree)) continue;
      const scope = spanOf(data.node);
      found.push({ format: 'hcl', root: tree, problems: [], role: roles[0], moreRoles: roles.length > 1 ? roles.slice(1) : undefined, scope });
    }
    return { policies: found.sort((a, b) => a.scope.offset - b.scope.offset), problems: syntax };
  });
}
