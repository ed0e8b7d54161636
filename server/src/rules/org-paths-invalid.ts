import { Rule } from './types';
import { ConditionEntry, parseOperator } from '../model/policy';
import { conditionsWithKey, hasWildcard, isNegatedOperator, isNullOperator, literalValuesOf, ORG_ID, OU_ID, ROOT_ID } from '../model/zoneOfTrust';

/**
 * `aws:PrincipalOrgPaths` values are `o-<org>/r-<root>/ou-<ou>/.../` with a trailing slash, and
 * the key is multivalued, so it needs a set operator (trust-checks.md, C and "Limits worth
 * knowing").
 */
const EXAMPLE = '"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"';
const PATH_KEYS = ['aws:PrincipalOrgPaths', 'aws:SourceOrgPaths', 'aws:ResourceOrgPaths'];

/** The first problem of one path value, or undefined. */
export function orgPathProblem(value: string, like: boolean): string | undefined {
  if (hasWildcard(value) && !like) {
    return `"${value}" holds a wildcard, but without StringLike it is compared literally and never matches. Use "ForAnyValue:StringLike".`;
  }
  const segments = value.split('/');
  const first = segments[0];
  if (!first.startsWith('o-') && !/^[*?]/.test(first)) {
    return `"${value}" does not start with the organization id: paths read ${EXAMPLE}, so this never matches.`;
  }
  if (!hasWildcard(first) && !ORG_ID.test(first)) {
    return `"${first}" is not an organization id ("o-" and 10 to 32 lower-case letters or digits), so this path never matches.`;
  }
  if (!value.endsWith('/') && !(like && value.endsWith('*'))) {
    return `"${value}" does not end with "/": every path IAM compares ends with a slash, so this never matches. Write "${value}/" for exactly this entity, or "${value}/*" under StringLike for everything below it.`;
  }
  const inner = segments.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const segment = inner[i];
    if (hasWildcard(segment)) continue;
    const expected = i === 0 ? ROOT_ID : OU_ID;
    if (!expected.test(segment)) {
      const what = i === 0 ? 'a root id (r- and 4 to 32 letters or digits)' : 'an organizational unit id (ou-xxxx-xxxxxxxx)';
      return `"${segment}" in "${value}" is not ${what}: paths read ${EXAMPLE}, so this never matches.`;
    }
  }
  return undefined;
}

/** Positive operators need ForAnyValue: (any of the caller's paths matches); a refusal needs a set prefix as well. */
function operatorProblem(c: ConditionEntry): string | undefined {
  const op = parseOperator(c.operator);
  if (isNegatedOperator(c.operator)) {
    return op.setPrefix ? undefined : `${c.key} is a list of paths: a negated operator needs a set prefix, usually "ForAllValues:${c.operator}".`;
  }
  if (op.setPrefix === 'ForAnyValue') return undefined;
  if (op.setPrefix === 'ForAllValues') {
    return `ForAllValues: is true when the caller has no organization path at all, so principals outside any organization pass. Use "ForAnyValue:${op.base}${op.ifExists ? 'IfExists' : ''}".`;
  }
  return `${c.key} is a list of paths, one per organization entity the caller belongs to: write "ForAnyValue:${c.operator}" so that IAM compares each of them.`;
}

export const rule: Rule = {
  id: 'org-paths-invalid',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'An aws:PrincipalOrgPaths condition that is malformed, lacks ForAnyValue:, or uses a wildcard without StringLike.',
  check({ policy, report }) {
    for (const s of policy.statements) {
      for (const c of conditionsWithKey(s, ...PATH_KEYS)) {
        const problem = isNullOperator(c.operator) ? undefined : operatorProblem(c);
        if (problem) report({ span: c.keySpan, message: problem });
      }
    }
    for (const v of literalValuesOf(policy, ...PATH_KEYS)) {
      const problem = orgPathProblem(v.text, /Like$/i.test(parseOperator(v.condition.operator).base));
      if (problem) report({ span: v.node.span, message: problem });
    }
  },
};
