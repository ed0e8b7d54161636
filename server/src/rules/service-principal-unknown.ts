import { Fix, Rule } from './types';
import { GLOBAL_SUFFIX, lookupServicePrincipal } from '../aws/services';
import { hasPartialWildcard, literalPrincipals, policyPartitions, replaceStringValue } from './trustPrincipals';

/**
 * `Service` principals (trust-checks.md, B): a principal not in the catalogue
 * (server/data/service-principals.json, each entry with the AWS page that shows it), `"*"`, or a
 * partition suffix that does not match the policy's partition. Every partition accepts the global
 * form `NAME.amazonaws.com`; `.amazonaws.com.cn` and the ISO suffixes are at home in one partition
 * only (partition DNS suffixes from the AWS SDK endpoint data).
 */

const CATALOGUE_NOTE =
  'IAM Trust knows the service principals listed in its catalogue (server/data/service-principals.json), which may be out of date for a new service: ' +
  'if this one is real, turn the rule off with {"rules": {"service-principal-unknown": "off"}} in .iam-trust.json and ask for it to be added to the catalogue.';

function suggestionFix(text: string, node: Parameters<typeof replaceStringValue>[1], suggestion: string | undefined, preferred: boolean): Fix[] | undefined {
  const edit = suggestion && replaceStringValue(text, node, suggestion);
  return edit ? [{ title: `Write "${suggestion}"`, preferred, edits: [edit] }] : undefined;
}

export const rule: Rule = {
  id: 'service-principal-unknown',
  group: 'B',
  defaultSeverity: 'error',
  description: 'A service principal not in the catalogue (with the closest suggested), `"Service": "*"`, or the wrong partition suffix.',
  check({ policy, text, report }) {
    const partitions = policyPartitions(policy);
    for (const statement of policy.statements) {
      for (const p of literalPrincipals(statement, 'Service')) {
        if (hasPartialWildcard(p.value)) continue;
        if (p.value === '*') {
          report({
            span: p.node.span,
            message: 'IAM does not accept "*" as a service principal: name the service that assumes the role, e.g. "lambda.amazonaws.com" or "ecs-tasks.amazonaws.com".',
          });
          continue;
        }
        const found = lookupServicePrincipal(p.value);
        switch (found.kind) {
          case 'known': {
            if (found.suffix === GLOBAL_SUFFIX) break;
            const home = found.partitions.join(', ');
            const elsewhere = [...partitions].filter((x) => !found.partitions.includes(x));
            if (elsewhere.length === 0 && partitions.size > 0) break;
            const global = found.info.principal;
            report({
              span: p.node.span,
              severity: elsewhere.length ? undefined : 'hint',
              message: elsewhere.length
                ? `"${p.value}" ends in .${found.suffix}, the suffix of the ${home} partition, but this policy's ARNs are in ${elsewhere.join(', ')}, where IAM does not know this principal. Write "${global}", which every partition accepts.`
                : `"${p.value}" ends in .${found.suffix}, which only the ${home} partition knows. "${global}" works in every partition.`,
              fixes: suggestionFix(text, p.node, global, true),
            });
            break;
          }
          case 'wrong-case':
            report({
              span: p.node.span,
              severity: 'warning',
              message: `Service principals are lower case and IAM compares them exactly: write "${found.info.principal}" (${found.info.service}).`,
              fixes: suggestionFix(text, p.node, found.info.principal, true),
            });
            break;
          case 'unknown-service':
            report({
              span: p.node.span,
              message:
                `"${p.value}" is not a service principal IAM Trust knows` +
                (found.suggestion ? `: did you mean "${found.suggestion}"? ` : '. ') +
                'IAM rejects a service principal that does not exist with "Invalid principal in policy". ' +
                CATALOGUE_NOTE,
              fixes: suggestionFix(text, p.node, found.suggestion, false),
            });
            break;
          case 'malformed':
            report({
              span: p.node.span,
              message:
                `"${p.value}" is not a service principal: those are host-like names ending in .${GLOBAL_SUFFIX}, without a scheme or path` +
                (found.suggestion ? `; did you mean "${found.suggestion}"?` : '.') +
                (p.value.startsWith('arn:') ? ' An ARN of an account, role or user belongs under "AWS", an identity provider under "Federated".' : ''),
              fixes: suggestionFix(text, p.node, found.suggestion, true),
            });
            break;
        }
      }
    }
  },
};
