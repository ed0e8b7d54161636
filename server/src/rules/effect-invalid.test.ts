import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './effect-invalid';

const lambda = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };
const { Effect, ...noEffect } = lambda;

ruleTester(rule, {
  valid: [
    policy(lambda),
    policy({ ...lambda, Effect: 'Deny' }),
    { name: 'element names are read ignoring case', code: compactPolicy({ ...noEffect, effect: 'Allow' }) },
    { name: 'a number is type-mismatch\'s', code: compactPolicy({ ...lambda, Effect: 1 }) },
  ],
  invalid: [
    { code: compactPolicy(noEffect), errors: [{ text: '{', message: ['no "Effect"', 'rejects', 'Add "Effect": "Allow"'], severity: 'error' }] },
    { name: 'lower case', code: compactPolicy({ ...lambda, Effect: 'allow' }), errors: [{ text: '"allow"', message: ['exactly "Allow" or "Deny"', 'case', 'Write "Allow"'] }] },
    { name: 'upper case Deny', code: compactPolicy({ ...lambda, Effect: 'DENY' }), errors: [{ text: '"DENY"', message: 'Write "Deny"' }] },
    { name: 'a typo', code: compactPolicy({ ...lambda, Effect: 'Alow' }), errors: [{ text: '"Alow"', message: 'Write "Allow"' }] },
    { name: 'another word', code: compactPolicy({ ...lambda, Effect: 'Permit' }), errors: [{ text: '"Permit"', message: ['not "Permit"', 'Write "Allow" or "Deny"'] }] },
    { name: 'empty', code: compactPolicy({ ...lambda, Effect: '' }), errors: [{ text: '""' }] },
    {
      name: 'the second statement of two',
      code: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}, {"Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:TagSession"}]}',
      errors: [{ text: '{' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'Effect from a variable', code: compactPolicy({ ...lambda, Effect: '${var.effect}' }) },
  { name: 'a statement from a variable', code: '{"Version": "2012-10-17", "Statement": ["${local.statement}"]}' },
]);

describe('rule effect-invalid quick fixes', () => {
  it('corrects the case', () => {
    assert.strictEqual(fixed(compactPolicy({ ...lambda, Effect: 'allow' }), rule), compactPolicy(lambda));
  });
  it('adds a missing Effect as the statement\'s first element', () => {
    const after = fixed(policy(noEffect), rule);
    assert.deepStrictEqual(JSON.parse(after), JSON.parse(policy(lambda)));
    assert.ok(after.includes('{\n      "Effect": "Allow",\n      "Principal"'), after);
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('offers no fix for a word that is not close', () => {
    assert.deepStrictEqual(lint(compactPolicy({ ...lambda, Effect: 'Permit' }), rule)[0].fixes, []);
  });
});
