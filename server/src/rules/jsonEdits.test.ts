import * as assert from 'assert';
import { parse as parseYamlData } from 'yaml';
import { parseJson } from '../parser/json';
import { parseYaml } from '../parser/yaml';
import { buildTrustPolicy, Statement } from '../model/policy';
import { applyEdits } from '../features/fixAll';
import { addConditionEdit, detectIndentUnit, replaceStringEdit } from './jsonEdits';

function firstStatement(text: string): Statement {
  const root = parseJson(text).root;
  assert.ok(root);
  return buildTrustPolicy(root).statements[0];
}

function withCondition(text: string, operator = 'StringEquals', key = 'aws:PrincipalOrgID', value: string | string[] = 'o-a1b2c3d4e5'): string | undefined {
  const edit = addConditionEdit(text, firstStatement(text), operator, key, value);
  return edit && applyEdits(text, [edit]);
}

const policyOf = (statement: object, indent: string | number = 2) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, indent);
const ANYONE = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };
const ORG = { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };

describe('jsonEdits: adding a condition to a statement', () => {
  for (const indent of [2, 4, '\t']) {
    it(`creates the Condition element in the document's layout (indent ${JSON.stringify(indent)})`, () => {
      assert.strictEqual(withCondition(policyOf(ANYONE, indent)), policyOf({ ...ANYONE, Condition: ORG }, indent));
    });
  }

  it('keeps CRLF line ends', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    assert.strictEqual(withCondition(crlf(policyOf(ANYONE))), crlf(policyOf({ ...ANYONE, Condition: ORG })));
  });

  it('writes on one line in a one-line document', () => {
    assert.strictEqual(
      withCondition(JSON.stringify({ Statement: [ANYONE] })),
      '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}',
    );
  });

  it('adds the operator block beside the existing ones', () => {
    const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    assert.strictEqual(withCondition(policyOf({ ...ANYONE, Condition: mfa })), policyOf({ ...ANYONE, Condition: { ...mfa, ...ORG } }));
  });

  it('adds the key to an existing block of the same operator, whatever its case', () => {
    const tagged = { 'aws:PrincipalTag/team': 'platform' };
    assert.strictEqual(withCondition(policyOf({ ...ANYONE, Condition: { StringEquals: tagged } })), policyOf({ ...ANYONE, Condition: { StringEquals: { ...tagged, ...ORG.StringEquals } } }));
    const lower = withCondition(policyOf({ ...ANYONE, Condition: { stringequals: tagged } }));
    assert.strictEqual(lower, policyOf({ ...ANYONE, Condition: { stringequals: { ...tagged, ...ORG.StringEquals } } }));
  });

  it('fills empty objects, on lines of their own in a multi-line document', () => {
    assert.strictEqual(withCondition(policyOf({ ...ANYONE, Condition: {} })), policyOf({ ...ANYONE, Condition: ORG }));
    assert.strictEqual(withCondition(policyOf({ ...ANYONE, Condition: { StringEquals: {} } })), policyOf({ ...ANYONE, Condition: ORG }));
  });

  it('pads braces like the document does', () => {
    const padded = '{ "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole", "Condition": {} } ] }';
    assert.strictEqual(
      withCondition(padded),
      '{ "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } } ] }',
    );
  });

  it('writes a list of values on one line', () => {
    const fixed = withCondition(policyOf(ANYONE), 'StringEquals', 'aws:PrincipalOrgID', ['o-a1b2c3d4e5', 'o-b2c3d4e5f6']);
    assert.strictEqual(fixed, policyOf({ ...ANYONE, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'LIST' } } }).replace('"LIST"', '["o-a1b2c3d4e5", "o-b2c3d4e5f6"]'));
  });

  it('offers nothing when the edit is not clear', () => {
    assert.strictEqual(withCondition(policyOf({ ...ANYONE, Condition: { StringEquals: { 'AWS:PrincipalOrgId': '*' } } })), undefined, 'the key is already there');
    assert.strictEqual(withCondition(policyOf({ ...ANYONE, Condition: 'x' })), undefined, 'the Condition is not an object');
    assert.strictEqual(withCondition(policyOf({ ...ANYONE, Condition: { StringEquals: ['x'] } })), undefined, 'the block is not an object');
  });
});

describe('jsonEdits: indentation and string replacement', () => {
  it('detects the indentation step', () => {
    assert.strictEqual(detectIndentUnit('{\n    "a": {\n        "b": 1\n    }\n}'), '    ');
    assert.strictEqual(detectIndentUnit('{\n\t"a": 1\n}'), '\t');
    assert.strictEqual(detectIndentUnit('{"a": 1}'), '  ');
  });

  it('replaces a string in place, keeping how each format quotes it', () => {
    const json = '{"AWS": "arn:aws:iam::348201957364:root"}';
    const node = parseJson(json).root!;
    assert.ok(node.kind === 'object');
    const value = node.properties[0].value!;
    assert.strictEqual(applyEdits(json, [replaceStringEdit(json, value, 'arn:aws:iam::348201957364:role/ROLE_NAME', 'json')!]), '{"AWS": "arn:aws:iam::348201957364:role/ROLE_NAME"}');
    assert.strictEqual(replaceStringEdit(json, value, 'say "hi"', 'json'), undefined, 'a value that needs escapes is not a plain replacement');

    for (const yaml of ['AWS: arn:aws:iam::348201957364:root\n', "AWS: 'arn:aws:iam::348201957364:root'\n", 'AWS: "arn:aws:iam::348201957364:root"\n']) {
      const root = parseYaml(yaml).root!;
      assert.ok(root.kind === 'object');
      const edit = replaceStringEdit(yaml, root.properties[0].value!, 'arn:aws:iam::348201957364:role/ROLE_NAME', 'yaml');
      assert.ok(edit, yaml);
      assert.deepStrictEqual(parseYamlData(applyEdits(yaml, [edit])), { AWS: 'arn:aws:iam::348201957364:role/ROLE_NAME' });
    }
    const plain = 'AWS: arn:aws:iam::348201957364:root\n';
    const plainRoot = parseYaml(plain).root;
    assert.ok(plainRoot?.kind === 'object');
    const plainValue = plainRoot.properties[0].value!;
    assert.strictEqual(replaceStringEdit(plain, plainValue, 'true', 'yaml'), undefined, 'a plain YAML true would be a boolean');
    assert.strictEqual(replaceStringEdit(plain, plainValue, '- x', 'yaml'), undefined, 'a plain YAML "- x" would be a list');
  });
});
