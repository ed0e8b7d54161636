import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './trust-resource';

const lambda = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [policy(lambda)],
  invalid: [
    {
      name: 'Resource copied from a permissions policy',
      code: policy({ ...lambda, Resource: 'arn:aws:iam::123456789012:role/app' }),
      errors: [{ text: '"Resource"', message: ['Has prohibited field Resource', 'permissions policy'], severity: 'error' }],
    },
    { name: 'NotResource too', code: policy({ ...lambda, NotResource: '*' }), errors: [{ text: '"NotResource"', message: 'Has prohibited field NotResource' }] },
    { name: 'any case, as IAM reads element names', code: policy({ ...lambda, resource: '*' }), errors: [{ text: '"resource"' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a Resource whose value is unknown is still a Resource', code: policy({ ...lambda, Resource: '${aws_iam_role.app.arn}' }), errors: [{ text: '"Resource"' }] },
]);

describe('rule trust-resource quick fix', () => {
  it('removes a Resource in the middle, with its comma', () => {
    const code = compactPolicy({ Effect: 'Allow', Resource: '*', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
    assert.strictEqual(fixed(code, rule), compactPolicy(lambda));
  });
  it('removes a Resource at the end, with the comma before it', () => {
    const code = policy({ ...lambda, Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] });
    assert.strictEqual(fixed(code, rule), policy(lambda));
  });
});
