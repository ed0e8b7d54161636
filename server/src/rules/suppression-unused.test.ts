import * as assert from 'assert';
import { lint, ruleTester } from '../testing/ruleTester';
import { rule } from './suppression-unused';
import { cloudFormationRole, jsonStatementPolicy } from '../testing/statementDocuments';

/** A partner's trust, with a comment line above its principal. */
function commented(comment: string, principal = '"arn:aws:iam::348201957364:root"'): string {
  return jsonStatementPolicy([
    '"Effect": "Allow",',
    comment,
    `"Principal": { "AWS": ${principal} },`,
    '"Action": "sts:AssumeRole",',
    '"Condition": { "StringEquals": { "sts:ExternalId": "7Qx2Lk9vTb4mWc8nRz1H" } }',
  ]);
}

const yamlRole = (comment: string) => cloudFormationRole(['- Effect: Allow', `  ${comment}`, '  Principal: { Service: lambda.amazonaws.com }', '  Action: sts:AssumeRole']);

ruleTester(rule, {
  valid: [
    { name: 'a well-formed comment naming a rule that did not run here is not judged', code: commented('// iam-trust-ignore principal-account-root: partner tooling') },
    { name: 'a comment that does not start with the directive', code: commented('// see iam-trust-ignore in docs/suppressions.md') },
    { name: 'YAML, two ids and a reason', code: yamlRole('# iam-trust-ignore service-confused-deputy, principal-any: internal function'), filePath: 'template.yaml' },
    { name: 'no comment at all', code: commented('"Sid": "NoComment",') },
  ],
  invalid: [
    {
      name: 'an unknown id, with the closest suggested',
      code: commented('// iam-trust-ignore principal-acount-root: partner tooling'),
      errors: [{ text: 'principal-acount-root', message: ['"principal-acount-root" is not an IAM Trust rule', 'Did you mean "principal-account-root"?'], severity: 'warning' }],
    },
    {
      name: 'an id nothing resembles',
      code: commented('// iam-trust-ignore everything: legacy'),
      errors: [{ text: 'everything', message: ['not an IAM Trust rule', 'diagnostic codes'] }],
    },
    {
      name: 'no reason: reported on the whole comment',
      code: commented('// iam-trust-ignore principal-account-root'),
      errors: [{ text: '// iam-trust-ignore principal-account-root', message: 'reason for suppressing principal-account-root' }],
    },
    {
      name: 'the quick fix\'s placeholder is no reason',
      code: commented('// iam-trust-ignore principal-account-root: <why this is acceptable>'),
      errors: [{ text: '// iam-trust-ignore principal-account-root: <why this is acceptable>', message: 'reason for suppressing' }],
    },
    {
      name: 'a reason without the colon cannot be read',
      code: commented('// iam-trust-ignore principal-account-root partner tooling'),
      errors: [{ text: '// iam-trust-ignore principal-account-root partner tooling', message: 'cannot be read' }],
    },
    {
      name: 'no rule id',
      code: yamlRole('# iam-trust-ignore: internal function'),
      filePath: 'template.yaml',
      errors: [{ text: '# iam-trust-ignore: internal function', message: 'cannot be read' }],
    },
    {
      name: 'json-syntax cannot be suppressed',
      code: commented('/* iam-trust-ignore json-syntax: generated file */'),
      errors: [{ text: 'json-syntax', message: 'json-syntax cannot be suppressed' }],
    },
  ],
});

describe('rule suppression-unused, with every rule running', () => {
  it('reports a comment whose rule reports nothing on the next line, and stays quiet when it does', () => {
    const byRole = commented('// iam-trust-ignore principal-account-root: partner tooling', '"arn:aws:iam::348201957364:role/audit"');
    const unused = lint(byRole, undefined).filter((f) => f.ruleId === rule.id);
    assert.deepStrictEqual(
      unused.map((f) => [byRole.substr(f.span.offset, f.span.length), f.message]),
      [['principal-account-root', 'This comment suppresses principal-account-root, but principal-account-root reports nothing on line 7. Remove it (the problem it excused is gone), or put it just above the line the finding starts on.']],
    );
    const byAccount = commented('// iam-trust-ignore principal-account-root: partner tooling');
    assert.deepStrictEqual(lint(byAccount, undefined).filter((f) => f.ruleId === rule.id || f.ruleId === 'principal-account-root'), []);
  });

  it('reports a comment at the end of the file, which covers no line', () => {
    const code = commented('"Sid": "Partner",') + '// iam-trust-ignore principal-account-root: partner tooling\n';
    const found = lint(code, undefined).filter((f) => f.ruleId === rule.id);
    assert.deepStrictEqual(found.map((f) => f.message.slice(0, 80)), ['This comment suppresses principal-account-root on the next line, but no line fol']);
  });
});
