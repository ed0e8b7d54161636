import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './org-id-invalid';

const trust = (operator: string, value: unknown, key = 'aws:PrincipalOrgID') =>
  policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { [operator]: { [key]: value } } });

ruleTester(rule, {
  valid: [
    trust('StringEquals', 'o-a1b2c3d4e5'),
    trust('StringEquals', ['o-a1b2c3d4e5', 'o-0123456789abcdefghijklmnopqrstuv']),
    { name: 'patterns are left to org-condition-weak', code: trust('StringLike', 'o-*') },
    { name: 'Null takes true/false', code: trust('Null', 'false') },
  ],
  invalid: [
    { code: trust('StringEquals', 'o-abc'), errors: [{ text: '"o-abc"', message: ['not an organization id', '10 to 32', 'never matches'], severity: 'error' }] },
    { name: 'upper case', code: trust('StringEquals', 'o-A1B2C3D4E5'), errors: [{ text: '"o-A1B2C3D4E5"', message: 'lower case' }] },
    { name: 'a root id', code: trust('StringEquals', 'r-ab12'), errors: [{ text: '"r-ab12"', message: 'root id' }] },
    { name: 'an OU id', code: trust('StringEquals', 'ou-ab12-11111111'), errors: [{ text: '"ou-ab12-11111111"', message: 'aws:PrincipalOrgPaths' }] },
    { name: 'an account id, key in another case', code: trust('StringEquals', '348201957364', 'aws:principalorgid'), errors: [{ text: '"348201957364"', message: 'aws:PrincipalAccount' }] },
    { name: 'a path under the org id key', code: trust('StringEquals', 'o-a1b2c3d4e5/r-ab12/'), errors: [{ text: '"o-a1b2c3d4e5/r-ab12/"', message: 'aws:PrincipalOrgPaths' }] },
    { name: 'aws:SourceOrgID too', code: trust('StringEquals', 'my-org', 'aws:SourceOrgID'), errors: [{ text: '"my-org"' }] },
  ],
});

describe('rule org-id-invalid with values known only at deploy time', () => {
  it('stays quiet on a deploy-time org id', () => assertQuietWithUnknowns(rule, trust('StringEquals', '${data.aws_organizations_organization.this.id}')));
});
