import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AskedPrompt, ScriptedAnswers } from '../../../client/src/assumeUi';
import type { AssumeCommandResult, CommandResult } from '../../../client/src/assumeCommands';
import { activateExtension, closeAllEditors, fixtureUri, IamTrustApi, screenshot, sleep, waitFor, WAIT_MS } from './helpers';

/**
 * "Assume this role", "Apply trust policy" and "Select AWS profile" in a real VS Code against
 * the local STS/IAM endpoint the driver starts (scripts/e2e-run.mjs; fixture
 * test/fixtures/aws/accounts.json): the default profile is alice of the tools account
 * 210987654321, `tools-bob` may only read roles.
 *
 * The commands' questions are answered by a script passed as their last argument. The extension
 * then answers its quick picks, input boxes and messages from the script instead of showing them
 * (only when it runs under test), and returns what it was asked. Driving the real widgets from
 * the extension host is not possible through the API (no command types into an input box, and
 * nothing tells when a pick has appeared), so this replaces only the bare widget calls: which
 * items are offered, what is prefilled, how answers are validated and what the chosen action
 * does all run as they do for a person.
 */

const ENTER_ROLE_ARN = 'Enter a role ARN...';
const TOOLS = '210987654321';

const FIXTURE = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/aws/accounts.json'), 'utf8')) as {
  users: { arn: string; accessKeys: { id: string; secret: string }[] }[];
};

const trust = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) + '\n';
const allow = (principal: object, extra: object = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

/** Policies written into the workspace copy; file names match the trust-policy globs. */
const POLICIES: Record<string, string> = {
  // The same content as the deployed trust policy of roles deploy and deploy-copy.
  'alice-trust.json': trust([{ Sid: 'Alice', ...allow({ AWS: `arn:aws:iam::${TOOLS}:user/alice` }) }]),
  // Lets alice in too, but differs from what is deployed.
  'alice-edited-trust.json': trust([{ Sid: 'AliceFromTools', ...allow({ AWS: `arn:aws:iam::${TOOLS}:user/alice` }) }]),
  'carol-trust.json': trust([allow({ AWS: `arn:aws:iam::${TOOLS}:user/carol` })]),
  'account-trust.json': trust([allow({ AWS: `arn:aws:iam::${TOOLS}:root` })]),
  'external-id-trust.json': trust([allow({ AWS: `arn:aws:iam::${TOOLS}:root` }, { Condition: { StringEquals: { 'sts:ExternalId': 'e2e-7f3a9c2e' } } })]),
  'unknown-user-trust.json': trust([allow({ AWS: `arn:aws:iam::${TOOLS}:user/alice` }), allow({ AWS: `arn:aws:iam::${TOOLS}:user/nobody-here` })]),
  'mfa-trust.json': trust([allow({ AWS: `arn:aws:iam::${TOOLS}:root` }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })]),
  // A CloudFormation template that names its role: no role is asked for.
  'deploy-stack.yaml': [
    'Resources:',
    '  DeployRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      RoleName: deploy',
    '      AssumeRolePolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Sid: Alice',
    '            Effect: Allow',
    `            Principal: { AWS: "arn:aws:iam::${TOOLS}:user/alice" }`,
    '            Action: sts:AssumeRole',
    '',
  ].join('\n'),
};

function policyUri(name: string): vscode.Uri {
  return fixtureUri(`assume/${name}`);
}

async function run<T extends CommandResult>(command: string, uri: vscode.Uri | undefined, answers: ScriptedAnswers): Promise<T> {
  const args = command === 'iamTrust.selectProfile' ? [{ answers }] : [uri, 0, { answers }];
  const result = await vscode.commands.executeCommand<T>(command, ...args);
  assert.ok(result, `${command} returned nothing`);
  return result;
}

const assume = (name: string, answers: ScriptedAnswers) => run<AssumeCommandResult>('iamTrust.assumeRole', policyUri(name), answers);

function asked(result: CommandResult, id: AskedPrompt['id']): AskedPrompt[] {
  return (result.asked ?? []).filter((a) => a.id === id);
}

function show(result: CommandResult): string {
  return JSON.stringify(result, null, 2);
}

/** Secrets seen during the run: whatever the log holds must contain none of them. */
const secrets = new Set<string>();

