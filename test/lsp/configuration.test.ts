import * as assert from 'assert';
import { pathToFileURL } from 'url';
import { Diagnostic, DiagnosticSeverity, FileChangeType, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { rangeOf } from './client';
import { readFixture } from './workspace';
import { useServer } from './suite';

const principalAny = (p: PublishDiagnosticsParams): Diagnostic | undefined => p.diagnostics.find((d) => d.code === 'principal-any');

describe('language server: editor settings', () => {
  const policy = readFixture('open-to-any-account.json');
  const server = useServer((ws) => ({ rootUri: pathToFileURL(ws.dir).href }));

  /** Sets the client's iamTrust settings and announces the change, as VS Code does. */
  async function applySettings(settings: Record<string, unknown>, uri: string, until: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    server.client.settings = settings;
    const next = server.client.nextDiagnostics(uri, until);
    await server.client.changeConfiguration();
    return next;
  }

  it('asks for the iamTrust section and registers for its changes', async () => {
    const uri = server.ws.write('settings/ask-trust.json', policy);
    const before = server.client.configurationRequests;
    await server.client.openAndWait(uri, policy);
    assert.ok(server.client.configurationRequests > before, 'workspace/configuration was requested');
    await server.client.registration('workspace/didChangeConfiguration');
  });

  it('turns a rule off, changes its severity and turns it back on', async () => {
    const uri = server.ws.write('settings/rules-trust.json', policy);
    assert.ok((await server.client.openAndWait(uri, policy)).some((d) => d.code === 'principal-any'));

    await applySettings({ rules: { 'principal-any': 'off' } }, uri, (p) => !principalAny(p));
    const warning = await applySettings({ rules: { 'principal-any': 'warning' } }, uri, (p) => principalAny(p) !== undefined);
    assert.strictEqual(principalAny(warning)!.severity, DiagnosticSeverity.Warning);
    const back = await applySettings({}, uri, (p) => principalAny(p)?.severity === DiagnosticSeverity.Error);
    assert.deepStrictEqual(principalAny(back)!.range, rangeOf(policy, '"*"'));
  });

  it('treats files matching the trustPolicyGlobs setting as trust policies', async () => {
    // Half-typed: by content alone this is not recognisably a trust policy yet.
    const halfTyped = '{\n  "Statement": [\n    { "Principal": { "AWS": "*" }, "Act';
    const uri = server.ws.write('settings/roles/deployer.json', halfTyped);
    assert.deepStrictEqual(await server.client.openAndWait(uri, halfTyped), []);
    const matched = await applySettings({ trustPolicyGlobs: ['**/roles/*.json'] }, uri, (p) => p.diagnostics.length > 0);
    assert.ok(matched.diagnostics.some((d) => d.code === 'json-syntax'), JSON.stringify(matched.diagnostics));
    await applySettings({}, uri, (p) => p.diagnostics.length === 0);
  });

  it('treats accounts in ownAccountIds as inside the zone of trust', async function () {
    const vendor = readFixture('vendor-account.json');
    const uri = server.ws.write('settings/vendor-trust.json', vendor);
    const crossAccount = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'cross-account-no-external-id');
    const before = await server.client.openAndWait(uri, vendor);
    assert.ok(before.some((d) => d.code === 'cross-account-no-external-id'), JSON.stringify(before));
    await applySettings({ ownAccountIds: ['210987654321'] }, uri, (p) => !crossAccount(p));
    await applySettings({}, uri, crossAccount);
  });

  it('ignores a bad setting value with a log line and keeps the good ones', async () => {
    const uri = server.ws.write('settings/bad-settings-trust.json', policy);
    await server.client.openAndWait(uri, policy);
    const logsBefore = server.client.logs.length;
    const result = await applySettings(
      { ownAccountIds: 'not-a-list', trustPolicyQuota: -5, rules: { 'principal-any': 'loud', 'json-syntax': 'warning' } },
      uri,
      (p) => principalAny(p) !== undefined,
    );
    assert.strictEqual(principalAny(result)!.severity, DiagnosticSeverity.Error, 'the bad severity is ignored, the default stays');
    const logged = server.client.logs.slice(logsBefore).join('\n');
    assert.match(logged, /iamTrust\.ownAccountIds/);
    assert.match(logged, /iamTrust\.trustPolicyQuota/);
    assert.match(logged, /principal-any/);
    await server.client.roundTrip();
    server.client.settings = {};
  });
});

