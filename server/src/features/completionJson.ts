import { TrustConfig } from '../config';
import { looksLikeTrustPolicy, matchesTrustGlobs } from '../documents';
import { isCloudFormationTemplate } from '../formats/cloudformation';
import { DocumentKind } from '../formats/kind';
import { parseJsonTemplate } from '../formats/template';
import { getPropertyIgnoreCase, Node } from '../model/ast';
import { buildTrustPolicy } from '../model/policy';
import { parseJson } from '../parser/json';
import { jsonWriter, listedValues, presentKeys, Site } from './completionSite';
import { canonicalElement, FeatureInput, isInsideEmbeddedPolicy, JsonCursor, locateJsonCursor, nodeAtPath, pathInPolicy, POLICY_ELEMENTS } from './cursor';

/**
 * Completion sites in JSON: a policy file, a CloudFormation JSON template's
 * `AssumeRolePolicyDocument`, a JSON template (`.json.tpl`, `${...}` allowed), and the JSON of a
 * Terraform heredoc or quoted string (completionTerraform.ts passes those in).
 */

/**
 * A site from a cursor in JSON text whose policy root is `policy` at `prefix`; `toSource` maps
 * offsets in the JSON text to the document (they differ for JSON decoded from a Terraform string).
 */
export function jsonSite(cursor: JsonCursor, policy: Node | undefined, prefixLength: number, toSource: (offset: number) => number, inString = false): Site {
  const path = cursor.path.slice(prefixLength);
  const { offset, length } = cursor.replace;
  const start = toSource(offset);
  return {
    kind: cursor.kind,
    path,
    replace: { offset: start, length: toSource(offset + length) - start },
    present: cursor.kind === 'key' ? presentKeys(policy, path, offset) : [],
    listed: cursor.kind === 'value' ? listedValues(policy, path, offset) : [],
    policy,
    writer: jsonWriter({ ...cursor, inString }),
  };
}

export function jsonDocumentSites(input: FeatureInput, offset: number, config: TrustConfig, kind: DocumentKind): Site[] {
  const { text, filePath } = input;
  const cursor = locateJsonCursor(text, offset);
  if (!cursor) return [];
  const root = (kind === 'template' ? parseJsonTemplate(text) : parseJson(text)).root;
  if (!inTrustPolicy(root, cursor, filePath, config)) return [];
  const prefixLength = cursor.path.length - pathInPolicy(cursor.path).length;
  return [jsonSite(cursor, nodeAtPath(root, cursor.path.slice(0, prefixLength)), prefixLength, (o) => o)];
}

/**
 * Ours when the file is a trust policy by name or content, or a policy being written that has no
 * Resource and no action outside STS (an identity or resource policy would). An empty document is
 * ours when it has no file name yet or its name matches the trust-policy globs.
 */
function inTrustPolicy(root: Node | undefined, cursor: JsonCursor, filePath: string | undefined, config: TrustConfig): boolean {
  if (isInsideEmbeddedPolicy(cursor.path)) return true;
  if (isCloudFormationTemplate(root)) return false;
  if (filePath && matchesTrustGlobs(filePath, config)) return true;
  if (!root) return !filePath;
  if (looksLikeTrustPolicy(root)) return true;
  // A new, unnamed document that holds nothing but policy elements yet.
  if (!filePath && root.kind === 'object' && root.properties.every((p) => canonicalElement(p.key, POLICY_ELEMENTS))) return true;
  if (!getPropertyIgnoreCase(root, 'Statement')) return false;
  const statements = buildTrustPolicy(root).statements;
  if (statements.some((s) => s.resourceProperty || s.notResourceProperty)) return false;
  if (statements.some((s) => s.actions.some((a) => a.value !== undefined && a.value !== '' && a.value !== '*' && !/^sts:/i.test(a.value)))) return false;
  return !filePath || statements.some((s) => s.principalProperty || s.actions.some((a) => a.value && /^sts:/i.test(a.value)));
}
