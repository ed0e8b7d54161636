import { TrustConfig } from '../config';
import { matchesTrustGlobs } from '../documents';
import { mayHoldCloudFormationTrust, resolveIntrinsics } from '../formats/cloudformation';
import { getProperty, Node, Span } from '../model/ast';
import { parseYaml } from '../parser/yaml';
import { listedValues, presentKeys, Site, yamlWriter } from './completionSite';
import { FeatureInput, nodeAtPath } from './cursor';
import { locateYamlSite, YamlSite } from './yamlCursor';
import { YamlLines } from './yamlLines';

/**
 * Completion sites in YAML: the `AssumeRolePolicyDocument` of a CloudFormation / SAM role, or a
 * whole-file YAML trust policy (named by the trust-policy globs). Only the resource around the
 * cursor is parsed, so a template of hundreds of roles costs what one role does.
 */

/** Resource types whose `AssumeRolePolicyDocument` is a role trust policy (as in formats/cloudformation.ts). */
const ROLE_TYPES = ['AWS::IAM::Role', 'AWS::Serverless::Function'];

interface PolicyContext {
  /** Path segments from the document root to the policy root. */
  prefixLength: number;
  policy?: Node;
}

function shiftSpan(span: Span, by: number): Span {
  return { offset: span.offset + by, length: span.length };
}

/** A tree parsed from a slice of the text, with its spans moved back onto the whole text. */
function shiftNode(node: Node, by: number): Node {
  switch (node.kind) {
    case 'object':
      return {
        ...node,
        span: shiftSpan(node.span, by),
        properties: node.properties.map((p) => ({ ...p, keySpan: shiftSpan(p.keySpan, by), span: shiftSpan(p.span, by), value: p.value && shiftNode(p.value, by) })),
      };
    case 'array':
      return { ...node, span: shiftSpan(node.span, by), items: node.items.map((i) => shiftNode(i, by)) };
    default:
      return { ...node, span: shiftSpan(node.span, by) };
  }
}

/** The lines of the resource declared at line `keyLine`: up to the next line indented as little. */
function resourceSlice(lines: YamlLines, keyLine: number, cursorLine: number): { start: number; end: number } {
  const indent = lines.indent(keyLine) ?? 0;
  for (let i = Math.max(cursorLine, keyLine) + 1; i < lines.count; i++) {
    const own = lines.indent(i);
    if (own !== undefined && own <= indent) return { start: lines.start(keyLine), end: lines.start(i) };
  }
  return { start: lines.start(keyLine), end: lines.text.length };
}

function cloudFormationContext(site: YamlSite, lines: YamlLines, cursorLine: number): PolicyContext | undefined {
  const at = site.path.indexOf('AssumeRolePolicyDocument');
  // Resources.<LogicalId>.Properties.AssumeRolePolicyDocument (also under a Serverless `resources:`).
  if (at < 3 || site.path[at - 1] !== 'Properties' || site.path[at - 3] !== 'Resources') return undefined;
  const logicalId = String(site.path[at - 2]);
  const keyLine = site.keyLines[at - 2];
  if (keyLine === undefined) return undefined;
  const { start, end } = resourceSlice(lines, keyLine, cursorLine);
  const root = parseYaml(lines.text.slice(start, end)).root;
  const resource = root && shiftNode(root, start);
  const type = getProperty(getProperty(resource, logicalId)?.value, 'Type')?.value;
  if (type?.kind !== 'string' || !ROLE_TYPES.includes(type.value)) return undefined;
  const policy = nodeAtPath(resource, [logicalId, 'Properties', 'AssumeRolePolicyDocument']);
  return { prefixLength: at + 1, policy: policy && resolveIntrinsics(policy, lines.text) };
}

function policyContext(site: YamlSite, lines: YamlLines, cursorLine: number, input: FeatureInput, config: TrustConfig): PolicyContext | undefined {
  if (site.path.includes('AssumeRolePolicyDocument')) return cloudFormationContext(site, lines, cursorLine);
  // A trust policy written as a YAML file of its own, named so by the globs.
  if (input.filePath && matchesTrustGlobs(input.filePath, config) && !mayHoldCloudFormationTrust(input.text)) {
    return { prefixLength: 0, policy: parseYaml(input.text).root };
  }
  return undefined;
}

function toSite(found: YamlSite, context: PolicyContext, offset: number): Site {
  const path = found.path.slice(context.prefixLength);
  const exclude = found.replace.offset;
  return {
    kind: found.kind,
    path,
    replace: found.replace,
    present: [...new Set([...presentKeys(context.policy, path, exclude), ...(found.siblings ?? [])])],
    listed: found.kind === 'value' ? listedValues(context.policy, path, exclude) : [],
    policy: context.policy,
    itemKeys: found.item,
    writer: yamlWriter({ ...found, cursor: offset }),
  };
}

export function yamlSites(input: FeatureInput, offset: number, config: TrustConfig): Site[] {
  const lines = new YamlLines(input.text);
  const found = locateYamlSite(input.text, offset, lines);
  if (!found) return [];
  const context = policyContext(found, lines, lines.lineAt(offset), input, config);
  if (!context || found.path.length < context.prefixLength) return [];
  const sites = [toSite(found, context, offset)];
  if (found.alternative) sites.push(toSite(found.alternative, context, offset));
  return sites;
}
