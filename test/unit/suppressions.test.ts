import * as assert from 'assert';
import { analyseDocument, initParsers } from '../../server/src/documents';
import { mergeConfig, TrustConfig } from '../../server/src/config';
import { suppressedFindingsOf, validateDocument, ValidationOptions } from '../../server/src/validation';
import { Finding } from '../../server/src/rules/types';
import { applyEdits } from '../../server/src/features/fixAll';
import { cloudFormationRole, jsonStatementPolicy, terraformStatementRole } from '../../server/src/testing/statementDocuments';

/**
 * Inline `iam-trust-ignore` comments (docs/suppressions.md), through the engine as the editor and
 * the CLI run it: every rule, then the comments.
 */

function lintFile(text: string, filePath: string, config: Partial<TrustConfig> = {}, options: ValidationOptions = {}): Finding[] {
  const cfg = mergeConfig(config);
  const doc = analyseDocument({ text, filePath, force: true }, cfg);
  assert.ok(doc && !doc.pending && !doc.skipped, `${filePath} not analysed`);
  return validateDocument(doc, cfg, options);
}

/** `rule @ text under its range`, for findings of the given rules. */
function shown(text: string, findings: Finding[], ...ruleIds: string[]): string[] {
  return findings.filter((f) => ruleIds.includes(f.ruleId)).map((f) => `${f.ruleId} @ ${text.substr(f.span.offset, f.span.length)}`);
}

function only(findings: Finding[], ruleId: string): Finding {
  const matching = findings.filter((f) => f.ruleId === ruleId);
  assert.strictEqual(matching.length, 1, JSON.stringify(findings.map((f) => [f.ruleId, f.message])));
  return matching[0];
}

/** A JSON policy whose principal line draws three rules (principal-any and two on the example account), `before` above it. */
function jsonPolicy(principalLine: string, before?: string): string {
  return jsonStatementPolicy(['"Effect": "Allow",', ...(before ? [before] : []), principalLine, '"Action": "sts:AssumeRole"']);
}

const PRINCIPALS = '"Principal": { "AWS": ["*", "arn:aws:iam::111122223333:root"] },';
const ON_PRINCIPALS = ['principal-any', 'principal-account-root', 'principal-example-account'];

