import * as path from 'path';
import * as vscode from 'vscode';
import { findConfigFile, loadConfigFile, mergeConfig, TrustConfig } from '../../server/src/config';
import { analyseDocument, initParsers, PolicySource } from '../../server/src/documents';
import { EditedPolicy, readEditedPolicy } from '../../server/src/assume/editedPolicy';
import { stringValue } from '../../server/src/model/ast';
import { readClientSettings } from '../../server/src/settings';
import { QuickInputs } from './assumeUi';
import { ExplicitSettings } from './settings';

/**
 * Which policy a command works on (a code lens says; otherwise the one under the cursor, or the
 * user picks), read by the same engine as the diagnostics, and which role goes with it: the
 * document's own (CloudFormation RoleName, Terraform name), else the role the user chose for
 * this policy before (workspace state), else the flow asks.
 */

export interface PolicyTarget {
  document: vscode.TextDocument;
  policyIndex: number;
  edited: EditedPolicy;
  config: TrustConfig;
  /** The role name the document gives, when it gives a literal one. */
  documentRoleName?: string;
}

/** The input the vscode-free flows take for this target. */
export function flowInput(target: PolicyTarget) {
  const { document } = target;
  return {
    text: document.getText(),
    filePath: document.uri.scheme === 'file' ? document.uri.fsPath : undefined,
    languageId: document.languageId,
    policyIndex: target.policyIndex,
    config: target.config,
  };
}

/** Defaults ← the nearest `.iam-trust.json` ← the user's settings, as the language server resolves them. */
function configFor(document: vscode.TextDocument, settings: ExplicitSettings): TrustConfig {
  const file = document.uri.scheme === 'file' ? findConfigFile(path.dirname(document.uri.fsPath)) : undefined;
  const fromFile = file ? loadConfigFile(file).config : {};
  return mergeConfig(fromFile, readClientSettings(settings.read(document.uri), () => undefined));
}

function lineOf(document: vscode.TextDocument, source: PolicySource): number {
  return document.positionAt(source.root.span.offset).line + 1;
}

async function choosePolicy(document: vscode.TextDocument, policies: PolicySource[], ui: QuickInputs): Promise<number | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === document) {
    const offset = document.offsetAt(editor.selection.active);
    const under = policies
      .map((source, index) => ({ source, index }))
      .filter(({ source }) => offset >= source.root.span.offset && offset <= source.root.span.offset + source.root.span.length)
      .sort((a, b) => a.source.root.span.length - b.source.root.span.length)[0];
    if (under) return under.index;
  }
  const items = policies.map((source, index) => ({
    label: `Policy ${index + 1}`,
    description: [stringValue(source.role?.roleName) && `role ${stringValue(source.role?.roleName)}`, `line ${lineOf(document, source)}`].filter(Boolean).join(' · '),
    index,
  }));
  const picked = await ui.pick('policy', items, { title: 'Which trust policy of this file?' });
  return picked?.index;
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) {
    try {
      return vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The document and policy the command was given (code lens: uri and index), else the active
 * editor's. A string is a problem to show; undefined means the user cancelled.
 */
export async function resolveTarget(uriArg: unknown, indexArg: unknown, ui: QuickInputs, settings: ExplicitSettings): Promise<PolicyTarget | string | undefined> {
  const uri = toUri(uriArg);
  let document: vscode.TextDocument | undefined;
  try {
    document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  } catch (e) {
    return `Cannot open ${uri?.toString()}: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!document) return 'Open a file with a trust policy first (JSON, CloudFormation or Terraform).';
  // Terraform is parsed by WebAssembly that loads once; the other formats need nothing.
  await initParsers();
  const config = configFor(document, settings);
  const base = { text: document.getText(), filePath: document.uri.scheme === 'file' ? document.uri.fsPath : undefined, languageId: document.languageId, config };
  const first = readEditedPolicy(base);
  if ('problem' in first) return `${path.posix.basename(document.uri.path)}: ${first.problem}`;
  let policyIndex = typeof indexArg === 'number' && Number.isInteger(indexArg) ? indexArg : undefined;
  if (policyIndex === undefined) {
    const all = policiesOf(base);
    policyIndex = all.length > 1 ? await choosePolicy(document, all, ui) : 0;
    if (policyIndex === undefined) return undefined;
  }
  const edited = policyIndex === 0 ? first : readEditedPolicy({ ...base, policyIndex });
  if ('problem' in edited) return `${path.posix.basename(document.uri.path)}: ${edited.problem}`;
  return { document, policyIndex, edited, config, documentRoleName: stringValue(edited.source.role?.roleName) };
}

/** Every policy of the document, in the order the code lenses number them (as readEditedPolicy reads them). */
function policiesOf(input: { text: string; filePath?: string; languageId: string; config: TrustConfig }): PolicySource[] {
  return analyseDocument({ ...input, force: true }, input.config)?.policies ?? [];
}

const ASSOCIATIONS_KEY = 'iamTrust.assume.roleByPolicy';

/** The role the user chose for each policy of a file, in workspace state (never in settings or the file). */
export class RoleAssociations {
  constructor(private readonly state: vscode.Memento) {}

  private static key(target: PolicyTarget): string {
    return `${target.document.uri.toString()}#${target.policyIndex}`;
  }

  private all(): Record<string, string> {
    return this.state.get<Record<string, string>>(ASSOCIATIONS_KEY) ?? {};
  }

  get(target: PolicyTarget): string | undefined {
    return this.all()[RoleAssociations.key(target)];
  }

  async set(target: PolicyTarget, roleArn: string): Promise<void> {
    await this.state.update(ASSOCIATIONS_KEY, { ...this.all(), [RoleAssociations.key(target)]: roleArn });
  }

  async forget(target: PolicyTarget): Promise<void> {
    const all = this.all();
    delete all[RoleAssociations.key(target)];
    await this.state.update(ASSOCIATIONS_KEY, all);
  }
}
