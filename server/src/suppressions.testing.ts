/**
 * Test support for inline suppressions: small files around one statement, with each line of the
 * statement written by the test so a comment can go exactly where the case needs it.
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
