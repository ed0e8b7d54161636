import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { registerAwsCommands } from './assumeRegistration';
import { createLanguageClient } from './languageClient';
import { showProblems, SHOW_PROBLEMS_COMMAND, StatusView, TrustStatusBar } from './statusBar';

/**
 * The extension is a thin client: every check runs in the language server (dist/server.js). This
 * module starts it, owns the "IAM Trust" log channel and the status bar item, and hosts commands.
 */

/** What `activate` returns: read by the e2e suite, stable enough for other extensions to use. */
export interface IamTrustApi {
  /** Resolves once the language server has started (rejects when it cannot). */
  readonly ready: Promise<void>;
  /** What the status bar item shows for the active editor. */
  status(): StatusView;
  /** The folder holding the "IAM Trust" log channel's file (`IAM Trust.log`). */
  readonly logUri: vscode.Uri;
}

/** Sent by the server when it has decided whether a document holds trust policies. */
interface DocumentStatusParams {
  uri: string;
  trustPolicy: boolean;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): IamTrustApi {
  const output = vscode.window.createOutputChannel('IAM Trust', { log: true });
  const statusBar = new TrustStatusBar();
  context.subscriptions.push(
    output,
    statusBar,
    vscode.commands.registerCommand('iamTrust.showOutput', () => output.show(true)),
    vscode.commands.registerCommand(SHOW_PROBLEMS_COMMAND, showProblems),
    vscode.commands.registerCommand('iamTrust.restartServer', async () => {
      output.info('Restarting the IAM Trust language server');
      await client?.restart();
    }),
  );

  registerAwsCommands(context, output);
  client = createLanguageClient(context, output);
  // Handlers registered before start are installed when the connection opens.
  context.subscriptions.push(
    client.onNotification('iamTrust/documentStatus', (p: DocumentStatusParams) => statusBar.setRecognised(p.uri, p.trustPolicy)),
  );
  output.info(`IAM Trust ${context.extension.packageJSON.version} starting its language server`);
  const ready = client.start().then(
    () => output.info('IAM Trust language server started'),
    (error: unknown) => {
      output.error(`The IAM Trust language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    },
  );
  // A failed start is already logged; keep it from also surfacing as an unhandled rejection.
  ready.catch(() => undefined);
  return { ready, status: () => statusBar.current(), logUri: context.logUri };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
