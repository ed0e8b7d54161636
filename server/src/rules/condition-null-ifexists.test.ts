import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './condition-null-ifexists';

const stmt = (Condition: unknown) => ({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'], Condition });
const present = { 'sts:SourceIdentity': 'false' };

ruleTester(rule, {
  valid: [policy(stmt({ Null: present })), policy(stmt({ StringEqualsIfExists: { 'sts:SourceIdentity': 'alice' } }))],
  invalid: [
    { code: policy(stmt({ NullIfExists: present })), errors: [{ text: '"NullIfExists"', message: ['IfExists on Null', 'rejects the whole policy', 'write "Null"'], severity: 'error' }] },
    { name: 'any case', code: policy(stmt({ nullifexists: present })), errors: [{ text: '"nullifexists"', message: 'write "Null"' }] },
  ],
});

unknownValueTester(rule, [{ name: 'a value known at deploy time does not matter: the operator is still refused', code: policy(stmt({ NullIfExists: { 'sts:SourceIdentity': '${var.required}' } })), errors: [{ text: '"NullIfExists"' }] }]);

describe('rule condition-null-ifexists quick fix', () => {
  it('drops IfExists, and the result is quiet', () => {
    const after = fixed(compactPolicy(stmt({ NullIfExists: present })), rule);
    assert.strictEqual(after, compactPolicy(stmt({ Null: present })));
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('offers no fix when a Null block exists already (the two would collide)', () => {
    const [finding] = lint(compactPolicy(stmt({ Null: { 'aws:SourceIdentity': 'false' }, NullIfExists: { 'sts:SourceIdentity': 'false' } })), rule);
    assert.deepStrictEqual(finding.fixes, []);
  });
});
