import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { ExplicitSettings } from './settings';

/** Languages whose documents may hold trust policies; the server decides which actually do. */
export const POLICY_LANGUAGES = ['json', 'jsonc', 'yaml', 'terraform'] as const;

/** The settings section synchronised to the server; also the prefix of `iamTrust.trace.server`. */
export const SETTINGS_SECTION = 'iamTrust';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const settings = new ExplicitSettings(SETTINGS_SECTION, context.extension.packageJSON);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: POLICY_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // A changed `.iam-trust.json` changes the findings of every policy below it.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.iam-trust.json'),
    },
    outputChannel,
    traceOutputChannel: outputChannel,
    middleware: {
      workspace: {
        // Answer for our section with the values the user set, not the declared defaults.
        configuration: async (params, token, next) => {
          const answered = await next(params, token);
          if (!Array.isArray(answered)) return answered;
          return params.items.map((item, i) =>
            item.section === SETTINGS_SECTION ? settings.read(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answered[i],
          );
        },
      },
    },
  };
  // The id makes the client read `iamTrust.trace.server` for its message tracing.
  return new LanguageClient(SETTINGS_SECTION, 'IAM Trust', serverOptions, clientOptions);
}
