/**
 * Test support for quick fixes in formats other than plain JSON: a CloudFormation YAML template
 * around a role's statements, where a fix may replace a value in place but must not insert JSON.
 */

/** The template of one role; `statementLines` are the list items of `Statement`, written from the dash. */
export function cloudFormationRole(statementLines: string[]): string {
  const head = ['Resources:', '  Role:', '    Type: AWS::IAM::Role', '    Properties:', '      AssumeRolePolicyDocument:', '        Version: "2012-10-17"', '        Statement:'];
  return [...head, ...statementLines.map((line) => `          ${line}`), ''].join('\n');
}
