/**
 * Small documents around a role's statements, in each format a trust policy is written in. Each
 * line of a statement is written by the test, so a value (or a comment) goes exactly where the
 * case needs it.
 */

/** A JSON policy of one statement; `statementLines` are its members, written without indentation. */
export function jsonStatementPolicy(statementLines: string[]): string {
  const body = statementLines.map((line) => `      ${line}`);
  return ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {', ...body, '    }', '  ]', '}', ''].join('\n');
}

/** A Terraform role whose policy is `jsonencode` of one statement; `statementLines` are its HCL attributes. */
export function terraformStatementRole(statementLines: string[]): string {
  const body = statementLines.map((line) => `      ${line}`);
  const head = ['resource "aws_iam_role" "broker" {', '  name = "broker"', '  assume_role_policy = jsonencode({', '    Version = "2012-10-17"', '    Statement = [{'];
  return [...head, ...body, '    }]', '  })', '}', ''].join('\n');
}

/** The lines of one `AWS::IAM::Role` resource under `Resources:`; `statementLines` are the list items of `Statement`, written from the dash. */
function cloudFormationRoleResource(name: string, statementLines: string[]): string[] {
  const head = [`  ${name}:`, '    Type: AWS::IAM::Role', '    Properties:', '      AssumeRolePolicyDocument:', '        Version: "2012-10-17"', '        Statement:'];
  return [...head, ...statementLines.map((line) => `          ${line}`)];
}

/**
 * A CloudFormation YAML template of roles by logical name, each with its statements' lines (the
 * list items of `Statement`, written from the dash); `formatVersion` starts it with
 * `AWSTemplateFormatVersion`, as most real templates do.
 */
export function cloudFormationTemplate(roles: Record<string, string[]>, options: { formatVersion?: boolean } = {}): string {
  const head = options.formatVersion ? ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'] : ['Resources:'];
  return [...head, ...Object.entries(roles).flatMap(([name, lines]) => cloudFormationRoleResource(name, lines)), ''].join('\n');
}

/** The template of one role; `statementLines` are the list items of `Statement`, written from the dash. */
export function cloudFormationRole(statementLines: string[], name = 'Role'): string {
  return cloudFormationTemplate({ [name]: statementLines });
}
