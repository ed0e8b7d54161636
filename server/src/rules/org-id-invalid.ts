import { Rule } from './types';
import { hasWildcard, isWildcardOperator, literalValuesOf, ORG_ID, OU_ID, ROOT_ID } from '../model/zoneOfTrust';

/** Organization ids are `^o-[a-z0-9]{10,32}$` (trust-checks.md, "Limits worth knowing"). */
/** What the value is instead, when it is recognisably something else. */
function whatItIs(value: string): string {
  if (ORG_ID.test(value.toLowerCase())) return ': organization ids are lower case, and StringEquals compares case-sensitively';
  if (ROOT_ID.test(value)) return ': that is an organization root id; write the o-... id, or use aws:PrincipalOrgPaths for a path';
  if (OU_ID.test(value)) return ': that is an organizational unit id; to admit one OU, use "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-.../r-.../ou-.../*"}';
  if (/^\d{12}$/.test(value)) return ': that is an account id; use aws:PrincipalAccount for an account';
  if (value.includes('/')) return ': that looks like an organization path; use aws:PrincipalOrgPaths for paths';
  return '';
}

export const rule: Rule = {
  id: 'org-id-invalid',
  group: 'C',
  defaultSeverity: 'error',
  description: 'An aws:PrincipalOrgID value that is not an organization id (o- and 10-32 lower-case letters or digits).',
  check({ policy, report }) {
    for (const v of literalValuesOf(policy, 'aws:PrincipalOrgID', 'aws:SourceOrgID', 'aws:ResourceOrgID')) {
      if (ORG_ID.test(v.text)) continue;
      // Patterns are judged by org-condition-weak.
      if (isWildcardOperator(v.condition.operator) && hasWildcard(v.text)) continue;
      report({
        span: v.node.span,
        message: `"${v.text}" is not an organization id${whatItIs(v.text)}. Organization ids are "o-" followed by 10 to 32 lower-case letters or digits (e.g. "o-a1b2c3d4e5"), so this condition never matches. Copy the id from the AWS Organizations console or "aws organizations describe-organization".`,
      });
    }
  },
};
