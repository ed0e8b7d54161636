import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './roles-anywhere-actions';

const anywhere = { Service: 'rolesanywhere.amazonaws.com' };
const all = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
const stmt = (Action: unknown, Principal: unknown = anywhere) => ({ Effect: 'Allow', Principal, Action });

ruleTester(rule, {
  valid: [policy(stmt(all)), { name: 'a wildcard', code: policy(stmt('sts:*')) }, { name: 'other services', code: policy(stmt('sts:AssumeRole', { Service: 'ssm.amazonaws.com' })) }],
  invalid: [
    {
      name: 'AssumeRole only',
      code: policy(stmt('sts:AssumeRole')),
      errors: [{ text: '"rolesanywhere.amazonaws.com"', message: ['sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity', 'without sts:TagSession and sts:SetSourceIdentity', 'CreateSession fails'], severity: 'error' }],
    },
    { name: 'SetSourceIdentity missing', code: policy(stmt(['sts:AssumeRole', 'sts:TagSession'])), errors: [{ text: '"rolesanywhere.amazonaws.com"', message: 'Add sts:SetSourceIdentity to Action' }] },
  ],
});

unknownValueTester(rule, [{ name: 'a deploy-time action list', code: policy(stmt('${var.actions}')) }]);

describe('rule roles-anywhere-actions quick fix', () => {
  it('adds the missing actions, and the result is quiet', () => {
    const after = fixed(policy(stmt('sts:AssumeRole')), rule);
    assert.deepStrictEqual(JSON.parse(after), JSON.parse(policy(stmt(all))));
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('adds to a one-line list on the same line', () => {
    const after = fixed(JSON.stringify({ Version: '2012-10-17', Statement: [stmt(['sts:AssumeRole', 'sts:TagSession'])] }), rule);
    assert.ok(after.includes('["sts:AssumeRole","sts:TagSession", "sts:SetSourceIdentity"]'), after);
  });
});
