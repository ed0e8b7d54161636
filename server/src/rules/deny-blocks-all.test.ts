import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './deny-blocks-all';

const allowRole = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: 'sts:AssumeRole' };
const denyAll = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [
    policy(allowRole),
    { name: 'a conditional Deny', code: policy(allowRole, { ...denyAll, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }) },
    { name: 'a Deny of other principals', code: policy(allowRole, { ...denyAll, Principal: { AWS: 'arn:aws:iam::210987654321:role/Other' } }) },
    { name: 'a Deny of other actions', code: policy({ ...allowRole, Action: ['sts:AssumeRole', 'sts:TagSession'] }, { ...denyAll, Action: 'sts:TagSession' }) },
    { name: '{"AWS": "*"} is not counted as covering services', code: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, denyAll) },
  ],
  invalid: [
    { code: policy(allowRole, denyAll), errors: [{ text: '"Deny"', message: ['nobody can assume', 'Condition'], severity: 'warning' }] },
    { name: 'bare "*" and "sts:*" cover services too', code: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, { ...denyAll, Principal: '*', Action: 'sts:*' }), errors: [{ text: '"Deny"' }] },
    { name: 'a Deny naming the same principal', code: policy(allowRole, { ...denyAll, Principal: allowRole.Principal }), errors: [{ text: '"Deny"' }] },
    { name: 'an empty Condition is no condition', code: policy(allowRole, { ...denyAll, Condition: {} }), errors: [{ text: '"Deny"' }] },
    { name: 'a lone Deny', code: policy(denyAll), errors: [{ text: '"Deny"' }] },
  ],
});

describe('rule deny-blocks-all with values known only at deploy time', () => {
  it('stays quiet when the Deny has a deploy-time Condition', () => assertQuietWithUnknowns(rule, policy(allowRole, { ...denyAll, Condition: '${local.deny_condition}' })));
  it('stays quiet when the Deny principal is not literal', () => assertQuietWithUnknowns(rule, policy(allowRole, { ...denyAll, Principal: { AWS: '${var.denied}' } })));
  it('stays quiet when another statement is not literal', () => {
    const code = JSON.stringify({ Version: '2012-10-17', Statement: [allowRole, denyAll, '${local.extra_statement}'] }, null, 2);
    assertQuietWithUnknowns(rule, code);
  });
});
