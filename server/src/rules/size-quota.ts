import { Node } from '../model/ast';
import { Rule } from './types';
import { objectStart, policyObject } from './grammar';

/**
 * The length IAM counts against the role trust-policy quota: the policy as compact JSON, white
 * space outside strings not counted (trust-checks.md, A: size-quota; IAM User Guide
 * reference_iam-quotas: "Role trust policy length | 2048 characters | 4096" default | max).
 * Computed from the node tree, so CloudFormation YAML and Terraform HCL count as the JSON they
 * deploy. Undefined when a value is known only at deploy time (its length is unknown too) or
 * missing (`"Effect": ` while typing). Counted without writing the JSON out: a large policy would
 * otherwise be copied into one long string on every analysis.
 */
export function trustPolicyLength(node: Node): number | undefined {
  switch (node.kind) {
    case 'object': {
      // `{`, `}`, and a `,` between properties.
      let length = 2 + Math.max(0, node.properties.length - 1);
      for (const p of node.properties) {
        const value = p.value && trustPolicyLength(p.value);
        if (value === undefined) return undefined;
        length += jsonStringLength(p.key) + 1 + value;
      }
      return length;
    }
    case 'array': {
      let length = 2 + Math.max(0, node.items.length - 1);
      for (const item of node.items) {
        const value = trustPolicyLength(item);
        if (value === undefined) return undefined;
        length += value;
      }
      return length;
    }
    case 'string':
      return jsonStringLength(node.value);
    case 'number':
    case 'boolean':
      return JSON.stringify(node.value).length;
    case 'null':
      return 4;
    case 'unknown':
      return undefined;
  }
}

/** Characters JSON.stringify escapes: quote, backslash, control characters, lone surrogates. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(value).length`, without the copy for the usual string that needs no escape. */
function jsonStringLength(value: string): number {
  return ESCAPED.test(value) ? JSON.stringify(value).length : value.length + 2;
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
