import * as path from 'path';
import * as vscode from 'vscode';
import {
  applyTrustPolicy,
  ApplyOutcome,
  AssumeOutcome,
  assumeRoleFlow,
  AssumeSuccess,
  FlowControl,
  humanDuration,
  parseRoleArn,
  redactSecrets,
  safeErrorMessage,
  setMaxSessionDuration,
} from '../../server/src/assume';
import { RoleDetails } from '../../server/src/assume/roles';
import { PolicyDocuments, POLICY_SCHEME, readDeployedRole, showPolicyDiff } from './assumeDiff';
import { QuickInputPrompter } from './assumePrompter';
import { flowInput, PolicyTarget, resolveTarget, RoleAssociations } from './assumeTarget';
import { AskedPrompt, inputsFor, MessageLevel, QuickInputs, ScriptedInputs } from './assumeUi';
import { AwsCommandSettings, readAwsSettings, selectProfile, SelectProfileResult } from './awsSettings';
import { ExplicitSettings } from './settings';

/**
 * The editor's AWS commands: "Assume This Role", "Apply Trust Policy to Role" and "Select AWS
 * Profile". The flows themselves are the vscode-free ones in server/src/assume (shared with the
 * CLI); this module supplies the questions (quick picks, input boxes), progress with cancel, the
 * diff editor, the result with its actions, and the log lines. Secrets: the temporary credentials
 * stay in memory and leave it only through the user's explicit "Copy export lines" (clipboard)
 * or "Open terminal" (that terminal's environment, not persisted); every logged line goes through
 * redactSecrets.
 */

export const APPLY_DIAGNOSTIC_SOURCE = 'iam-trust-apply';

export const ACTIONS = {
  copy: 'Copy export lines',
  terminal: 'Open terminal with these credentials',
  again: 'Run again',
  another: 'Choose another role',
  profile: 'Select AWS Profile',
  output: 'Show Output',
  assume: 'Assume This Role',
  raise: (seconds: number) => `Raise MaxSessionDuration to ${humanDuration(seconds)}`,
};

/** What a command returns to its caller (tests, other extensions). Never holds a secret. */
export interface CommandResult {
  kind: string;
  message?: string;
  roleArn?: string;
  /** The questions a scripted run was asked (tests only). */
  asked?: AskedPrompt[];
  /** The result action the user chose, and what it did. */
  action?: string;
  followUp?: CommandResult;
  [detail: string]: unknown;
}

export interface AssumeCommandResult extends CommandResult {
  assumedRoleArn?: string;
  expiration?: string;
  sessionName?: string;
  /** Where the role came from. */
  roleFrom?: 'document' | 'association' | 'prompt';
  preflight?: string;
  deployed?: 'same' | 'different' | 'unavailable';
  /** The diff editor between the deployed and the edited policy was opened. */
  diffShown?: boolean;
}

type Control = Pick<FlowControl, 'signal' | 'progress'>;

/** A progress notification with a Cancel button wired to the flow's AbortSignal. */
function withCancellableProgress<T>(title: string, run: (control: Control) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    return run({ signal: controller.signal, progress: (message) => progress.report({ message }) }).finally(() => subscription.dispose());
  });
}

function fileLabel(target: PolicyTarget): string {
  const name = path.posix.basename(target.document.uri.path);
  return target.policyIndex === 0 ? name : `${name} (policy ${target.policyIndex + 1})`;
}

/** MaxSessionDuration is 3,600-43,200 seconds; the raise asks for what the user's setting wants. */
function raiseTarget(seconds: number): number {
  return Math.max(3600, seconds);
}

