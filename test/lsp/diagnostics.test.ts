import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { positionAt, rangeOf, REPO_ROOT } from './client';
import { readFixture } from './workspace';
import { useServer } from './suite';

describe('language server: diagnostics over stdio', () => {
  const server = useServer((ws) => ({ rootUri: pathToFileURL(ws.dir).href }));

  it('offers incremental sync and names itself', () => {
    const sync = server.client.initializeResult!.capabilities.textDocumentSync as { change: number; openClose: boolean };
    assert.strictEqual(sync.change, 2, 'TextDocumentSyncKind.Incremental');
    assert.strictEqual(sync.openClose, true);
    assert.strictEqual(server.client.initializeResult!.serverInfo?.name, 'iam-trust');
  });

  it('reports principal-any on the "*" of {"AWS": "*"} with its docs page', async () => {
    const text = readFixture('open-to-any-account.json');
    const uri = server.ws.write('roles/open.json', text);
    const diagnostics = await server.client.openAndWait(uri, text);
    const principalAny = diagnostics.filter((d) => d.code === 'principal-any');
    assert.strictEqual(principalAny.length, 1, JSON.stringify(diagnostics));
    const d = principalAny[0];
    assert.deepStrictEqual(d.range, rangeOf(text, '"*"'));
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
    assert.strictEqual(d.source, 'iam-trust');
    assert.match(d.message, /any AWS account/);
    assert.strictEqual(d.codeDescription?.href, pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules', 'principal-any.md')).href);
    assert.deepStrictEqual(d.data, { ruleId: 'principal-any', findingIndex: diagnostics.filter((x) => x.data).indexOf(d) });
    for (const other of diagnostics) {
      assert.strictEqual(other.source, 'iam-trust');
      assert.ok(other.codeDescription?.href.endsWith(`/docs/rules/${other.code}.md`), `${other.code} links its docs page`);
    }
  });

  it('speaks softly (a hint) when a condition restricts "*" to the organization', async () => {
    const text = readFixture('org-restricted.json');
    const uri = server.ws.write('roles/org.json', text);
    const diagnostics = await server.client.openAndWait(uri, text);
    const d = diagnostics.find((x) => x.code === 'principal-any');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.strictEqual(d.severity, DiagnosticSeverity.Hint);
    assert.match(d.message, /aws:PrincipalOrgID/);
  });

  for (const fixture of ['package.json', 'tsconfig.json', 'identity-policy.json', 'bucket-policy.json']) {
    it(`publishes no diagnostics for ${fixture}, which is not a trust policy`, async () => {
      const text = readFixture(fixture);
      const uri = server.ws.write(`app/${fixture}`, text);
      const diagnostics = await server.client.openAndWait(uri, text, fixture === 'tsconfig.json' ? 'jsonc' : 'json');
      assert.deepStrictEqual(diagnostics, []);
    });
  }

  it('leaves documents of other languages alone even when they quote a trust policy', async () => {
    const text = '# Example\n\n```json\n' + readFixture('open-to-any-account.json') + '```\n';
    const uri = server.ws.write('README.md', text);
    assert.deepStrictEqual(await server.client.openAndWait(uri, text, 'markdown'), []);
  });

  // The same rule on the exact value in every format; values only known at deploy never fire.
  for (const [fixture, languageId, star] of [
    ['cloudformation-open.yaml', 'yaml', '"*"'],
    ['terraform-open.tf', 'terraform', '"*"'],
    ['terraform-open.tf', 'hcl', '"*"'],
  ] as const) {
    it(`reports principal-any in ${fixture} opened as ${languageId}, and only on the literal "*"`, async () => {
      const text = readFixture(fixture);
      const uri = server.ws.write(`formats/${languageId}/${fixture}`, text);
      const diagnostics = await server.client.openAndWait(uri, text, languageId);
      const principalAny = diagnostics.filter((d) => d.code === 'principal-any');
      assert.deepStrictEqual(
        principalAny.map((d) => d.range),
        [rangeOf(text, star)],
        JSON.stringify(diagnostics),
      );
    });
  }

  it('follows incremental edits: fixing the principal clears the error, breaking the JSON reports json-syntax', async () => {
    const text = readFixture('open-to-any-account.json');
    const uri = server.ws.write('roles/edited-trust.json', text);
    assert.ok((await server.client.openAndWait(uri, text)).some((d) => d.code === 'principal-any'));

    // Replace "*" by a specific role, as a user would type it.
    const star = rangeOf(text, '"*"');
    const fixed = await server.client.changeAndWait(uri, 2, [{ range: star, text: '"arn:aws:iam::111122223333:role/Deployer"' }]);
    assert.ok(!fixed.some((d) => d.code === 'principal-any'), JSON.stringify(fixed));

    // Delete the comma after "Effect": "Allow" — half-typed JSON.
    const afterText = text.replace('"*"', '"arn:aws:iam::111122223333:role/Deployer"');
    const comma = afterText.indexOf('"Allow",') + '"Allow"'.length;
    const broken = await server.client.changeAndWait(uri, 3, [{ range: { start: positionAt(afterText, comma), end: positionAt(afterText, comma + 1) }, text: '' }]);
    const syntax = broken.filter((d) => d.code === 'json-syntax');
    assert.strictEqual(syntax.length, 1, JSON.stringify(broken));
    assert.strictEqual(syntax[0].severity, DiagnosticSeverity.Error);
    // The problem is reported where the comma is missing: on the line after "Effect".
    assert.strictEqual(syntax[0].range.start.line, positionAt(afterText, afterText.indexOf('"Principal"')).line);
  });

  it('publishes only the newest version after a burst of edits', async () => {
    const text = readFixture('open-to-any-account.json');
    const uri = server.ws.write('roles/burst-trust.json', text);
    await server.client.openAndWait(uri, text);
    const star = rangeOf(text, '"*"');
    const firstBurstIndex = server.client.published.length;
    const last = server.client.nextDiagnostics(uri, (p) => p.version === 21);
    // 20 edits 20 ms apart, like fast typing; the last one restores the "*".
    let current = '"*"';
    for (let v = 2; v <= 21; v++) {
      const next = v === 21 ? '"*"' : `"arn:aws:iam::111122223333:role/R${v}"`;
      const at = { start: star.start, end: { line: star.start.line, character: star.start.character + current.length } };
      await server.client.change(uri, v, [{ range: at, text: next }]);
      current = next;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const final = await last;
    assert.ok(final.diagnostics.some((d) => d.code === 'principal-any'));
    const versions = server.client.published.slice(firstBurstIndex).filter((p) => p.uri === uri).map((p) => p.version);
    assert.ok(versions.length < 5, `debounced: ${versions.length} publications for 20 edits (${versions.join(',')})`);
    assert.ok(versions.every((v, i) => i === 0 || v! >= versions[i - 1]!), `versions never go back: ${versions.join(',')}`);
  });

  it('tells the client which documents it recognised as trust policies', async () => {
    const policy = readFixture('open-to-any-account.json');
    const other = readFixture('package.json');
    const status = (uri: string) => server.client.nextNotification((n) => n.method === 'iamTrust/documentStatus' && (n.params as { uri: string }).uri === uri);
    const policyUri = server.ws.write('status/open.json', policy);
    const otherUri = server.ws.write('status/package.json', other);
    const policyStatus = status(policyUri);
    const otherStatus = status(otherUri);
    await server.client.open(policyUri, policy);
    await server.client.open(otherUri, other);
    assert.deepStrictEqual((await policyStatus).params, { uri: policyUri, trustPolicy: true });
    assert.deepStrictEqual((await otherStatus).params, { uri: otherUri, trustPolicy: false });

    // Editing it into something else changes the verdict.
    const changed = status(policyUri);
    await server.client.change(policyUri, 2, [{ text: other }]);
    assert.deepStrictEqual((await changed).params, { uri: policyUri, trustPolicy: false });
  });

  it('clears the diagnostics of a closed document', async () => {
    const text = readFixture('open-to-any-account.json');
    const uri = server.ws.write('roles/closed-trust.json', text);
    assert.ok((await server.client.openAndWait(uri, text)).length > 0);
    const cleared = server.client.nextDiagnostics(uri);
    await server.client.close(uri);
    assert.deepStrictEqual((await cleared).diagnostics, []);
  });

  it('analyses an untitled document by its content', async () => {
    const text = readFixture('open-to-any-account.json');
    const diagnostics = await server.client.openAndWait('untitled:Untitled-1', text);
    assert.ok(diagnostics.some((d) => d.code === 'principal-any'), JSON.stringify(diagnostics));
  });

  it('recognises a trust policy by its file name even before it has content', async () => {
    const uri = server.ws.write('roles/new-trust-policy.json', '');
    const diagnostics = await server.client.openAndWait(uri, '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": "*" },\n      "Act');
    assert.ok(diagnostics.some((d) => d.code === 'json-syntax'), JSON.stringify(diagnostics));
  });
});
