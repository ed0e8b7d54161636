import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './redundant';

const ci = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/ci-runner' }, Action: ['sts:AssumeRole', 'sts:TagSession'] };

ruleTester(rule, {
  valid: [
    policy(ci),
    { name: 'the same value under different principal types', code: policy({ ...ci, Principal: { AWS: 'arn:aws:iam::210987654321:root', Federated: 'arn:aws:iam::210987654321:root' } }) },
    { name: 'statements that differ in their condition', code: policy(ci, { ...ci, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }) },
    { name: 'statements that differ in their effect', code: policy(ci, { ...ci, Effect: 'Deny' }) },
    { name: 'different roles of one account', code: policy({ ...ci, Principal: { AWS: ['arn:aws:iam::210987654321:role/a', 'arn:aws:iam::210987654321:role/b'] } }) },
  ],
  invalid: [
    {
      code: compactPolicy({ ...ci, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:assumerole'] }),
      errors: [{ text: '"sts:assumerole"', message: ['"sts:assumerole" is already listed in this Action', 'no effect'], severity: 'hint' }],
    },
    {
      name: 'the same principal twice',
      code: compactPolicy({ ...ci, Principal: { Service: ['ec2.amazonaws.com', 'ec2.amazonaws.com'] } }),
      errors: [{ text: '"ec2.amazonaws.com"', message: '"ec2.amazonaws.com" is already listed as a "Service" principal' }],
    },
    {
      name: 'an account id and its root ARN are the same account',
      code: compactPolicy({ ...ci, Principal: { AWS: ['210987654321', 'arn:aws:iam::210987654321:root'] } }),
      errors: [{ text: '"arn:aws:iam::210987654321:root"', message: 'means the same as "210987654321" (the whole account)' }],
    },
    {
      name: 'a statement repeated with another Sid, keys reordered, a one-item list for a string',
      code: compactPolicy({ Sid: 'Ci', ...ci }, { Sid: 'Ci2', Action: ['sts:TagSession', 'sts:AssumeRole'], Principal: { AWS: ['arn:aws:iam::210987654321:role/ci-runner'] }, Effect: 'Allow' }),
      errors: [{ text: '{', message: ['This statement repeats statement 1 (only the Sid differs)', 'no effect'] }],
    },
    {
      name: 'an identical statement',
      code: compactPolicy(ci, ci),
      errors: [{ text: '{', message: 'This statement repeats statement 1: it has no effect' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'two principals from variables may differ', code: compactPolicy({ ...ci, Principal: { AWS: ['${var.a}', '${var.b}'] } }) },
  { name: 'statements with deploy-time values are not compared', code: compactPolicy({ ...ci, Principal: { AWS: '${var.a}' } }, { ...ci, Principal: { AWS: '${var.a}' } }) },
  {
    name: 'known repeats next to unknown values still count',
    code: compactPolicy({ ...ci, Principal: { AWS: '${var.a}' }, Action: ['sts:AssumeRole', 'sts:AssumeRole'] }),
    errors: [{ text: '"sts:AssumeRole"', message: 'already listed' }],
  },
]);

describe('rule redundant quick fixes', () => {
  it('removes a repeated action with its comma', () => {
    assert.strictEqual(fixed(compactPolicy({ ...ci, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:AssumeRole'] }), rule), compactPolicy(ci));
  });
  it('removes a repeated statement from a formatted policy', () => {
    assert.strictEqual(fixed(policy(ci, { ...ci }), rule), policy(ci));
  });
  it('removes a repeated principal', () => {
    assert.strictEqual(fixed(policy({ ...ci, Principal: { AWS: ['arn:aws:iam::210987654321:role/ci-runner', 'arn:aws:iam::210987654321:role/ci-runner'] } }), rule), policy({ ...ci, Principal: { AWS: ['arn:aws:iam::210987654321:role/ci-runner'] } }));
  });
});
