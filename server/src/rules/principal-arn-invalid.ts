import { Rule } from './types';
import { parseAwsPrincipal } from '../aws/principals';
import { lookupServicePrincipal } from '../aws/services';
import { hasPartialWildcard, literalPrincipals, replaceStringValue } from './trustPrincipals';

/**
 * The forms an `AWS` principal may take (trust-checks.md, B): a 12-digit account, or
 * `arn:<partition>:iam::<account>:root|user/...|role/...`, or
 * `arn:<partition>:sts::<account>:assumed-role/<role>/<session>|federated-user/<name>`.
 * Groups are not principals. Patterns are principal-partial-wildcard's and unique ids
 * principal-unique-id's, so each value gets one finding.
 */
export const rule: Rule = {
  id: 'principal-arn-invalid',
  group: 'B',
  defaultSeverity: 'error',
  description: 'A malformed `AWS` principal: not a 12-digit account or an IAM/STS principal ARN; groups; unknown partitions.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const p of literalPrincipals(statement, 'AWS')) {
        if (p.value === '*' || hasPartialWildcard(p.value)) continue;
        const parsed = parseAwsPrincipal(p.value);
        if (parsed.kind !== 'invalid') continue;
        if (lookupServicePrincipal(p.value).kind === 'known') {
          report({ span: p.node.span, message: `"${p.value}" is an AWS service, not an account, role or user: move it under "Service". IAM rejects it as an "AWS" principal.` });
          continue;
        }
        const edit = parsed.suggestion && replaceStringValue(text, p.node, parsed.suggestion);
        report({
          span: p.node.span,
          message:
            `"${p.value}" is not a principal IAM accepts: ${parsed.problem}. ` +
            (parsed.suggestion ? `Did you mean "${parsed.suggestion}"? ` : '') +
            'An AWS principal is a 12-digit account id, or an ARN such as arn:aws:iam::<account>:role/<name>; IAM rejects anything else with "Invalid principal in policy".',
          fixes: edit ? [{ title: `Write "${parsed.suggestion}"`, preferred: true, edits: [edit] }] : undefined,
        });
      }
    }
  },
};
