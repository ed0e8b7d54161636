import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { COGNITO, cognito, POOL_ID, webIdentity } from './groupF.testing';
import { rule } from './cognito-amr';
import { applyEdits } from '../features/fixAll';

const AUD = `${COGNITO}:aud`;
const AMR = `${COGNITO}:amr`;

ruleTester(rule, {
  valid: [
    cognito({ StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } }),
    { name: 'the guest role', code: cognito({ StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringLike': { [AMR]: 'unauthenticated' } }) },
    { name: 'ForAnyValue:StringEquals', code: cognito({ StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringEquals': { [AMR]: 'authenticated' } }) },
    { name: 'another provider', code: policy(webIdentity('accounts.google.com')) },
  ],
  invalid: [
    {
      name: 'no amr condition',
      code: cognito({ StringEquals: { [AUD]: POOL_ID } }),
      errors: [{ text: `"${COGNITO}"`, message: ['signed-in and guest (unauthenticated) identities', `"${AMR}"`], severity: 'warning' }],
    },
    {
      name: 'StringLike without ForAnyValue:',
      code: cognito({ StringEquals: { [AUD]: POOL_ID }, StringLike: { [AMR]: 'authenticated' } }),
      errors: [{ text: `"${AMR}"`, message: ['holds several values', '"ForAnyValue:StringLike"'] }],
    },
    {
      name: 'ForAllValues:',
      code: cognito({ StringEquals: { [AUD]: POOL_ID }, 'ForAllValues:StringLike': { [AMR]: 'authenticated' } }),
      errors: [{ text: `"${AMR}"`, message: ['ForAllValues: requires every value to match', 'absent'] }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time Condition', code: policy({ ...webIdentity(COGNITO), Condition: '${local.cognito_conditions}' }) },
  { name: 'a deploy-time amr value still compares amr', code: cognito({ StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringLike': { [AMR]: '${var.amr}' } }) },
]);

describe('rule cognito-amr quick fixes', () => {
  it('offers both roles when amr is missing, and either settles the finding', () => {
    const code = cognito({ StringEquals: { [AUD]: POOL_ID } });
    const [finding] = lint(code, rule);
    assert.deepStrictEqual(finding.fixes.map((f) => f.title), ['Admit only authenticated identities', 'Admit only unauthenticated identities']);
    assert.ok(finding.fixes.every((f) => !f.preferred), 'the choice is the user\'s');
    for (const [i, amr] of ['authenticated', 'unauthenticated'].entries()) {
      const after = applyEdits(code, finding.fixes[i].edits);
      assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition['ForAnyValue:StringLike'], { [AMR]: amr });
      assert.deepStrictEqual(lint(after, rule), []);
    }
  });

  it('renames a block that holds only amr', () => {
    const code = cognito({ StringEquals: { [AUD]: POOL_ID }, StringLike: { [AMR]: 'authenticated' } });
    const after = applyEdits(code, lint(code, rule)[0].fixes[0].edits);
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition, { StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } });
    assert.deepStrictEqual(lint(after, rule), []);
  });

  it('moves amr out of a block it shares with aud, leaving aud as it was', () => {
    const code = cognito({ StringEquals: { [AMR]: 'authenticated', [AUD]: POOL_ID } });
    const after = applyEdits(code, lint(code, rule)[0].fixes[0].edits);
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition, { StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringEquals': { [AMR]: 'authenticated' } });
    assert.deepStrictEqual(lint(after, rule), []);
  });

  it('moves a list of amr values as the same list', () => {
    const code = cognito({ StringEquals: { [AUD]: POOL_ID, [AMR]: ['authenticated', 'accounts.google.com'] } });
    const after = applyEdits(code, lint(code, rule)[0].fixes[0].edits);
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition, { StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringEquals': { [AMR]: ['authenticated', 'accounts.google.com'] } });
    assert.deepStrictEqual(lint(after, rule), []);
  });

  it('moves amr when it is the last key of its block', () => {
    const code = cognito({ StringEquals: { [AUD]: POOL_ID, [AMR]: 'authenticated' } });
    const after = applyEdits(code, lint(code, rule)[0].fixes[0].edits);
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition, { StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringEquals': { [AMR]: 'authenticated' } });
  });
});
