/**
 * CloudFormation templates for the group D rule tests: one role with the given properties and
 * trusted principal, in YAML (the form most templates use).
 */
export function roleTemplate(options: { maxSessionDuration?: string; principal?: string; extraStatement?: string; name?: string }): string {
  const lines = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    `  ${options.name ?? 'DeployRole'}:`,
    '    Type: AWS::IAM::Role',
    '    Properties:',
  ];
  if (options.maxSessionDuration !== undefined) lines.push(`      MaxSessionDuration: ${options.maxSessionDuration}`);
  lines.push(
    '      AssumeRolePolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Effect: Allow',
    `            Principal: ${options.principal ?? '{ AWS: arn:aws:iam::210987654321:user/ci }'}`,
    '            Action: sts:AssumeRole',
  );
  if (options.extraStatement) lines.push(options.extraStatement);
  return lines.join('\n') + '\n';
}

export const TEMPLATE = 'template.yaml';