describe('Assume this role, against a local STS and IAM', function () {
  this.timeout(90_000);
  let api: IamTrustApi;

  before(async () => {
    api = await activateExtension();
    for (const [name, text] of Object.entries(POLICIES)) await vscode.workspace.fs.writeFile(policyUri(name), Buffer.from(text));
    for (const user of FIXTURE.users) for (const key of user.accessKeys) secrets.add(key.secret);
  });

  afterEach(async () => {
    for (const t of vscode.window.terminals) t.dispose();
    await closeAllEditors();
  });

  it('puts "Assume this role" and who is trusted above the policy (code lens from the language server)', async () => {
    const uri = policyUri('external-id-trust.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The server answers once it has analysed the document.
    let lenses: vscode.CodeLens[] = [];
    for (const deadline = Date.now() + WAIT_MS; lenses.length < 2 && Date.now() < deadline; await sleep(200)) {
      lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    }
    const titles = lenses.map((l) => l.command?.title);
    const assumeLens = lenses.find((l) => l.command?.command === 'iamTrust.assumeRole');
    assert.ok(assumeLens, `no Assume lens: ${JSON.stringify(titles)}`);
    assert.strictEqual(assumeLens.command!.title, 'Assume this role');
    assert.deepStrictEqual(assumeLens.command!.arguments, [uri.toString(), 0]);
    assert.strictEqual(assumeLens.range.start.line, 0);
    assert.ok(titles.includes(`Trusts: account ${TOOLS} (whole account) · requires ExternalId`), JSON.stringify(titles));
    await screenshot('assume-code-lens');
  });

  it('assumes a role picked from the list, opens a terminal with its credentials, then remembers the role for the file', async () => {
    const first = await assume('alice-trust.json', { role: 'deploy', result: 'Open terminal with these credentials' });
    assert.strictEqual(first.kind, 'assumed', show(first));
    assert.match(first.assumedRoleArn!, new RegExp(`^arn:aws:sts::${TOOLS}:assumed-role/deploy/iam-trust-alice-\\d{8}T\\d{6}Z$`));
    assert.strictEqual(first.roleFrom, 'prompt');
    assert.strictEqual(first.deployed, 'same');
    assert.match(first.message!, /^Assumed arn:aws:iam::210987654321:role\/deploy as arn:aws:sts::210987654321:assumed-role\/deploy\/.* The credentials expire at .* \(in 1 hour\)\.$/);
    const [rolePick] = asked(first, 'role');
    // Roles whose deployed trust policy equals the file's come first; typing an ARN is always offered.
    assert.deepStrictEqual(rolePick.items!.slice(0, 2), ['deploy', 'deploy-copy'], show(first));
    assert.strictEqual(rolePick.items!.at(-1), ENTER_ROLE_ARN);
    const [result] = asked(first, 'result');
    assert.strictEqual(result.level, 'info');
    assert.deepStrictEqual(result.actions, ['Copy export lines', 'Open terminal with these credentials', 'Run again']);

    const terminalName = String(first.followUp?.name);
    const terminal = vscode.window.terminals.find((t) => t.name === terminalName);
    assert.ok(terminal, `no terminal named ${terminalName}: ${vscode.window.terminals.map((t) => t.name).join(', ')}`);
    const options = terminal.creationOptions as vscode.TerminalOptions;
    const env = options.env!;
    assert.match(env.AWS_ACCESS_KEY_ID!, /^ASIA/);
    assert.ok(env.AWS_SECRET_ACCESS_KEY && env.AWS_SESSION_TOKEN, 'the terminal has the session credentials');
    assert.strictEqual(env.AWS_PROFILE, null, 'the profile variable is removed so AWS tools use the session');
    assert.strictEqual(options.isTransient, true, 'the terminal is not persisted');
    secrets.add(env.AWS_SECRET_ACCESS_KEY!);
    secrets.add(env.AWS_SESSION_TOKEN!);
    // Nothing secret in what the command returned.
    assert.ok(![...secrets].some((s) => show(first).includes(s)), 'the command result holds no secret');

    const again = await assume('alice-trust.json', { result: false });
    assert.strictEqual(again.kind, 'assumed', show(again));
    assert.strictEqual(again.roleFrom, 'association');
    assert.deepStrictEqual(asked(again, 'role'), [], 'the remembered role is not asked for again');
  });

  it('copies the export lines to the clipboard only when asked', async () => {
    await vscode.env.clipboard.writeText('before');
    const result = await assume('alice-trust.json', { result: 'Copy export lines' });
    assert.strictEqual(result.kind, 'assumed', show(result));
    assert.deepStrictEqual(result.followUp, { kind: 'copied', lines: 4 });
    const copied = await vscode.env.clipboard.readText();
    const token = /^export AWS_SESSION_TOKEN='([^']+)'$/m.exec(copied);
    assert.ok(token, `the clipboard holds the export lines: ${copied.replace(/=.*/g, '=…')}`);
    assert.match(copied, /^export AWS_ACCESS_KEY_ID='ASIA\w+'$/m);
    secrets.add(token[1]);
    secrets.add(/^export AWS_SECRET_ACCESS_KEY='([^']+)'$/m.exec(copied)![1]);
    await vscode.env.clipboard.writeText('');
  });

  it('explains a denial by the trust policy, for a role typed as an ARN', async () => {
    const result = await assume('carol-trust.json', { role: ENTER_ROLE_ARN, roleArn: `arn:aws:iam::${TOOLS}:role/release`, result: false });
    assert.strictEqual(result.kind, 'denied', show(result));
    assert.match(result.message!, /^STS refused: User: arn:aws:iam::210987654321:user\/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role\/release/);
    assert.match(result.message!, /Likely cause: No statement lets arn:aws:iam::210987654321:user\/alice in/);
    const [shown] = asked(result, 'result');
    assert.strictEqual(shown.level, 'warning');
    assert.deepStrictEqual(shown.actions, ['Run again', 'Choose another role', 'Show Output']);
  });

  it('forgets the remembered role on "Choose another role", and refuses a typed value that is not a role ARN', async () => {
    const result = await assume('carol-trust.json', { result: 'Choose another role', role: ENTER_ROLE_ARN, roleArn: 'release' });
    assert.strictEqual(result.roleFrom, 'association', show(result));
    const another = result.followUp as AssumeCommandResult;
    assert.strictEqual(another.kind, 'cancelled', show(result));
    assert.strictEqual(another.roleFrom, 'prompt');
    assert.match(asked(result, 'roleArn')[0].rejected!, /^"release" is not a role ARN; write it as arn:aws:iam::123456789012:role\/NAME/);
  });

  it('asks for the ExternalId the policy names, prefilled, and assumes a role of another account', async () => {
    const roleArn = 'arn:aws:iam::345678901234:role/prod-readonly';
    const result = await assume('external-id-trust.json', { role: ENTER_ROLE_ARN, roleArn, externalId: true, result: false });
    assert.strictEqual(result.kind, 'assumed', show(result));
    assert.strictEqual(asked(result, 'externalId')[0].value, 'e2e-7f3a9c2e');
    assert.match(result.assumedRoleArn!, /^arn:aws:sts::345678901234:assumed-role\/prod-readonly\//);
    assert.strictEqual(result.deployed, 'unavailable');
  });

  it('asks for the MFA device (suggested from who you are) and its code when the policy requires MFA', async () => {
    const result = await assume('mfa-trust.json', { role: 'mfa-admin', mfaSerial: true, mfaCode: '123456', result: false });
    assert.strictEqual(result.kind, 'assumed', show(result));
    assert.strictEqual(asked(result, 'mfaSerial')[0].value, `arn:aws:iam::${TOOLS}:mfa/alice`);
    assert.match(result.assumedRoleArn!, /assumed-role\/mfa-admin\//);
  });

  it('takes the role a CloudFormation template names, without asking', async () => {
    const result = await assume('deploy-stack.yaml', { result: false });
    assert.strictEqual(result.kind, 'assumed', show(result));
    assert.strictEqual(result.roleFrom, 'document');
    assert.strictEqual(result.roleArn, `arn:aws:iam::${TOOLS}:role/deploy`);
    assert.strictEqual(result.deployed, 'same', 'the YAML policy compares by content with the deployed JSON');
    assert.deepStrictEqual(asked(result, 'role'), []);
  });

  it('asks through the real input box when no script is given (accepted with the workbench command)', async () => {
    // The file is associated with prod-readonly by the previous test, so the only question is the
    // ExternalId box; accepting it keeps the prefilled value. Accepting while no box is open does nothing.
    let settled: AssumeCommandResult | undefined;
    const running = vscode.commands.executeCommand<AssumeCommandResult>('iamTrust.assumeRole', policyUri('external-id-trust.json'), 0).then((r) => (settled = r));
    for (const deadline = Date.now() + WAIT_MS; !settled && Date.now() < deadline; await sleep(250)) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const result = await running;
    assert.strictEqual(result.kind, 'assumed', show(result));
    assert.strictEqual(result.asked, undefined, 'no script was used');
    assert.match(result.assumedRoleArn!, /^arn:aws:sts::345678901234:assumed-role\/prod-readonly\//);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('shows the deployed trust policy beside the edited one when they differ', async () => {
    const result = await assume('alice-edited-trust.json', { role: 'deploy-copy', result: false });
    assert.strictEqual(result.kind, 'assumed', show(result));
    assert.strictEqual(result.deployed, 'different');
    assert.strictEqual(result.diffShown, true);
    assert.match(result.message!, /The deployed trust policy differs from the file/);
    const diff = await waitFor('the diff editor', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.input)
        .find((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.original.scheme === 'iam-trust-policy'),
    );
    const deployed = (await vscode.workspace.openTextDocument(diff.original)).getText();
    const edited = (await vscode.workspace.openTextDocument(diff.modified)).getText();
    assert.match(deployed, /"Sid": "Alice"/);
    assert.match(edited, /"Sid": "AliceFromTools"/);
    await screenshot('assume-deployed-diff');
  });

  it('applies the edited policy after showing the diff, then raises MaxSessionDuration for the configured duration', async () => {
    await vscode.workspace.getConfiguration('iamTrust').update('assume.durationSeconds', 10800, vscode.ConfigurationTarget.Workspace);
    try {
      // The file is associated with deploy-copy by the previous test: no role is asked for.
      const applied = await run<CommandResult>('iamTrust.applyTrustPolicy', policyUri('alice-edited-trust.json'), {
        confirm: [true, true],
        result: ['Raise MaxSessionDuration to 3 hours', false],
      });
      assert.strictEqual(applied.kind, 'applied', show(applied));
      assert.strictEqual(applied.roleArn, `arn:aws:iam::${TOOLS}:role/deploy-copy`);
      assert.deepStrictEqual(asked(applied, 'role'), []);
      assert.strictEqual(applied.diffShown, true);
      const [replace, raise] = asked(applied, 'confirm');
      assert.strictEqual(replace.value, `Replace the trust policy of arn:aws:iam::${TOOLS}:role/deploy-copy?`);
      assert.match(replace.detail!, /^--- deployed\n\+\+\+ edited\n/);
      assert.match(raise.value!, /MaxSessionDuration of .*deploy-copy to 10800 seconds/);
      assert.strictEqual(applied.followUp?.kind, 'updated', show(applied));

      const assumed = await assume('alice-edited-trust.json', { result: false });
      assert.strictEqual(assumed.kind, 'assumed', show(assumed));
      assert.strictEqual(assumed.deployed, 'same', 'the applied policy is now the deployed one');
      assert.match(assumed.message!, /\(in 3 hours\)/);
    } finally {
      await vscode.workspace.getConfiguration('iamTrust').update('assume.durationSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('checks the duration against the role\'s MaxSessionDuration before calling, and offers to raise it', async () => {
    await vscode.workspace.getConfiguration('iamTrust').update('assume.durationSeconds', 10800, vscode.ConfigurationTarget.Workspace);
    try {
      // alice-trust.json is associated with deploy (MaxSessionDuration 7200) by an earlier test.
      const result = await assume('alice-trust.json', { result: 'Raise MaxSessionDuration to 3 hours', confirm: false });
      assert.strictEqual(result.kind, 'denied', show(result));
      assert.match(result.message!, /^10800 seconds \(3 hours\) is longer than the role's MaxSessionDuration of 7200 seconds \(2 hours\)/);
      assert.deepStrictEqual(asked(result, 'result')[0].actions, ['Run again', 'Choose another role', 'Raise MaxSessionDuration to 3 hours', 'Show Output']);
      assert.strictEqual(asked(result, 'confirm')[0].value, `Set the MaxSessionDuration of arn:aws:iam::${TOOLS}:role/deploy to 10800 seconds?`);
      assert.strictEqual(result.followUp?.kind, 'cancelled', 'the user said no: nothing changed');
    } finally {
      await vscode.workspace.getConfiguration('iamTrust').update('assume.durationSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('puts MalformedPolicyDocument on the line of the principal IAM does not know', async () => {
    const uri = policyUri('unknown-user-trust.json');
    const result = await run<CommandResult>('iamTrust.applyTrustPolicy', uri, { role: 'deploy-copy', confirm: true, result: false });
    assert.strictEqual(result.kind, 'rejected', show(result));
    assert.match(String(result.code), /^MalformedPolicyDocument/);
    const text = POLICIES['unknown-user-trust.json'];
    const line = text.slice(0, text.indexOf('user/nobody-here')).split('\n').length;
    assert.strictEqual(result.line, line);
    const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iam-trust-apply');
    assert.ok(diagnostic, 'a diagnostic from the apply');
    assert.strictEqual(diagnostic.range.start.line, line - 1);
    assert.match(diagnostic.message, /^IAM refused the policy: Invalid principal in policy: "AWS":"arn:aws:iam::210987654321:user\/nobody-here"/);
    assert.strictEqual(vscode.window.activeTextEditor?.selection.start.line, line - 1, 'the line is revealed');
  });

  it('lists the profiles of the shared files; with a profile that may not assume roles, the denial names its own policies', async () => {
    const selected = await run<CommandResult>('iamTrust.selectProfile', undefined, { profile: 'tools-bob' });
    try {
      assert.deepStrictEqual(asked(selected, 'profile')[0].items, ['Default credential chain', 'default', 'tools-bob']);
      assert.deepStrictEqual({ profile: selected.profile, target: selected.target }, { profile: 'tools-bob', target: 'user' });
      assert.strictEqual(vscode.workspace.getConfiguration('iamTrust').inspect('aws.profile')?.globalValue, 'tools-bob');

      const result = await assume('account-trust.json', { role: 'ci-runner', result: false });
      assert.strictEqual(result.kind, 'denied', show(result));
      assert.match(result.message!, /^STS refused: User: arn:aws:iam::210987654321:user\/bob is not authorized/);
      assert.match(result.message!, /Likely cause: Your own IAM policies do not grant sts:AssumeRole on arn:aws:iam::210987654321:role\/ci\/ci-runner/);
    } finally {
      await run<CommandResult>('iamTrust.selectProfile', undefined, { profile: 'Default credential chain' });
    }
    assert.strictEqual(vscode.workspace.getConfiguration('iamTrust').inspect('aws.profile')?.globalValue, '');
  });

  it('writes what happened to the "IAM Trust" log, with no secret in it', async () => {
    assert.ok(secrets.size >= 6, `the earlier tests collected the issued secrets (${secrets.size})`);
    const file = vscode.Uri.joinPath(api.logUri, 'IAM Trust.log');
    const read = async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(file).then((b) => b, () => new Uint8Array()));
    const expected = /Not assumed \(denied\): arn:aws:iam::210987654321:role\/ci\/ci-runner/;
    let log = await read();
    for (const deadline = Date.now() + WAIT_MS; !expected.test(log) && Date.now() < deadline; await sleep(200)) log = await read();
    assert.match(log, /Assumed arn:aws:iam::210987654321:role\/deploy as arn:aws:sts::210987654321:assumed-role\/deploy\//);
    assert.match(log, expected);
    const leaked = [...secrets].filter((s) => log.includes(s));
    assert.deepStrictEqual(leaked.map((s) => `${s.slice(0, 6)}…`), [], 'secrets in the log');
    assert.doesNotMatch(log, /aws_secret_access_key|AWS_SESSION_TOKEN=/i);
    const artifacts = process.env.IAM_TRUST_E2E_SCREENSHOTS;
    if (artifacts) fs.writeFileSync(path.join(artifacts, 'assume-iam-trust.log'), log);
  });

  it('leaves no secret in any log file of this VS Code session (extension host, terminals, window)', () => {
    // logUri is <user data>/logs/<session>/<window>/exthost/<extension id>: scan the whole session.
    let root = api.logUri.fsPath;
    while (!/^\d{8}T\d{6}$/.test(path.basename(root)) && path.dirname(root) !== root) root = path.dirname(root);
    assert.match(path.basename(root), /^\d{8}T\d{6}$/, `no session log folder above ${api.logUri.fsPath}`);
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f)).filter((f) => fs.statSync(f).isFile());
    assert.ok(files.some((f) => f.endsWith('IAM Trust.log')), files.join('\n'));
    const leaks = files.flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return [...secrets].filter((s) => text.includes(s)).map((s) => `${path.relative(root, f)}: ${s.slice(0, 6)}…`);
    });
    assert.deepStrictEqual(leaks, []);
  });
});
