import { Node } from '../model/ast';
import { Rule } from './types';
import { containsUnknown, objectStart, policyObject } from './grammar';

/**
 * The length IAM counts against the role trust-policy quota: the policy as compact JSON, white
 * space outside strings not counted (trust-checks.md, A: size-quota; IAM User Guide
 * reference_iam-quotas: "Role trust policy length | 2048 characters | 4096" default | max).
 * Computed from the node tree, so CloudFormation YAML and Terraform HCL count as the JSON they
 * deploy. Undefined when a value is known only at deploy time: its length is unknown too.
 */
export function trustPolicyLength(node: Node): number | undefined {
  if (containsUnknown(node)) return undefined;
  return compactJson(node).length;
}

function compactJson(node: Node): string {
  switch (node.kind) {
    case 'object':
      return `{${node.properties.map((p) => `${JSON.stringify(p.key)}:${p.value ? compactJson(p.value) : ''}`).join(',')}}`;
    case 'array':
      return `[${node.items.map(compactJson).join(',')}]`;
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
    case 'boolean':
      return JSON.stringify(node.value);
    case 'null':
      return 'null';
    case 'unknown':
      return node.text;
  }
}

const count = (n: number) => n.toLocaleString('en-US');

export const rule: Rule = {
  id: 'size-quota',
  group: 'A',
  defaultSeverity: 'warning',
  description: 'Longer than the role trust-policy quota (2,048 characters by default, white space not counted).',
  check({ policy, config, text, report }) {
    const root = policyObject(policy);
    if (!root) return;
    const length = trustPolicyLength(root);
    const quota = config.trustPolicyQuota;
    if (length === undefined || length <= quota) return;
    // The error IAM returns (aws-sts-iam-wire.md, 2.3: LimitExceeded, HTTP 409), with the account's quota.
    report({
      span: objectStart(text, root),
      message: `This trust policy is ${count(length)} characters long without white space, over the role trust-policy quota of ${count(quota)}: IAM refuses it with "LimitExceeded: Cannot exceed quota for ACLSizePerRole: ${quota}". Shorten it (merge statements that share an action and condition, list principals of one type together), or if AWS raised your account's quota, set "trustPolicyQuota" in .iam-trust.json.`,
    });
  },
};