describe('language server: settings pushed by a client without workspace/configuration', () => {
  const policy = readFixture('open-to-any-account.json');
  const server = useServer(() => ({
      configurationCapability: false,
      initializationOptions: { settings: { iamTrust: { rules: { 'principal-any': 'off' } } } },
    }));

  it('uses initializationOptions.settings, then didChangeConfiguration settings', async () => {
    const uri = server.ws.write('pushed-trust.json', policy);
    assert.deepStrictEqual(await server.client.openAndWait(uri, policy), []);
    const next = server.client.nextDiagnostics(uri, (p) => principalAny(p) !== undefined);
    await server.client.changeConfiguration({ iamTrust: { rules: { 'principal-any': 'information' } } });
    assert.strictEqual(principalAny(await next)!.severity, DiagnosticSeverity.Information);
    assert.strictEqual(server.client.configurationRequests, 0, 'the server never asks a client that cannot answer');
  });
});

describe('language server: .iam-trust.json', () => {
  const policy = readFixture('open-to-any-account.json');
  const server = useServer((ws) => ({ rootUri: pathToFileURL(ws.dir).href }));

  it('registers a file watcher for **/.iam-trust.json', async () => {
    const watcher = await server.client.registration('workspace/didChangeWatchedFiles');
    assert.deepStrictEqual(watcher.registerOptions, { watchers: [{ globPattern: '**/.iam-trust.json' }] });
  });

  it('applies the nearest config above the file, and editor settings override it', async () => {
    server.ws.write('team/.iam-trust.json', JSON.stringify({ rules: { 'principal-any': 'warning' } }));
    const uri = server.ws.write('team/infra/roles/open-trust.json', policy);
    const diagnostics = await server.client.openAndWait(uri, policy);
    const d = diagnostics.find((x) => x.code === 'principal-any');
    assert.strictEqual(d?.severity, DiagnosticSeverity.Warning, JSON.stringify(diagnostics));

    server.client.settings = { rules: { 'principal-any': 'hint' } };
    const overridden = server.client.nextDiagnostics(uri, (p) => principalAny(p)?.severity === DiagnosticSeverity.Hint);
    await server.client.changeConfiguration();
    await overridden;
    server.client.settings = {};
    const restored = server.client.nextDiagnostics(uri, (p) => principalAny(p)?.severity === DiagnosticSeverity.Warning);
    await server.client.changeConfiguration();
    await restored;
  });

  it('picks up an edited and a newly created config when the watcher reports them', async () => {
    server.ws.write('watched/.iam-trust.json', JSON.stringify({ rules: { 'principal-any': 'warning' } }));
    const uri = server.ws.write('watched/sub/open-trust.json', policy);
    assert.strictEqual((await server.client.openAndWait(uri, policy)).find((d) => d.code === 'principal-any')?.severity, DiagnosticSeverity.Warning);

    server.ws.write('watched/.iam-trust.json', JSON.stringify({ rules: { 'principal-any': 'off' } }));
    const off = server.client.nextDiagnostics(uri, (p) => !principalAny(p));
    await server.client.changeWatchedFiles([{ uri: server.ws.uri('watched/.iam-trust.json'), type: FileChangeType.Changed }]);
    await off;

    // A config nearer to the file wins over the one above it.
    server.ws.write('watched/sub/.iam-trust.json', JSON.stringify({ rules: { 'principal-any': 'information' } }));
    const nearer = server.client.nextDiagnostics(uri, (p) => principalAny(p)?.severity === DiagnosticSeverity.Information);
    await server.client.changeWatchedFiles([{ uri: server.ws.uri('watched/sub/.iam-trust.json'), type: FileChangeType.Created }]);
    await nearer;
  });

  it('reports a broken config on the policy that uses it and on the config file itself', async () => {
    const badConfig = '{\n  "ownAccountIds": "111122223333",\n  "rules": { "principal-any": "loud" }\n}\n';
    const configUri = server.ws.write('broken/.iam-trust.json', badConfig);
    const uri = server.ws.write('broken/open-trust.json', policy);

    const configFromDisk = server.client.nextDiagnostics(configUri);
    const diagnostics = await server.client.openAndWait(uri, policy);
    const warning = diagnostics.find((d) => d.code === 'config-invalid');
    assert.ok(warning, JSON.stringify(diagnostics));
    assert.strictEqual(warning.severity, DiagnosticSeverity.Warning);
    assert.deepStrictEqual(warning.range.start, { line: 0, character: 0 });
    assert.match(warning.message, /The configuration file .*\.iam-trust\.json has problems: .*ownAccountIds/);
    assert.strictEqual(principalAny({ uri, diagnostics })?.severity, DiagnosticSeverity.Error, 'the invalid severity is ignored');

    // The config file's own problems, on the exact values, even while it is not open.
    const onDisk = (await configFromDisk).diagnostics;
    assert.deepStrictEqual(
      onDisk.map((d) => [d.code, d.range]),
      [
        ['config-invalid', rangeOf(badConfig, '"111122223333"')],
        ['config-invalid', rangeOf(badConfig, '"loud"')],
      ],
    );

    // Opened in the editor: its live text is checked as the user types.
    const opened = await server.client.openAndWait(configUri, badConfig);
    assert.strictEqual(opened.length, 2);
    assert.ok(opened.every((d) => d.source === 'iam-trust' && d.severity === DiagnosticSeverity.Error));
    const fixed = badConfig.replace('"111122223333"', '["111122223333"]').replace('"loud"', '"warning"');
    assert.deepStrictEqual(await server.client.changeAndWait(configUri, 2, [{ text: fixed }]), []);

    // Saved: the policy now uses the repaired config.
    server.ws.write('broken/.iam-trust.json', fixed);
    const repaired = server.client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'config-invalid'));
    await server.client.save(configUri);
    assert.strictEqual(principalAny(await repaired)?.severity, DiagnosticSeverity.Warning);
  });

});

