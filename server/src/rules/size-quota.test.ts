import * as assert from 'assert';
import { parseJson } from '../parser/json';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule, trustPolicyLength } from './size-quota';

/** A role trusted by many CI runners: the usual way trust policies outgrow the quota. */
function manyRunners(count: number, base = 'arn:aws:iam::210987654321:role/ci-runner-'): object {
  return {
    Sid: 'CiRunners',
    Effect: 'Allow',
    Principal: { AWS: Array.from({ length: count }, (_, i) => `${base}${String(i).padStart(3, '0')}`) },
    Action: 'sts:AssumeRole',
  };
}

const big = compactPolicy(manyRunners(50));
const bigLength = big.length;
/** Over 2,048 characters as text, under it without white space. */
const pretty = JSON.stringify(JSON.parse(compactPolicy(manyRunners(34))), null, 8);

ruleTester(rule, {
  valid: [
    policy(manyRunners(3)),
    { name: 'at the quota exactly', code: big, config: { trustPolicyQuota: bigLength } },
    { name: 'a raised quota', code: big, config: { trustPolicyQuota: 4096 } },
    { name: 'white space outside strings is not counted', code: pretty },
    { name: 'a list is not a policy', code: JSON.stringify([JSON.parse(big)]) },
  ],
  invalid: [
    {
      code: big,
      errors: [{ text: '{', message: [`${bigLength.toLocaleString('en-US')} characters`, 'quota of 2,048', 'LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048', 'trustPolicyQuota'], severity: 'warning' }],
    },
    { name: 'one character over a configured quota', code: big, config: { trustPolicyQuota: bigLength - 1 }, errors: [{ text: '{', message: `ACLSizePerRole: ${bigLength - 1}` }] },
    {
      name: 'long in pretty JSON too',
      code: JSON.stringify(JSON.parse(big), null, 2),
      errors: [{ text: '{', message: `${bigLength.toLocaleString('en-US')} characters` }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time value makes the length unknown', code: compactPolicy(manyRunners(50), { Effect: 'Allow', Principal: { AWS: '${var.extra_principals}' }, Action: 'sts:AssumeRole' }) },
]);

describe('trustPolicyLength', () => {
  const length = (text: string) => trustPolicyLength(parseJson(text).root!);
  it('counts compact JSON: white space outside strings is left out, inside strings kept', () => {
    assert.strictEqual(length('{ "Sid" : [ 1 , "a b" , true , null ] }'), '{"Sid":[1,"a b",true,null]}'.length);
  });
  it('counts an escape as written in JSON', () => {
    assert.strictEqual(length('{"a": "x\\"y"}'), '{"a":"x\\"y"}'.length);
  });
  it('leaves out indentation', () => {
    assert.ok(pretty.length > 2048 && length(pretty)! < 2048, `${pretty.length} / ${length(pretty)}`);
  });
  it('matches the text length of a compact policy', () => {
    assert.strictEqual(length(big), bigLength);
  });
});
