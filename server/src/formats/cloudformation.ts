import type { PolicyFormat, RoleFacts } from '../documents';
import { getProperty, Node, PropertyNode } from '../model/ast';
import { FoundPolicy } from './found';

/**
 * CloudFormation and SAM templates, JSON or YAML, already parsed to the neutral tree.
 *
 * The trust policy of an `AWS::IAM::Role` is `Properties.AssumeRolePolicyDocument`; the role's
 * `RoleName` and `MaxSessionDuration` are the role facts group D and the assume command read.
 * A SAM `AWS::Serverless::Function` may carry an `AssumeRolePolicyDocument` for the role SAM
 * creates. A template's other policies (bucket, queue, identity policies) are not trust policies.
 */

/** Resource types whose `AssumeRolePolicyDocument` is a role trust policy. */
const ROLE_TYPE = 'AWS::IAM::Role';
const SAM_FUNCTION_TYPE = 'AWS::Serverless::Function';

/**
 * Cheap text test before parsing: a template with a trust policy names the property and one of
 * the resource types that carry it.
 */
export function mayHoldCloudFormationTrust(text: string): boolean {
  return text.includes('AssumeRolePolicyDocument') && (text.includes(ROLE_TYPE) || text.includes(SAM_FUNCTION_TYPE));
}

/**
 * The maps of resources: a template's `Resources`, and the `resources.Resources` section of a
 * Serverless Framework file, which is CloudFormation too.
 */
function resourceMaps(root: Node | undefined): PropertyNode[] {
  const maps: PropertyNode[] = [];
  const direct = getProperty(root, 'Resources');
  if (direct?.value?.kind === 'object') maps.push(...direct.value.properties);
  const nested = getProperty(getProperty(root, 'resources')?.value, 'Resources');
  if (nested?.value?.kind === 'object') maps.push(...nested.value.properties);
  return maps;
}

function typeOf(resource: Node | undefined): string | undefined {
  const t = getProperty(resource, 'Type')?.value;
  return t?.kind === 'string' ? t.value : undefined;
}

/** A template by content: its format version, or resources typed `AWS::...`. */
export function isCloudFormationTemplate(root: Node | undefined): boolean {
  if (!root || root.kind !== 'object') return false;
  if (getProperty(root, 'AWSTemplateFormatVersion')) return true;
  return resourceMaps(root).some((r) => /^(AWS|Custom|Alexa)::/.test(typeOf(r.value) ?? ''));
}

/**
 * The long forms of the intrinsic functions (`{"Ref": "X"}`, `{"Fn::Sub": "..."}`,
 * `{"Fn::If": [...]}`) are objects of one key; their value exists only after deploy.
 */
function isIntrinsic(node: Node): boolean {
  if (node.kind !== 'object' || node.properties.length !== 1) return false;
  const key = node.properties[0].key;
  return key === 'Ref' || key.startsWith('Fn::');
}

export function resolveIntrinsics(node: Node, text: string): Node {
  if (isIntrinsic(node)) return { kind: 'unknown', span: node.span, text: text.substr(node.span.offset, node.span.length) };
  switch (node.kind) {
    case 'object':
      return { ...node, properties: node.properties.map((p) => ({ ...p, value: p.value && resolveIntrinsics(p.value, text) })) };
    case 'array':
      return { ...node, items: node.items.map((i) => resolveIntrinsics(i, text)) };
    default:
      return node;
  }
}

/** Trust policies of the template's roles (and SAM functions), in file order. */
export function cloudFormationPolicies(root: Node | undefined, text: string, format: PolicyFormat): FoundPolicy[] {
  const found: FoundPolicy[] = [];
  for (const resource of resourceMaps(root)) {
    const type = typeOf(resource.value);
    if (type !== ROLE_TYPE && type !== SAM_FUNCTION_TYPE) continue;
    const properties = getProperty(resource.value, 'Properties')?.value;
    const document = getProperty(properties, 'AssumeRolePolicyDocument')?.value;
    // A whole document from !If / Fn::If or a parameter cannot be linted; a JSON string is rare.
    if (!document || document.kind !== 'object') continue;
    const value = (key: string) => {
      const v = getProperty(properties, key)?.value;
      return v && resolveIntrinsics(v, text);
    };
    // SAM creates the function's role with the default duration, and a session assumed by an
    // AWS service is not limited by MaxSessionDuration (aws-sts-iam-wire.md §6): no role facts.
    const role: RoleFacts | undefined =
      type === ROLE_TYPE ? { origin: 'cloudformation', roleName: value('RoleName'), maxSessionDuration: value('MaxSessionDuration'), span: resource.keySpan } : undefined;
    found.push({ format, root: resolveIntrinsics(document, text), problems: [], role, scope: resource.span });
  }
  return found;
}
