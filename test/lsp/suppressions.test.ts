import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { rangeOf, REPO_ROOT } from './client';
import { useServer } from './suite';
import { jsonStatementPolicy, terraformStatementRole } from '../../server/src/testing/statementDocuments';

/**
 * `iam-trust-ignore` comments over the real protocol: what a comment suppresses is not published,
 * removing the comment brings the finding back, and a comment that suppresses nothing is published
 * as suppression-unused on the rule id it names.
 */

const SUPPRESSION = '// iam-trust-ignore principal-any: the partner gateway checks the caller';

const policy = (comment: string) => jsonStatementPolicy(['"Effect": "Allow",', comment, '"Principal": { "AWS": "*" },', '"Action": "sts:AssumeRole"']);

describe('language server: iam-trust-ignore comments', () => {
  const server = useServer((ws) => ({ rootUri: pathToFileURL(ws.dir).href }));

  it('does not publish a suppressed finding, and publishes it again once the comment is gone', async () => {
    const text = policy(SUPPRESSION);
    const uri = server.ws.write('roles/gateway-trust.json', text);
    const diagnostics = await server.client.openAndWait(uri, text, 'jsonc');
    assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'principal-any' || d.code === 'suppression-unused'), []);

    const range = rangeOf(text, SUPPRESSION);
    const after = await server.client.changeAndWait(uri, 2, [{ range, text: '// the partner gateway checks the caller' }]);
    assert.ok(after.some((d) => d.code === 'principal-any'), JSON.stringify(after));
  });

  it('publishes a Terraform comment that suppresses nothing as suppression-unused, on the id, with its docs page', async () => {
    const text = terraformStatementRole([
      'Effect    = "Allow"',
      '# iam-trust-ignore principal-any: was open to everyone before INFRA-90',
      'Principal = { AWS = "arn:aws:iam::210987654321:role/deploy" }',
      'Action    = "sts:AssumeRole"',
    ]);
    const uri = server.ws.write('infra/main.tf', text);
    const diagnostics = await server.client.openAndWait(uri, text, 'terraform');
    const unused = diagnostics.filter((d) => d.code === 'suppression-unused');
    assert.strictEqual(unused.length, 1, JSON.stringify(diagnostics));
    assert.deepStrictEqual(unused[0].range, rangeOf(text, 'principal-any'));
    assert.strictEqual(unused[0].severity, DiagnosticSeverity.Warning);
    assert.match(unused[0].message, /principal-any reports nothing on line 8/);
    assert.strictEqual(unused[0].codeDescription?.href, pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules', 'suppression-unused.md')).href);
  });
});
