import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  EXTENSION_ID,
  openFixture,
  ours,
  waitForDiagnostic,
  waitForNoDiagnostic,
  withConfigFile,
  withWorkspaceSetting,
} from './helpers';

/** Rules landing with later issues: their tests run once the rule exists in the engine. */
const isError = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error;
const isWarning = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Warning;

describe('Settings change the findings', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('a rule turned off in the workspace settings disappears, and comes back when the setting is removed', async () => {
    const { document } = await openFixture('policies/public-trust.json');
    await waitForDiagnostic(document.uri, 'principal-any');
    await withWorkspaceSetting('rules', { 'principal-any': 'off' }, async () => {
      await waitForNoDiagnostic(document.uri, 'principal-any');
    });
    await waitForDiagnostic(document.uri, 'principal-any');
  });

  it('a severity set in the settings is the severity shown', async () => {
    const { document } = await openFixture('policies/public-trust.json');
    await withWorkspaceSetting('rules', { 'principal-any': 'warning' }, async () => {
      const d = await waitForDiagnostic(document.uri, 'principal-any', isWarning);
      assert.strictEqual(document.getText(d.range), '"*"');
    });
    await waitForDiagnostic(document.uri, 'principal-any', isError);
  });

  it('a .iam-trust.json written next to the policies is picked up without reopening them', async () => {
    const { document } = await openFixture('policies/public-trust.json');
    await waitForDiagnostic(document.uri, 'principal-any');
    await withConfigFile('policies', { rules: { 'principal-any': 'off' } }, async () => {
      await waitForNoDiagnostic(document.uri, 'principal-any');
    });
    await waitForDiagnostic(document.uri, 'principal-any');
  });

  it('a quota from .iam-trust.json applies: the declared default of the setting does not override it', async function () {
    // iamTrust.trustPolicyQuota declares 2048 as its default; only a value the user set may win
    // over the team's file (client/src/settings.ts).
    const { document } = await openFixture('policies/public-trust.json');
    await waitForDiagnostic(document.uri, 'principal-any');
    assert.ok(!ours(document.uri).some((d) => codeOf(d) === 'size-quota'), describeDiagnostics(document.uri));
    await withConfigFile('policies', { trustPolicyQuota: 50 }, async () => {
      await waitForDiagnostic(document.uri, 'size-quota');
    });
    await waitForNoDiagnostic(document.uri, 'size-quota');
  });

  it('an account added to ownAccountIds is no longer treated as a third party', async function () {
    const { document } = await openFixture('policies/deploy-role.json');
    await waitForDiagnostic(document.uri, 'cross-account-no-external-id');
    await withWorkspaceSetting('ownAccountIds', ['210987654321'], async () => {
      await waitForNoDiagnostic(document.uri, 'cross-account-no-external-id');
    });
    await waitForDiagnostic(document.uri, 'cross-account-no-external-id');
  });
});
