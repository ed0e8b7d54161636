import * as assert from 'assert';
import { documentKind } from '../../../server/src/formats/kind';

describe('document kind', () => {
  const cases: [string | undefined, string | undefined, string, string][] = [
    ['/r/trust.json', undefined, '{}', 'json'],
    ['/r/policy.jsonc', undefined, '{}', 'json'],
    ['/r/stack.yaml', undefined, 'a: 1', 'yaml'],
    ['/r/stack.YML', undefined, 'a: 1', 'yaml'],
    ['/r/main.tf', undefined, '', 'terraform'],
    ['/r/trust.json.tpl', undefined, '{}', 'template'],
    ['/r/trust.tpl', undefined, '{}', 'template'],
    ['/r/trust.json.tftpl', undefined, '{}', 'template'],
    ['/r/values.yaml.tpl', undefined, 'a: 1', 'yaml'],
    ['/r/stack.template', undefined, '  {"Resources": {}}', 'json'],
    ['/r/stack.template', undefined, 'Resources: {}', 'yaml'],
    [undefined, 'terraform', '', 'terraform'],
    [undefined, 'yaml', '{}', 'yaml'],
    [undefined, undefined, '// iam-trust-ignore\n{}', 'json'],
    [undefined, undefined, 'resource "aws_iam_role" "r" {}', 'terraform'],
    ['/r/untitled', 'plaintext', 'AWSTemplateFormatVersion: x', 'yaml'],
  ];
  for (const [file, language, text, expected] of cases) {
    it(`${file ?? '(no file)'} ${language ?? ''} → ${expected}`, () => {
      assert.strictEqual(documentKind(text, file, language), expected);
    });
  }
});