/** Its own server: documents left open by other tests would mask a missing clear. */
describe('language server: a repaired config file', () => {
  const server = useServer();
  const policy = readFixture('open-to-any-account.json');

  it('clears the problems of a config file that is not open once it is repaired on disk', async () => {
    const configUri = server.ws.write('repaired/.iam-trust.json', '{ "rules": { "principal-any": "loud" } }');
    const uri = server.ws.write('repaired/open-trust.json', policy);
    const reported = server.client.nextDiagnostics(configUri, (p) => p.diagnostics.length === 1);
    await server.client.open(uri, policy);
    await reported;

    server.ws.write('repaired/.iam-trust.json', '{ "rules": { "principal-any": "warning" } }');
    const cleared = server.client.nextDiagnostics(configUri, (p) => p.diagnostics.length === 0);
    const policyUpdated = server.client.nextDiagnostics(uri, (p) => principalAny(p)?.severity === DiagnosticSeverity.Warning);
    await server.client.changeWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    await Promise.all([cleared, policyUpdated]);
    assert.ok(!server.client.lastDiagnostics(uri)!.diagnostics.some((d) => d.code === 'config-invalid'));

    // Broken again, then no open document uses it any more: its problems go away with the policy.
    server.ws.write('repaired/.iam-trust.json', '{ "rules": { "principal-any": "loud" } }');
    const again = server.client.nextDiagnostics(configUri, (p) => p.diagnostics.length === 1);
    await server.client.changeWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    await again;
    const unused = server.client.nextDiagnostics(configUri, (p) => p.diagnostics.length === 0);
    await server.client.close(uri);
    await unused;
  });
});

describe('language server: config file changes without a file watcher', () => {
  const policy = readFixture('open-to-any-account.json');
  const server = useServer(() => ({ watchedFilesRegistration: false }));

  it('does not register a watcher, and re-reads the config when the editor saves it', async () => {
    const configText = JSON.stringify({ rules: { 'principal-any': 'warning' } });
    const configUri = server.ws.write('.iam-trust.json', configText);
    const uri = server.ws.write('roles/open-trust.json', policy);
    assert.strictEqual((await server.client.openAndWait(uri, policy)).find((d) => d.code === 'principal-any')?.severity, DiagnosticSeverity.Warning);

    await server.client.openAndWait(configUri, configText);
    const offText = JSON.stringify({ rules: { 'principal-any': 'off' } });
    await server.client.changeAndWait(configUri, 2, [{ text: offText }]);
    server.ws.write('.iam-trust.json', offText);
    const off = server.client.nextDiagnostics(uri, (p) => !principalAny(p));
    await server.client.save(configUri);
    await off;
    // By now the server has long finished its start-up registrations.
    assert.ok(!server.client.registrations.all.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });
});
