import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './org-paths-invalid';

const trust = (operator: string, value: unknown, effect = 'Allow') =>
  policy({ Effect: effect, Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { [operator]: { 'aws:PrincipalOrgPaths': value } } });
const OU = 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/';

ruleTester(rule, {
  valid: [
    trust('ForAnyValue:StringEquals', OU),
    trust('ForAnyValue:StringLike', `${OU}*`),
    trust('ForAnyValue:StringLike', ['o-a1b2c3d4e5/*', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/']),
    { name: 'a refusal in a Deny with ForAllValues', code: trust('ForAllValues:StringNotLike', `${OU}*`, 'Deny') },
    { name: 'catch-all patterns are left to org-condition-weak', code: trust('ForAnyValue:StringLike', '*') },
  ],
  invalid: [
    {
      name: 'without ForAnyValue (on the key)',
      code: trust('StringLike', `${OU}*`),
      errors: [{ text: '"aws:PrincipalOrgPaths"', message: 'ForAnyValue:StringLike', severity: 'warning' }],
    },
    { name: 'ForAllValues admits callers in no organization', code: trust('ForAllValues:StringLike', `${OU}*`), errors: [{ text: '"aws:PrincipalOrgPaths"', message: 'no organization path' }] },
    { name: 'a negated operator without a set prefix', code: trust('StringNotLike', `${OU}*`, 'Deny'), errors: [{ text: '"aws:PrincipalOrgPaths"', message: 'ForAllValues:StringNotLike' }] },
    { name: 'no trailing slash', code: trust('ForAnyValue:StringEquals', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111'), errors: [{ text: '"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111"', message: ['does not end with "/"', '/*'] }] },
    { name: 'a wildcard without StringLike', code: trust('ForAnyValue:StringEquals', `${OU}*`), errors: [{ text: `"${OU}*"`, message: 'compared literally' }] },
    { name: 'without the org id first', code: trust('ForAnyValue:StringLike', 'r-ab12/ou-ab12-11111111/*'), errors: [{ text: '"r-ab12/ou-ab12-11111111/*"', message: 'start with the organization id' }] },
    { name: 'a malformed org id', code: trust('ForAnyValue:StringLike', 'o-abc/*'), errors: [{ text: '"o-abc/*"', message: '"o-abc" is not an organization id' }] },
    { name: 'an OU where the root belongs', code: trust('ForAnyValue:StringEquals', 'o-a1b2c3d4e5/ou-ab12-11111111/'), errors: [{ text: '"o-a1b2c3d4e5/ou-ab12-11111111/"', message: 'root id' }] },
  ],
});

describe('rule org-paths-invalid with values known only at deploy time', () => {
  it('stays quiet on a deploy-time path', () => assertQuietWithUnknowns(rule, trust('ForAnyValue:StringLike', '${var.ou_path}')));
});
