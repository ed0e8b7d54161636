import * as vscode from 'vscode';

/**
 * The `iamTrust` settings as the server should see them: only values a user actually set.
 *
 * VS Code answers `workspace/configuration` with effective values, declared defaults included, so
 * a default `trustPolicyQuota` of 2048 would override the 4096 a team wrote in `.iam-trust.json`.
 * The order the server applies is defaults ← `.iam-trust.json` ← settings the user set, which needs
 * the defaults left out here. Settings restricted in untrusted workspaces (those that choose AWS
 * credentials or endpoints) are taken from user settings only while the workspace is untrusted.
 */

interface Manifest {
  contributes?: { configuration?: { properties?: Record<string, unknown> } };
  capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: string[] } };
}

export class ExplicitSettings {
  /** Keys below the section, e.g. `rules`, `aws.profile`. */
  private readonly keys: string[];
  private readonly restricted: Set<string>;

  constructor(
    private readonly section: string,
    manifest: Manifest,
  ) {
    const prefix = `${section}.`;
    this.keys = Object.keys(manifest.contributes?.configuration?.properties ?? {})
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));
    this.restricted = new Set(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
  }

  /** The explicitly set values for a resource (or the window), nested by their dotted keys. */
  read(scope: vscode.Uri | undefined): Record<string, unknown> {
    const configuration = vscode.workspace.getConfiguration(this.section, scope);
    const out: Record<string, unknown> = {};
    for (const key of this.keys) {
      const value = this.explicitValue(configuration, key);
      if (value !== undefined) setPath(out, key, value);
    }
    return out;
  }

  private explicitValue(configuration: vscode.WorkspaceConfiguration, key: string): unknown {
    const inspected = configuration.inspect(key);
    if (!inspected) return undefined;
    const userValue = inspected.globalLanguageValue ?? inspected.globalValue;
    if (this.restricted.has(`${this.section}.${key}`) && !vscode.workspace.isTrusted) return userValue;
    return (
      inspected.workspaceFolderLanguageValue ??
      inspected.workspaceFolderValue ??
      inspected.workspaceLanguageValue ??
      inspected.workspaceValue ??
      userValue
    );
  }
}

function setPath(target: Record<string, unknown>, dottedKey: string, value: unknown): void {
  const parts = dottedKey.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (next && typeof next === 'object' ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}
