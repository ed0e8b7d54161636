import * as assert from 'assert';
import { findPlaceholders, parseJsonTemplate } from '../../../server/src/formats/template';
import { analyse, described, lintText, offsetOf, readFixture, textsOf, under, unknownsOf } from './helpers';

describe('JSON templates (templatefile, *.json.tpl, *.tftpl)', () => {
  it('lints the literal JSON and reads every placeholder as unknown', () => {
    const { text, filePath } = readFixture('templates/trust.json.tpl');
    const doc = analyse(text, filePath)!;
    assert.strictEqual(doc.policies.length, 1);
    assert.deepStrictEqual(
      unknownsOf(doc.policies[0].root).map((n) => under(text, n.span)),
      ['"arn:aws:iam::${account_id}:role/${role_name}"', '"${external_id}"'],
    );
    const findings = lintText(text, filePath, { rules: ['principal-any'] });
    assert.deepStrictEqual(textsOf(text, findings, 'principal-any'), ['"*"']);
    assert.strictEqual(findings[0].span.offset, offsetOf(text, '"*"'));
  });

  it('reads $${...} as the literal ${...} IAM policy variable', () => {
    const { text, filePath } = readFixture('templates/trust.json.tpl');
    const [policy] = analyse(text, filePath)!.policies;
    const condition = policy.policy.statements[2].conditions[0];
    assert.deepStrictEqual(condition.values.map((v) => v.value), ['${aws:username}']);
  });

  it('treats for/if directives and unquoted interpolations as unknown and reports nothing on them', () => {
    const { text, filePath } = readFixture('templates/directives.json.tftpl');
    const [policy] = analyse(text, filePath)!.policies;
    assert.deepStrictEqual(policy.syntaxProblems, []);
    const unknowns = unknownsOf(policy.root).map((n) => under(text, n.span).split('\n')[0]);
    assert.deepStrictEqual(unknowns, [
      '%{ for account in accounts ~}',
      '${jsonencode(principals)}',
      '${jsonencode(actions)}',
      '${condition}',
      // A directive where a key belongs: the object's keys cannot be known.
      '{',
      '{',
    ]);
    assert.deepStrictEqual(described(text, lintText(text, filePath)), []);
  });

  it('a template that is one placeholder is analysed when named, and is not a trust policy by content', () => {
    const { text, filePath } = readFixture('templates/whole.tpl');
    assert.strictEqual(analyse(text, filePath), undefined);
    const doc = analyse(text, filePath, { force: true })!;
    assert.strictEqual(doc.policies[0].root.kind, 'unknown');
    assert.deepStrictEqual(lintText(text, filePath, { force: true }), []);
  });

  it('reports real syntax errors of a half-typed template, not the placeholders', () => {
    const { text, filePath } = readFixture('templates/half-typed.json.tpl');
    const findings = lintText(text, filePath, { force: true, rules: ['json-syntax', 'principal-any'] });
    assert.deepStrictEqual(described(text, findings).slice(0, 2), ['principal-any: "*"', 'json-syntax: }']);
    assert.strictEqual(findings[1].span.offset, offsetOf(text, '}', '"sts:AssumeRole",'));
  });

  describe('placeholders', () => {
    const regions = (t: string) => findPlaceholders(t).map((r) => t.slice(r.start, r.end));

    it('end at the brace that closes them, past braces and strings of the expression', () => {
      assert.deepStrictEqual(regions('"a": ${jsonencode({ k = "}" })}, "b": ${x}'), ['${jsonencode({ k = "}" })}', '${x}']);
    });

    it('skip the $${ and %%{ escapes', () => {
      assert.deepStrictEqual(regions('"$${aws:username}", "%%{x}", ${y}'), ['${y}']);
    });

    it('pair for/if directives with their end, nested ones included', () => {
      assert.deepStrictEqual(regions('[%{ for a in x }%{ if a }"${a}",%{ endif }%{ endfor }"z"]'), ['%{ for a in x }%{ if a }"${a}",%{ endif }%{ endfor }']);
    });

    it('run to the end of the line when unclosed', () => {
      assert.deepStrictEqual(regions('["a", ${var.\n"b"]'), ['${var.']);
    });

    it('keep every offset: the tree spans the original text', () => {
      const text = '{"AWS": ${principals}, "Sid": "x${y}"}';
      const parsed = parseJsonTemplate(text, 100);
      assert.deepStrictEqual(
        unknownsOf(parsed.root).map((n) => [n.span.offset - 100, n.span.length]),
        [
          [8, '${principals}'.length],
          [30, '"x${y}"'.length],
        ],
      );
      assert.deepStrictEqual(parsed.problems, []);
    });
  });
});
