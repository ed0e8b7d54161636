import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './no-allow';

const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const allow = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [
    policy(allow, deny),
    { name: 'an empty Statement is statement-missing\'s business', code: policy() },
    { name: 'a misspelt Effect is effect-invalid\'s business', code: policy(deny, { ...allow, Effect: 'allow' }) },
    { name: 'a missing Effect', code: policy(deny, { Principal: allow.Principal, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    { code: policy(deny), errors: [{ text: '"Statement"', message: ['"Effect": "Allow"', 'nobody can assume'], severity: 'warning' }] },
    { name: 'a single statement object', code: JSON.stringify({ Version: '2012-10-17', Statement: deny }), errors: [{ text: '"Statement"' }] },
  ],
});

describe('rule no-allow with values known only at deploy time', () => {
  it('stays quiet when an Effect is not literal', () => assertQuietWithUnknowns(rule, policy(deny, { ...allow, Effect: '${var.effect}' })));
  it('stays quiet when a statement is not literal', () => {
    assertQuietWithUnknowns(rule, JSON.stringify({ Version: '2012-10-17', Statement: [deny, '${local.allow_statement}'] }, null, 2));
  });
});
