import { Rule } from './types';
import { hasWildcard, isWildcardOperator, literalValuesOf } from '../model/zoneOfTrust';

/**
 * STS accepts an ExternalId of 2-1,224 characters of `[\w+=,.@:/-]` (trust-checks.md, "Limits
 * worth knowing"; the STS API model in ../shared/aws-sts-iam-wire.md §1.1). A condition on any
 * other value never matches: STS rejects the call before the trust policy is read.
 */
const MIN = 2;
const MAX = 1224;
const ALLOWED = /^[\w+=,.@:/-]*$/;

export function externalIdProblem(value: string, wildcardOperator: boolean): string | undefined {
  // Under StringLike, `*` and `?` are wildcards, not characters of the id.
  const pattern = wildcardOperator && hasWildcard(value);
  const literal = pattern ? value.replace(/[*?]/g, '') : value;
  const bad = [...new Set(literal.replace(/[\w+=,.@:/-]/g, ''))];
  if (!ALLOWED.test(literal)) {
    const shown = bad.map((c) => (c === ' ' ? 'a space' : `"${c}"`)).join(', ');
    return `contains ${shown}`;
  }
  if (!pattern && value.length < MIN) return value.length === 0 ? 'is empty' : 'has 1 character';
  if (literal.length > MAX) return `has ${literal.length} characters`;
  return undefined;
}

export const rule: Rule = {
  id: 'external-id-invalid',
  group: 'C',
  defaultSeverity: 'error',
  description: 'An ExternalId value outside 2-1,224 characters of letters, digits and _+=,.@:/-.',
  check({ policy, report }) {
    for (const v of literalValuesOf(policy, 'sts:ExternalId')) {
      const problem = externalIdProblem(v.text, isWildcardOperator(v.condition.operator));
      if (!problem) continue;
      report({
        span: v.node.span,
        message:
          `This external id ${problem}: STS accepts only 2 to 1,224 letters, digits and _+=,.@:/- and rejects any other value with a ValidationError, so this condition can never match. ` +
          'Use the exact id your vendor gave you, or generate one such as a UUID.',
      });
    }
  },
};