describe('suppressions: iam-trust-ignore comments', () => {
  before(() => initParsers());

  describe('JSON', () => {
    it('without a comment, the principal line has three findings (the baseline of what follows)', () => {
      const text = jsonPolicy(PRINCIPALS);
      assert.deepStrictEqual(shown(text, lintFile(text, 'a.trust.json'), ...ON_PRINCIPALS), [
        'principal-any @ "*"',
        'principal-account-root @ "arn:aws:iam::111122223333:root"',
        'principal-example-account @ "arn:aws:iam::111122223333:root"',
      ]);
    });

    it('a comment on its own line suppresses its rule on the next line; other rules there stay', () => {
      const text = jsonPolicy(PRINCIPALS, '// iam-trust-ignore principal-any: brokered by the partner gateway, see ADR-12');
      const findings = lintFile(text, 'a.trust.json');
      assert.deepStrictEqual(shown(text, findings, ...ON_PRINCIPALS, 'suppression-unused'), [
        'principal-account-root @ "arn:aws:iam::111122223333:root"',
        'principal-example-account @ "arn:aws:iam::111122223333:root"',
      ]);
      assert.deepStrictEqual(
        suppressedFindingsOf(findings).map((s) => [s.finding.ruleId, s.directive.reason]),
        [['principal-any', 'brokered by the partner gateway, see ADR-12']],
      );
    });

    it('a comment after code suppresses on its own line; several ids, comma-separated', () => {
      const text = jsonPolicy(`${PRINCIPALS} // iam-trust-ignore principal-any, principal-example-account: test fixture`);
      assert.deepStrictEqual(shown(text, lintFile(text, 'a.trust.json'), ...ON_PRINCIPALS, 'suppression-unused'), [
        'principal-account-root @ "arn:aws:iam::111122223333:root"',
      ]);
    });

    it('skips blank lines and other comments to find the next line; block comments work too', () => {
      const text = jsonPolicy(PRINCIPALS, '/* iam-trust-ignore principal-any: gateway */\n\n      // the partner asked for this');
      assert.deepStrictEqual(shown(text, lintFile(text, 'a.trust.json'), 'principal-any', 'suppression-unused'), []);
    });

    it('reports a comment that suppresses nothing, on the rule id in it, with a fix that removes the line', () => {
      const text = jsonPolicy(PRINCIPALS, '// iam-trust-ignore principal-user: old user principal');
      const findings = lintFile(text, 'a.trust.json');
      const unused = only(findings, 'suppression-unused');
      assert.strictEqual(text.substr(unused.span.offset, unused.span.length), 'principal-user');
      assert.strictEqual(unused.severity, 'warning');
      assert.match(unused.message, /principal-user reports nothing on line 7/);
      assert.strictEqual(applyEdits(text, unused.fixes[0].edits), jsonPolicy(PRINCIPALS));
      assert.ok(findings.some((f) => f.ruleId === 'principal-any'), 'the unrelated finding stays');
    });

    it('removes only the unused id of several', () => {
      const text = jsonPolicy(`${PRINCIPALS} // iam-trust-ignore principal-user, principal-any: fixture`);
      const unused = only(lintFile(text, 'a.trust.json'), 'suppression-unused');
      assert.strictEqual(text.substr(unused.span.offset, unused.span.length), 'principal-user');
      assert.strictEqual(applyEdits(text, unused.fixes[0].edits), jsonPolicy(`${PRINCIPALS} // iam-trust-ignore principal-any: fixture`));
    });

    it('reports an unknown rule id with the closest one, and the fix makes the comment work', () => {
      const text = jsonPolicy(PRINCIPALS, '// iam-trust-ignore principal-anyy: gateway');
      const findings = lintFile(text, 'a.trust.json');
      const unknown = only(findings, 'suppression-unused');
      assert.strictEqual(text.substr(unknown.span.offset, unknown.span.length), 'principal-anyy');
      assert.match(unknown.message, /"principal-anyy" is not an IAM Trust rule.*Did you mean "principal-any"\?/);
      assert.ok(findings.some((f) => f.ruleId === 'principal-any'), 'an unknown id suppresses nothing');
      const fixed = applyEdits(text, unknown.fixes[0].edits);
      assert.deepStrictEqual(shown(fixed, lintFile(fixed, 'a.trust.json'), 'principal-any', 'suppression-unused'), []);
    });

    it('never takes "//" inside a string for a comment', () => {
      const text = jsonPolicy(PRINCIPALS.replace(' },', ' }, "Sid": "// iam-trust-ignore principal-any: not a comment",'));
      const findings = lintFile(text, 'a.trust.json');
      assert.deepStrictEqual(shown(text, findings, 'principal-any', 'suppression-unused'), ['principal-any @ "*"']);
      assert.deepStrictEqual(suppressedFindingsOf(findings), []);
    });

    it('applies a comment without a reason but reports it, on the whole comment', () => {
      const comment = '// iam-trust-ignore principal-any';
      const text = jsonPolicy(PRINCIPALS, comment);
      const findings = lintFile(text, 'a.trust.json');
      assert.ok(!findings.some((f) => f.ruleId === 'principal-any'));
      const reported = only(findings, 'suppression-unused');
      assert.strictEqual(text.substr(reported.span.offset, reported.span.length), comment);
      assert.match(reported.message, /reason for suppressing principal-any/);
    });

    it('reports a comment it cannot read, and it suppresses nothing', () => {
      const comment = '// iam-trust-ignore principal-any because the gateway checks it';
      const text = jsonPolicy(PRINCIPALS, comment);
      const findings = lintFile(text, 'a.trust.json');
      assert.ok(findings.some((f) => f.ruleId === 'principal-any'));
      const reported = only(findings, 'suppression-unused');
      assert.strictEqual(text.substr(reported.span.offset, reported.span.length), comment);
      assert.match(reported.message, /cannot be read/);
    });

    it('cannot suppress json-syntax', () => {
      const text = '{\n  "Version": "2012-10-17",\n  // iam-trust-ignore json-syntax: half written\n  "Statement": [ {"Effect": "Allow",, } ]\n}';
      const findings = lintFile(text, 'a.trust.json');
      assert.ok(findings.some((f) => f.ruleId === 'json-syntax'));
      assert.match(only(findings, 'suppression-unused').message, /json-syntax cannot be suppressed/);
    });

    it('does not judge a comment whose rule is turned off, and says nothing when suppression-unused is off', () => {
      const text = jsonPolicy(PRINCIPALS, '// iam-trust-ignore principal-user: old user principal');
      assert.deepStrictEqual(shown(text, lintFile(text, 'a.trust.json', { rules: { 'principal-user': 'off' } }), 'suppression-unused'), []);
      assert.deepStrictEqual(shown(text, lintFile(text, 'a.trust.json', { rules: { 'suppression-unused': 'off' } }), 'suppression-unused'), []);
      const error = only(lintFile(text, 'a.trust.json', { rules: { 'suppression-unused': 'error' } }), 'suppression-unused');
      assert.strictEqual(error.severity, 'error');
    });

    it('still suppresses when suppression-unused is off', () => {
      const text = jsonPolicy(PRINCIPALS, '// iam-trust-ignore principal-any: gateway');
      assert.deepStrictEqual(shown(text, lintFile(text, 'a.trust.json', { rules: { 'suppression-unused': 'off' } }), 'principal-any'), []);
    });

    it('offers "Suppress on this line" only in JSON that already has comments', () => {
      const plain = jsonPolicy(PRINCIPALS);
      const titles = (fs: Finding[]) => only(fs, 'principal-any').fixes.map((f) => f.title);
      assert.ok(!titles(lintFile(plain, 'a.trust.json', {}, { suppressionFixes: true })).includes('Suppress principal-any on this line'));
      const commented = jsonPolicy(PRINCIPALS, '// partner gateway');
      assert.ok(!titles(lintFile(commented, 'a.trust.json')).includes('Suppress principal-any on this line'), 'off unless asked for');
      const fix = only(lintFile(commented, 'a.trust.json', {}, { suppressionFixes: true }), 'principal-any').fixes.find((f) => f.title === 'Suppress principal-any on this line');
      assert.ok(fix);
      const fixed = applyEdits(commented, fix.edits);
      assert.ok(fixed.includes(`      // iam-trust-ignore principal-any: <why this is acceptable>\n      ${PRINCIPALS}`), fixed);
      const after = lintFile(fixed, 'a.trust.json');
      assert.deepStrictEqual(shown(fixed, after, 'principal-any'), []);
      assert.match(only(after, 'suppression-unused').message, /reason for suppressing principal-any/, 'the placeholder is no reason');
    });

    it('reads comments in a JSON template around placeholders that hold quotes', () => {
      const text = jsonStatementPolicy([
        '"Effect": "Allow",',
        '"Sid": "${join("", ["a", "b"])}",',
        '// iam-trust-ignore principal-any: rendered for the sandbox only',
        '"Principal": { "AWS": "*" },',
        '"Action": "sts:AssumeRole"',
      ]);
      assert.deepStrictEqual(shown(text, lintFile(text, 'trust.json.tpl'), 'principal-any', 'suppression-unused'), []);
    });
  });

  describe('YAML (CloudFormation)', () => {
    /** A role whose principal line draws the three rules, `before` above it, after a block scalar holding the directive's words. */
    const template = (principalLine: string, before?: string) =>
      'Description: |\n  # iam-trust-ignore principal-any: inside a block scalar, not a comment\n' +
      cloudFormationRole(['- Effect: Allow', ...(before ? [`  ${before}`] : []), `  ${principalLine}`, '  Action: sts:AssumeRole']);
    const principals = 'Principal: { AWS: ["*", "arn:aws:iam::111122223333:root"] }';

    it('suppresses with #, on the next line or its own, and leaves other rules', () => {
      for (const text of [template(principals, '# iam-trust-ignore principal-any: sandbox stack'), template(`${principals} # iam-trust-ignore principal-any: sandbox stack`)]) {
        assert.deepStrictEqual(shown(text, lintFile(text, 'template.yaml'), ...ON_PRINCIPALS, 'suppression-unused'), [
          'principal-account-root @ "arn:aws:iam::111122223333:root"',
          'principal-example-account @ "arn:aws:iam::111122223333:root"',
        ]);
      }
    });

    it('does not read "#" inside a quoted string or a block scalar as a comment', () => {
      const text = template(principals.replace(' }', ', Sid: "x # iam-trust-ignore principal-any: no" }'));
      const findings = lintFile(text, 'template.yaml');
      assert.deepStrictEqual(shown(text, findings, 'principal-any', 'suppression-unused'), ['principal-any @ "*"']);
    });

    it('reports an unused comment on its rule id', () => {
      const text = template(principals, '# iam-trust-ignore principal-user: old');
      const unused = only(lintFile(text, 'template.yaml'), 'suppression-unused');
      assert.strictEqual(text.substr(unused.span.offset, unused.span.length), 'principal-user');
    });

    it('offers "Suppress on this line" with a # comment at the line\'s indentation', () => {
      const text = template(principals);
      const fix = only(lintFile(text, 'template.yaml', {}, { suppressionFixes: true }), 'principal-any').fixes.find((f) => f.title === 'Suppress principal-any on this line');
      assert.ok(fix);
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.includes(`            # iam-trust-ignore principal-any: <why this is acceptable>\n            ${principals}`), fixed);
      assert.deepStrictEqual(shown(fixed, lintFile(fixed, 'template.yaml'), 'principal-any'), []);
    });
  });

  describe('Terraform', () => {
    const jsonencodeRole = (principalLine: string, before?: string) =>
      terraformStatementRole(['Effect    = "Allow"', ...(before ? [before] : []), principalLine, 'Action    = "sts:AssumeRole"']);
    const principals = 'Principal = { AWS = ["*", "arn:aws:iam::111122223333:root"] }';

    it('suppresses with # and with //, and leaves other rules', () => {
      for (const text of [
        jsonencodeRole(principals, '# iam-trust-ignore principal-any: broker'),
        jsonencodeRole(principals, '// iam-trust-ignore principal-any: broker'),
        jsonencodeRole(`${principals} # iam-trust-ignore principal-any: broker`),
      ]) {
        assert.deepStrictEqual(shown(text, lintFile(text, 'main.tf'), ...ON_PRINCIPALS, 'suppression-unused'), [
          'principal-account-root @ "arn:aws:iam::111122223333:root"',
          'principal-example-account @ "arn:aws:iam::111122223333:root"',
        ]);
      }
    });

    it('does not read "#" or "//" inside an HCL string as a comment', () => {
      const text = jsonencodeRole(principals.replace(' }', ' }\n      Sid = "x // iam-trust-ignore principal-any: no # iam-trust-ignore principal-any: no"'));
      assert.deepStrictEqual(shown(text, lintFile(text, 'main.tf'), 'principal-any', 'suppression-unused'), ['principal-any @ "*"']);
    });

    it('covers a whole heredoc from the line above it; a comment inside the heredoc is policy text, not a directive', () => {
      const heredoc = (before: string, inside: string) =>
        [
          'resource "aws_iam_role" "broker" {',
          ...(before ? [before] : []),
          '  assume_role_policy = <<EOF',
          '{',
          '  "Version": "2012-10-17",',
          ...(inside ? [inside] : []),
          '  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }]',
          '}',
          'EOF',
          '}',
          '',
        ].join('\n');
      const covered = heredoc('  # iam-trust-ignore principal-any: broker', '');
      assert.deepStrictEqual(shown(covered, lintFile(covered, 'main.tf'), 'principal-any', 'suppression-unused'), []);
      const inside = heredoc('', '  // iam-trust-ignore principal-any: IAM would receive this line');
      assert.ok(lintFile(inside, 'main.tf').some((f) => f.ruleId === 'principal-any'));
      assert.deepStrictEqual(suppressedFindingsOf(lintFile(inside, 'main.tf')), []);
    });

    it('reports an unused comment on its rule id, and an unknown one with a suggestion', () => {
      const text = jsonencodeRole(principals, '# iam-trust-ignore principal-user, principal-anny: broker');
      const reported = lintFile(text, 'main.tf').filter((f) => f.ruleId === 'suppression-unused');
      assert.deepStrictEqual(
        reported.map((f) => text.substr(f.span.offset, f.span.length)),
        ['principal-user', 'principal-anny'],
      );
      assert.match(reported[1].message, /Did you mean "principal-any"/);
    });

    it('offers "Suppress on this line" in HCL, not inside a heredoc', () => {
      const text = jsonencodeRole(principals);
      const fix = only(lintFile(text, 'main.tf', {}, { suppressionFixes: true }), 'principal-any').fixes.find((f) => f.title === 'Suppress principal-any on this line');
      assert.ok(fix);
      const fixed = applyEdits(text, fix.edits);
      assert.deepStrictEqual(shown(fixed, lintFile(fixed, 'main.tf'), 'principal-any'), []);

      const heredoc = 'resource "aws_iam_role" "r" {\n  assume_role_policy = <<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}\nEOF\n}\n';
      const inHeredoc = only(lintFile(heredoc, 'main.tf', {}, { suppressionFixes: true }), 'principal-any');
      assert.ok(!inHeredoc.fixes.some((f) => f.title.startsWith('Suppress')));
    });
  });
});
