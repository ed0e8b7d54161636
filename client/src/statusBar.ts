import * as vscode from 'vscode';

/** The `source` the language server puts on every diagnostic it publishes. */
export const DIAGNOSTIC_SOURCE = 'iam-trust';

export const SHOW_PROBLEMS_COMMAND = 'iamTrust.showProblems';

/** What the status bar item shows; also returned to tests through the extension's API. */
export interface StatusView {
  visible: boolean;
  text: string;
  tooltip: string;
  /** The worst finding's level; 'clean' when there is nothing worse than hints. */
  level: 'error' | 'warning' | 'note' | 'clean';
}

const HIDDEN: StatusView = { visible: false, text: '', tooltip: '', level: 'clean' };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Summarises a file's IAM Trust diagnostics as the status bar shows them: the worst severity with
 * its count, or a check mark for a recognised policy with nothing worse than hints.
 */
export function describeStatus(diagnostics: readonly vscode.Diagnostic[], recognised: boolean): StatusView {
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  if (ours.length === 0 && !recognised) return HIDDEN;
  const count = (s: vscode.DiagnosticSeverity) => ours.filter((d) => d.severity === s).length;
  const errors = count(vscode.DiagnosticSeverity.Error);
  const warnings = count(vscode.DiagnosticSeverity.Warning);
  const infos = count(vscode.DiagnosticSeverity.Information);
  const hints = count(vscode.DiagnosticSeverity.Hint);
  const worst = [...ours].sort((a, b) => a.severity - b.severity)[0];
  const parts = [
    errors && plural(errors, 'error'),
    warnings && plural(warnings, 'warning'),
    infos && plural(infos, 'note'),
    hints && plural(hints, 'hint'),
  ].filter(Boolean);
  const level = errors ? 'error' : warnings ? 'warning' : infos ? 'note' : 'clean';
  const text = level === 'clean' ? '$(shield) Trust policy ✓' : `$(shield) IAM Trust: ${parts[0]}`;
  const tooltip =
    parts.length === 0
      ? 'IAM Trust found no problems in this trust policy.'
      : `IAM Trust: ${parts.join(', ')} in this file.\nWorst: ${worst.message}\nClick to see them in the Problems view.`;
  return { visible: true, text, tooltip, level };
}

/**
 * The status bar item for the active editor. The server tells which documents hold trust policies
 * (`iamTrust/documentStatus`), so a clean policy shows the check mark; a document with IAM Trust
 * diagnostics counts as recognised too, which covers a server that does not send the status.
 */
export class TrustStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('iamTrust.status', vscode.StatusBarAlignment.Left, 100);
  private readonly recognised = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private view: StatusView = HIDDEN;

  constructor() {
    this.item.name = 'IAM Trust';
    this.item.command = SHOW_PROBLEMS_COMMAND;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) {
          if (vscode.languages.getDiagnostics(uri).some((d) => d.source === DIAGNOSTIC_SOURCE)) this.recognised.add(uri.toString());
        }
        this.refresh();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.recognised.delete(doc.uri.toString())),
    );
    this.refresh();
  }

  /** Records what the server said about a document (the `iamTrust/documentStatus` notification). */
  setRecognised(uri: string, isTrustPolicy: boolean): void {
    if (isTrustPolicy) this.recognised.add(uri);
    else this.recognised.delete(uri);
    this.refresh();
  }

  current(): StatusView {
    return { ...this.view };
  }

  private refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    this.view = doc ? describeStatus(vscode.languages.getDiagnostics(doc.uri), this.recognised.has(doc.uri.toString())) : HIDDEN;
    if (!this.view.visible) {
      this.item.hide();
      return;
    }
    this.item.text = this.view.text;
    this.item.tooltip = this.view.tooltip;
    const background = { error: 'statusBarItem.errorBackground', warning: 'statusBarItem.warningBackground' }[this.view.level as string];
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

/**
 * Opens the Problems view for the active file. VS Code has no API to set the view's filter (checked
 * against 1.100: the filter text lives in the view's widget and "Show Active File Only" is a toggle
 * whose state extensions cannot read), so the view is opened and focused with the file active.
 */
export async function showProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.problems.focus');
}
