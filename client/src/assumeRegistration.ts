import * as vscode from 'vscode';
import type { AwsCommands } from './assumeCommands';
import { SETTINGS_SECTION } from './languageClient';
import { ExplicitSettings } from './settings';

/**
 * Registers the AWS commands at activation without loading them: the AWS SDK and the assume flow
 * are a large part of the bundle, and most sessions only lint. The first command run loads them
 * (esbuild turns the dynamic import into a lazily initialised part of the same bundle).
 */

export const ASSUME_ROLE_COMMAND = 'iamTrust.assumeRole';
export const APPLY_POLICY_COMMAND = 'iamTrust.applyTrustPolicy';
export const SELECT_PROFILE_COMMAND = 'iamTrust.selectProfile';

export function registerAwsCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  let loaded: Promise<AwsCommands> | undefined;
  const commands = () =>
    (loaded ??= import('./assumeCommands').then(({ AwsCommands }) => {
      const instance = new AwsCommands(context, log, new ExplicitSettings(SETTINGS_SECTION, context.extension.packageJSON));
      context.subscriptions.push(instance);
      return instance;
    }));
  context.subscriptions.push(
    vscode.commands.registerCommand(ASSUME_ROLE_COMMAND, async (...args: unknown[]) => (await commands()).assumeRole(...args)),
    vscode.commands.registerCommand(APPLY_POLICY_COMMAND, async (...args: unknown[]) => (await commands()).applyTrustPolicy(...args)),
    vscode.commands.registerCommand(SELECT_PROFILE_COMMAND, async (option?: unknown) => (await commands()).selectAwsProfile(option)),
  );
}
