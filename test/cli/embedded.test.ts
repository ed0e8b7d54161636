import * as assert from 'assert';
import { CORE_RULES_CONFIG, parseJsonOutput, runCli, useTempTree } from './helpers';
import { cloudFormationTemplate } from '../../server/src/testing/statementDocuments';

/** Trust policies inside Terraform and CloudFormation, found in a directory walk and linted in place. */
describe('iam-trust lint: policies embedded in Terraform and CloudFormation', () => {
  const tree = useTempTree({
    '.iam-trust.json': CORE_RULES_CONFIG,
    'infra/main.tf': [
      'resource "aws_iam_role" "deploy" {',
      '  name = "deploy"',
      '  assume_role_policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]',
      '  })',
      '}',
      'resource "aws_iam_role" "ci" {',
      '  name               = "ci"',
      '  assume_role_policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Principal = { AWS = var.trusted_principal }, Action = "sts:AssumeRole" }]',
      '  })',
      '}',
      '',
    ].join('\n'),
    'stacks/roles.yaml': cloudFormationTemplate(
      {
        Open: ['- Effect: Allow', '  Principal: { AWS: "*" }', '  Action: sts:AssumeRole'],
        FromParameter: ['- Effect: Allow', '  Principal: { AWS: !Ref TrustedPrincipal }', '  Action: sts:AssumeRole'],
      },
      { formatVersion: true },
    ),
  });

  it('reports the wildcard principal on its own token in each file, and nothing for deploy-time values', () => {
    const run = runCli(['lint', '--format', 'json', '.'], tree.dir);
    assert.strictEqual(run.code, 1, run.stderr);
    const byFile = Object.fromEntries(parseJsonOutput(run).map((f) => [f.file, f.findings.map((x) => `${x.rule}@${x.line}:${x.column}-${x.endColumn}`)]));
    assert.deepStrictEqual(byFile, {
      'infra/main.tf': ['principal-any@5:58-61'],
      'stacks/roles.yaml': ['principal-any@10:31-34'],
    });
  });
});
