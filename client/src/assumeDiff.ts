import * as path from 'path';
import * as vscode from 'vscode';
import type { AwsConnectionOptions } from '../../server/src/assume';
import { createAwsClients } from '../../server/src/assume';
import { JsonValue } from '../../server/src/assume/policyText';
import { fetchRole, RoleDetails } from '../../server/src/assume/roles';

/**
 * "Deployed vs edited": a diff editor between the trust policy IAM holds and the one in the file,
 * both as IAM sees them (pretty-printed JSON), so a YAML or Terraform policy compares by content
 * rather than by spelling. The two sides are read-only virtual documents.
 */

export const POLICY_SCHEME = 'iam-trust-policy';

export class PolicyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A new virtual document; the query keeps each opening distinct, so an old tab never shows new text. */
  add(side: 'deployed' | 'edited', name: string, json: JsonValue): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${side}/${name}.json`, query: String(++this.count) });
    this.texts.set(uri.toString(), JSON.stringify(json, null, 2) + '\n');
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

/** iam:GetRole for one role of the caller's account (by name), with the command's connection. */
export async function readDeployedRole(connection: AwsConnectionOptions, roleName: string, signal?: AbortSignal): Promise<RoleDetails> {
  const clients = createAwsClients(connection);
  try {
    return await fetchRole(clients, roleName, signal);
  } finally {
    clients.destroy();
  }
}

/** Opens the diff editor: deployed on the left, the file's policy on the right. */
export async function showPolicyDiff(documents: PolicyDocuments, roleName: string, deployed: JsonValue, edited: JsonValue, file: vscode.Uri): Promise<void> {
  const fileName = path.posix.basename(file.path) || 'policy';
  const left = documents.add('deployed', roleName, deployed);
  const right = documents.add('edited', fileName.replace(/\.[^.]*$/, ''), edited);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${roleName}: deployed ↔ ${fileName}`, { preview: true, preserveFocus: true });
}