export class AwsCommands implements vscode.Disposable {
  private readonly associations: RoleAssociations;
  private readonly policyDocuments = new PolicyDocuments();
  private readonly applyDiagnostics = vscode.languages.createDiagnosticCollection(APPLY_DIAGNOSTIC_SOURCE);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: ExplicitSettings,
  ) {
    this.associations = new RoleAssociations(context.workspaceState);
    this.disposables.push(
      this.policyDocuments,
      this.applyDiagnostics,
      vscode.workspace.registerTextDocumentContentProvider(POLICY_SCHEME, this.policyDocuments),
      // IAM's complaint is about the text it was sent; once the text changes it may no longer hold.
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.applyDiagnostics.delete(e.document.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.applyDiagnostics.delete(d.uri)),
    );
  }

  /** `iamTrust.assumeRole`: (document URI, policy index) from a code lens; nothing from the palette. */
  assumeRole(uri?: unknown, index?: unknown, option?: unknown): Promise<CommandResult> {
    return this.run(option, (ui) => this.withTarget(uri, index, ui, (target) => this.assume(target, ui)));
  }

  applyTrustPolicy(uri?: unknown, index?: unknown, option?: unknown): Promise<CommandResult> {
    return this.run(option, (ui) => this.withTarget(uri, index, ui, (target) => this.apply(target, ui)));
  }

  selectAwsProfile(option?: unknown): Promise<CommandResult> {
    return this.run(option, (ui) => this.selectProfile(ui));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Runs a command with real or scripted inputs; a scripted run returns what it was asked. */
  private async run(option: unknown, body: (ui: QuickInputs) => Promise<CommandResult>): Promise<CommandResult> {
    const ui = inputsFor(option, this.context.extensionMode);
    const result = await body(ui);
    if (ui instanceof ScriptedInputs) result.asked = ui.asked;
    return result;
  }

  private async withTarget(uri: unknown, index: unknown, ui: QuickInputs, body: (target: PolicyTarget) => Promise<CommandResult>): Promise<CommandResult> {
    const target = await resolveTarget(uri, index, ui, this.settings);
    if (target === undefined) return { kind: 'cancelled' };
    if (typeof target === 'string') {
      void ui.message('result', 'warning', target, []);
      return { kind: 'invalid', message: target };
    }
    return body(target);
  }

  private async selectProfile(ui: QuickInputs): Promise<SelectProfileResult & CommandResult> {
    const result = await selectProfile(ui, this.log);
    return { kind: result.cancelled ? 'cancelled' : 'selected', ...result };
  }

  // ── Assume this role ─────────────────────────────────────────────────────────────────────────

  private async assume(target: PolicyTarget, ui: QuickInputs): Promise<AssumeCommandResult> {
    const aws = await readAwsSettings(this.settings, target.document.uri);
    const remembered = target.documentRoleName ? undefined : this.associations.get(target);
    const roleFrom = target.documentRoleName ? 'document' : remembered ? 'association' : 'prompt';
    const prompter = new QuickInputPrompter(ui);
    this.log.info(`Assume this role: ${fileLabel(target)}, role ${remembered ?? target.documentRoleName ?? '(to be chosen)'}, ${describeConnection(aws)}`);
    let outcome: AssumeOutcome;
    try {
      outcome = await withCancellableProgress('IAM Trust: Assume this role', (control) =>
        assumeRoleFlow(
          { ...flowInput(target), roleArn: remembered, sessionNameTemplate: aws.sessionNameTemplate, durationSeconds: aws.durationSeconds },
          { connection: aws.connection, prompter, ...control },
        ),
      );
    } catch (e) {
      return this.unexpected('Assume this role', e, ui);
    }
    if (prompter.chosenRoleArn) await this.associations.set(target, prompter.chosenRoleArn);
    const secrets = outcome.kind === 'assumed' ? outcome.credentials.secrets() : [];
    this.logOutcome(outcome, secrets);

    const result: AssumeCommandResult = {
      kind: outcome.kind,
      roleArn: outcome.roleArn,
      roleFrom,
      preflight: outcome.preflight?.summary,
      deployed: outcome.deployed?.status,
      message: redactSecrets(assumeMessage(outcome), secrets),
    };
    if (outcome.kind === 'assumed') Object.assign(result, { assumedRoleArn: outcome.assumedRoleArn, expiration: outcome.expiration.toISOString(), sessionName: outcome.sessionName });
    if (outcome.deployed?.status === 'different' && outcome.roleArn) result.diffShown = await this.showDeployedDiff(target, outcome.roleArn, aws);
    if (outcome.kind === 'cancelled') {
      vscode.window.setStatusBarMessage('IAM Trust: Assume this role cancelled', 4000);
      return result;
    }

    const actions = outcome.kind === 'assumed' ? [ACTIONS.copy, ACTIONS.terminal, ACTIONS.again] : this.failureActions(outcome, roleFrom, aws);
    const level: MessageLevel = outcome.kind === 'assumed' ? 'info' : outcome.kind === 'denied' || outcome.kind === 'invalid' ? 'warning' : 'error';
    const followUp = ui.message('result', level, result.message!, actions).then((action) => this.afterAssume(action, outcome, target, ui, aws));
    if (ui.scripted) Object.assign(result, await followUp);
    else followUp.catch((e) => this.log.error(`IAM Trust: ${safeErrorMessage(e, secrets)}`));
    return result;
  }

  private failureActions(outcome: Exclude<AssumeOutcome, AssumeSuccess>, roleFrom: string, aws: AwsCommandSettings): string[] {
    const actions = [ACTIONS.again];
    if (roleFrom !== 'document' && outcome.roleArn) actions.push(ACTIONS.another);
    if (outcome.durationProblems?.some((p) => p.kind === 'role-maximum') && outcome.roleArn) actions.push(ACTIONS.raise(raiseTarget(aws.durationSeconds)));
    if (outcome.kind === 'credentials') actions.push(ACTIONS.profile);
    actions.push(ACTIONS.output);
    return actions;
  }

  private async afterAssume(action: string | undefined, outcome: AssumeOutcome, target: PolicyTarget, ui: QuickInputs, aws: AwsCommandSettings): Promise<{ action?: string; followUp?: CommandResult }> {
    if (action === undefined) return {};
    const again = async () => this.withTarget(target.document.uri, target.policyIndex, ui, (t) => this.assume(t, ui));
    if (outcome.kind === 'assumed' && action === ACTIONS.copy) return { action, followUp: await copyExportLines(outcome) };
    if (outcome.kind === 'assumed' && action === ACTIONS.terminal) return { action, followUp: openCredentialsTerminal(outcome, aws) };
    if (action === ACTIONS.again) return { action, followUp: await again() };
    if (action === ACTIONS.another) {
      await this.associations.forget(target);
      return { action, followUp: await again() };
    }
    if (action === ACTIONS.profile) return { action, followUp: await this.selectProfile(ui) };
    if (action === ACTIONS.output) {
      this.log.show(true);
      return { action };
    }
    if (outcome.roleArn && action === ACTIONS.raise(raiseTarget(aws.durationSeconds))) {
      return { action, followUp: await this.raiseMaxDuration(outcome.roleArn, raiseTarget(aws.durationSeconds), ui, aws) };
    }
    return { action };
  }

  /** Opens the diff editor when the role's deployed trust policy differs from the file's. */
  private async showDeployedDiff(target: PolicyTarget, roleArn: string, aws: AwsCommandSettings, known?: RoleDetails): Promise<boolean> {
    const name = parseRoleArn(roleArn)?.name;
    if (!name || target.edited.json === undefined) return false;
    try {
      const deployed = (known ?? (await readDeployedRole(aws.connection, name))).trustPolicy?.json;
      if (deployed === undefined) return false;
      await showPolicyDiff(this.policyDocuments, name, deployed, target.edited.json, target.document.uri);
      return true;
    } catch (e) {
      this.log.warn(`The deployed trust policy of ${name} could not be read for the diff: ${safeErrorMessage(e)}`);
      return false;
    }
  }

  private async raiseMaxDuration(roleArn: string, seconds: number, ui: QuickInputs, aws: AwsCommandSettings): Promise<CommandResult> {
    let outcome;
    try {
      outcome = await withCancellableProgress('IAM Trust: MaxSessionDuration', (control) =>
        setMaxSessionDuration({ roleArn, seconds }, { connection: aws.connection, prompter: new QuickInputPrompter(ui), ...control }),
      );
    } catch (e) {
      return this.unexpected('Raising MaxSessionDuration', e, ui);
    }
    if (outcome.kind === 'cancelled') return { kind: 'cancelled', roleArn };
    const message =
      outcome.kind === 'updated' ? `The MaxSessionDuration of ${roleArn} is now ${humanDuration(outcome.seconds)} (${outcome.seconds} seconds).` : `MaxSessionDuration not changed: ${outcome.message}`;
    if (outcome.kind === 'updated') this.log.info(message);
    else this.log.warn(message);
    void ui.message('result', outcome.kind === 'updated' ? 'info' : 'error', message, []);
    return { kind: outcome.kind, roleArn, message };
  }

  // ── Apply ────────────────────────────────────────────────────────────────────────────────────

  private async apply(target: PolicyTarget, ui: QuickInputs): Promise<CommandResult> {
    this.applyDiagnostics.delete(target.document.uri);
    const aws = await readAwsSettings(this.settings, target.document.uri);
    const remembered = target.documentRoleName ? undefined : this.associations.get(target);
    let deployedRole: RoleDetails | undefined;
    let diffShown = false;
    // Before "Replace the trust policy?", the diff editor shows what would change.
    const prompter: QuickInputPrompter = new QuickInputPrompter(ui, async () => {
      const name = target.documentRoleName ?? parseRoleArn(prompter.chosenRoleArn ?? remembered ?? '')?.name;
      if (!name) return;
      try {
        deployedRole = await readDeployedRole(aws.connection, name);
      } catch (e) {
        this.log.warn(`The deployed trust policy of ${name} could not be read for the diff: ${safeErrorMessage(e)}`);
        return;
      }
      diffShown = await this.showDeployedDiff(target, deployedRole.arn, aws, deployedRole);
    });
    this.log.info(`Apply trust policy: ${fileLabel(target)} to role ${remembered ?? target.documentRoleName ?? '(to be chosen)'}, ${describeConnection(aws)}`);
    let outcome: ApplyOutcome;
    try {
      outcome = await withCancellableProgress('IAM Trust: Apply trust policy', (control) =>
        applyTrustPolicy({ ...flowInput(target), roleArn: remembered }, { connection: aws.connection, prompter, ...control }),
      );
    } catch (e) {
      return this.unexpected('Apply trust policy', e, ui);
    }
    if (prompter.chosenRoleArn && outcome.kind !== 'cancelled') await this.associations.set(target, prompter.chosenRoleArn);
    const roleArn = 'roleArn' in outcome ? outcome.roleArn : undefined;
    const result: CommandResult = { kind: outcome.kind, roleArn, diffShown };
    switch (outcome.kind) {
      case 'cancelled':
        vscode.window.setStatusBarMessage('IAM Trust: Apply trust policy cancelled', 4000);
        return result;
      case 'unchanged':
        result.message = `The deployed trust policy of ${outcome.roleArn} already equals ${fileLabel(target)}: nothing to apply.`;
        break;
      case 'applied':
        result.message = `Applied the trust policy of ${fileLabel(target)} to ${outcome.roleArn}.`;
        break;
      default: {
        const location = outcome.location;
        result.message = outcome.message + (location ? ` (line ${location.line})` : '');
        if (outcome.kind === 'rejected') result.code = outcome.code;
        if (location) {
          result.line = location.line;
          await this.showApplyProblem(target.document, location.span, outcome.message, outcome.kind === 'rejected' ? outcome.code : undefined);
        }
      }
    }
    const succeeded = outcome.kind === 'applied' || outcome.kind === 'unchanged';
    if (succeeded) this.log.info(result.message!);
    else this.log.warn(result.message!);
    const actions: string[] = [];
    // The session the user's setting asks for would be refused: offer to raise the role's maximum.
    const maximum = deployedRole?.maxSessionDuration ?? 3600;
    if (succeeded && roleArn && aws.durationSeconds > maximum) actions.push(ACTIONS.raise(raiseTarget(aws.durationSeconds)));
    if (succeeded) actions.push(ACTIONS.assume);
    const chosen = ui.message('result', succeeded ? 'info' : 'error', result.message!, actions).then(async (action) => {
      if (action === ACTIONS.assume) return { action, followUp: await this.withTarget(target.document.uri, target.policyIndex, ui, (t) => this.assume(t, ui)) };
      if (action === ACTIONS.raise(raiseTarget(aws.durationSeconds)) && roleArn) return { action, followUp: await this.raiseMaxDuration(roleArn, raiseTarget(aws.durationSeconds), ui, aws) };
      return {};
    });
    if (ui.scripted) Object.assign(result, await chosen);
    else chosen.catch((e) => this.log.error(`IAM Trust: ${safeErrorMessage(e)}`));
    return result;
  }

  /** IAM's refusal on the line it is about: a diagnostic there, and the line revealed. */
  private async showApplyProblem(document: vscode.TextDocument, span: { offset: number; length: number }, message: string, code?: string): Promise<void> {
    const start = document.positionAt(span.offset);
    const end = document.positionAt(span.offset + span.length);
    // A whole policy (LimitExceeded) is marked on its first line only.
    const range = new vscode.Range(start, end.line === start.line ? end : document.lineAt(start.line).range.end);
    const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = APPLY_DIAGNOSTIC_SOURCE;
    if (code) diagnostic.code = code;
    this.applyDiagnostics.set(document.uri, [diagnostic]);
    const editor = await vscode.window.showTextDocument(document, { selection: range, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  // ── Shared ───────────────────────────────────────────────────────────────────────────────────

  /** A bug or a prompt that failed: logged and shown, redacted, never thrown into the workbench. */
  private unexpected(what: string, error: unknown, ui: QuickInputs): CommandResult {
    const message = `${what} failed: ${safeErrorMessage(error)}`;
    this.log.error(message);
    void ui.message('result', 'error', message, []);
    return { kind: 'error', message };
  }

  private logOutcome(outcome: AssumeOutcome, secrets: string[]): void {
    const lines: string[] = [];
    if (outcome.kind === 'assumed') {
      lines.push(
        `Assumed ${outcome.roleArn} as ${outcome.assumedRoleArn} (session ${outcome.sessionName}, ${outcome.durationSeconds} s, expires ${outcome.expiration.toISOString()}); caller ${outcome.caller.arn}`,
      );
    } else {
      lines.push(`Not assumed (${outcome.kind})${outcome.roleArn ? `: ${outcome.roleArn}` : ''}: ${outcome.message.replace(/\n/g, ' ')}`);
      if (outcome.caller) lines.push(`  caller: ${outcome.caller.arn}`);
    }
    if (outcome.preflight) lines.push(`  preflight: ${outcome.preflight.summary}`);
    const deployed = outcome.deployed;
    if (deployed) lines.push(`  deployed trust policy: ${deployed.status === 'unavailable' ? `not compared (${deployed.reason})` : deployed.status === 'same' ? 'same as the file' : 'differs from the file'}`);
    for (const note of outcome.notes) lines.push(`  note: ${note}`);
    const text = redactSecrets(lines.join('\n'), secrets);
    if (outcome.kind === 'assumed' || outcome.kind === 'cancelled') this.log.info(text);
    else this.log.warn(text);
  }
}

function describeConnection(aws: AwsCommandSettings): string {
  const { profile, region, endpoints } = aws.connection;
  const parts = [`profile ${profile ?? '(default chain)'}`, `region ${region ?? '(from the profile or environment)'}`];
  if (endpoints?.sts) parts.push(`STS endpoint ${endpoints.sts}`);
  if (endpoints?.iam) parts.push(`IAM endpoint ${endpoints.iam}`);
  return parts.join(', ');
}

/** The result in one paragraph (notifications show no line breaks). */
function assumeMessage(outcome: AssumeOutcome): string {
  const parts: string[] = [];
  if (outcome.kind === 'assumed') {
    const left = Math.max(0, Math.round((outcome.expiration.getTime() - Date.now()) / 60_000)) * 60;
    parts.push(`Assumed ${outcome.roleArn} as ${outcome.assumedRoleArn}. The credentials expire at ${outcome.expiration.toLocaleString()} (in ${humanDuration(left)}).`);
  } else {
    parts.push(outcome.message.replace(/\n/g, ' '));
  }
  if (outcome.deployed?.status === 'different' && outcome.kind === 'assumed') parts.push('The deployed trust policy differs from the file: STS checked the deployed one (see the diff).');
  parts.push(...outcome.notes);
  return parts.join(' ');
}

/** The shell the user's terminals run decides how the lines are written. */
function exportShell(): 'posix' | 'powershell' {
  return /pwsh|powershell/i.test(vscode.env.shell) ? 'powershell' : 'posix';
}

async function copyExportLines(outcome: AssumeSuccess): Promise<CommandResult> {
  const lines = outcome.credentials.exportLines(exportShell());
  await vscode.env.clipboard.writeText(lines.join('\n') + '\n');
  vscode.window.setStatusBarMessage(`IAM Trust: ${lines.length} export lines copied; they hold secrets until ${outcome.expiration.toLocaleTimeString()}`, 8000);
  return { kind: 'copied', lines: lines.length };
}

/**
 * A terminal with the session's credentials in its environment only. It is transient (VS Code
 * does not persist or revive it, so the variables are not written to disk), and the profile
 * variables are removed so that AWS tools use these credentials rather than a profile.
 */
function openCredentialsTerminal(outcome: AssumeSuccess, aws: AwsCommandSettings): CommandResult {
  const env: Record<string, string | null> = { ...outcome.credentials.environment(), AWS_PROFILE: null, AWS_DEFAULT_PROFILE: null };
  const { region, endpoints } = aws.connection;
  if (region) env.AWS_REGION = region;
  if (endpoints?.sts) env.AWS_ENDPOINT_URL_STS = endpoints.sts;
  if (endpoints?.iam) env.AWS_ENDPOINT_URL_IAM = endpoints.iam;
  const roleName = parseRoleArn(outcome.roleArn)?.name ?? 'role';
  const name = `AWS ${roleName} (until ${outcome.expiration.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})`;
  const terminal = vscode.window.createTerminal({
    name,
    env,
    isTransient: true,
    iconPath: new vscode.ThemeIcon('shield'),
    message: `IAM Trust: this terminal runs as ${outcome.assumedRoleArn} until ${outcome.expiration.toISOString()}.`,
  });
  terminal.show();
  return { kind: 'terminal', name };
}
