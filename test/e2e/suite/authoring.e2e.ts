import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  EXTENSION_ID,
  openFixture,
  ours,
  revertActiveEditor,
  screenshot,
  serverCaughtUp,
  sleep,
  textUnder,
  WAIT_MS,
  waitForDiagnostic,
  waitForNoDiagnostic,
  withWorkspaceSetting,
} from './helpers';

/**
 * Authoring in the editor (issues 5 and 7): completion, hover and quick fixes as VS Code itself
 * asks for them, through the same commands its widgets use, in JSON policies, CloudFormation YAML
 * and Terraform. Fixtures: test/e2e/workspace/authoring/.
 */

// ---------------------------------------------------------------------------------------------
// Asking VS Code

/** Polls an asynchronous probe, like helpers.waitFor: the first answers may come before the server has the document. */
async function waitForAsync<T>(what: string, probe: () => Promise<T | undefined>, describe: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`Timed out after ${WAIT_MS} ms waiting for ${what}. ${describe()}`);
    await sleep(200);
  }
}

/** The offset of `needle` (the `occurrence`-th, from 0) in the document, plus `delta`. */
function offsetOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): number {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `"${needle}" (#${occurrence + 1}) is in ${path.basename(document.fileName)}`);
  return offset + delta;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function markdownOf(value: string | vscode.MarkdownString | undefined): string {
  return value === undefined ? '' : typeof value === 'string' ? value : value.value;
}

/**
 * Every completion item VS Code gathers at the offset: ours, the JSON extension's, snippets.
 * Waits until `ready` holds, since the first request can beat the document to the server.
 */
async function completionsAt(document: vscode.TextDocument, offset: number, ready: (items: vscode.CompletionItem[]) => boolean): Promise<vscode.CompletionItem[]> {
  let last: vscode.CompletionItem[] = [];
  return waitForAsync(
    `completion items at ${document.positionAt(offset).line + 1}:${document.positionAt(offset).character + 1} of ${path.basename(document.fileName)}`,
    async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset));
      last = list?.items ?? [];
      return ready(last) ? last : undefined;
    },
    () => `Items: ${last.map(labelOf).join(', ') || 'none'}`,
  );
}

/** The items that carry documentation: the server documents every item; the JSON extension's schema-less guesses carry none. */
function documented(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items.filter((i) => markdownOf(i.documentation).length > 0);
}

function item(items: vscode.CompletionItem[], label: string): vscode.CompletionItem {
  const found = items.find((i) => labelOf(i) === label);
  assert.ok(found, `"${label}" is among the items: ${items.map(labelOf).join(', ')}`);
  return found;
}

/** Items in the order the suggest widget shows them: by sortText, then label. */
function inWidgetOrder(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  const key = (i: vscode.CompletionItem) => i.sortText ?? labelOf(i);
  return [...items].sort((a, b) => key(a).localeCompare(key(b)) || labelOf(a).localeCompare(labelOf(b)));
}

/** The markdown of every hover VS Code gathers at the offset, joined. */
async function hoverAt(document: vscode.TextDocument, offset: number, ready: (text: string) => boolean = (t) => t.length > 0): Promise<string> {
  let last = '';
  return waitForAsync(
    `a hover at ${document.positionAt(offset).line + 1}:${document.positionAt(offset).character + 1} of ${path.basename(document.fileName)}`,
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset));
      last = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n---\n\n');
      return ready(last) ? last : undefined;
    },
    () => `Last hover: ${last || 'none'}`,
  );
}

/** The quick fixes VS Code offers for one diagnostic (asked on its range, as the light bulb does). */
async function quickFixesFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<{ fixes: vscode.CodeAction[]; all: string }> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const all = (actions ?? []).map((a) => `"${a.title}" (${'kind' in a ? a.kind?.value : 'command'})`).join(', ');
  // The command hands back titles, kinds and edits, not the diagnostics an action fixes: the title says which.
  const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
  return { fixes, all };
}

/** Applies the quick fix with this title to the diagnostic, as choosing it in the menu does. */
async function applyQuickFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const { fixes, all } = await quickFixesFor(document, diagnostic);
  const fix = fixes.find((a) => a.title === title);
  assert.ok(fix, `a quick fix "${title}" for ${codeOf(diagnostic)}; code actions offered on its range: ${all || 'none'}`);
  assert.ok(fix.edit, `the quick fix "${fix.title}" carries its edit`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'VS Code applied the quick fix');
  return fix;
}

/** Asserts that the server, having caught up, reports no syntax problem in the document. */
async function assertStillParses(uri: vscode.Uri): Promise<void> {
  await serverCaughtUp();
  assert.deepStrictEqual(
    ours(uri).filter((d) => codeOf(d) === 'json-syntax'),
    [],
    describeDiagnostics(uri),
  );
}

/** Shows the hover at the offset in the workbench, for a screenshot. */
async function showHoverAt(editor: vscode.TextEditor, offset: number): Promise<void> {
  const position = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(position, position);
  await vscode.commands.executeCommand('editor.action.showHover');
}

function extensionPath(): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  return extension.extensionPath;
}

/** The prefixes of the trust-pattern snippets the extension ships (snippets/trust-policies.json). */
function snippetPrefixes(start: 'trust-' | 'stmt-'): string[] {
  const file = path.join(extensionPath(), 'snippets', 'trust-policies.json');
  const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string }>;
  return Object.values(snippets)
    .map((s) => s.prefix)
    .filter((p) => p.startsWith(start))
    .sort();
}

// ---------------------------------------------------------------------------------------------

describe('Authoring: completion, hover and quick fixes in the editor', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  describe('completion', () => {
    it('inside Principal offers the three principal types, each documented', async () => {
      const { document } = await openFixture('authoring/deploy-trust.json');
      // The cursor in the key "AWS" of the first statement's Principal.
      const items = await completionsAt(document, offsetOf(document, '"AWS"', 2), (list) => documented(list).some((i) => labelOf(i) === 'Service'));
      assert.deepStrictEqual(documented(items).map(labelOf).sort(), ['AWS', 'Federated', 'Service']);
      assert.match(markdownOf(item(items, 'Federated').documentation), /identity provider/);
      assert.match(markdownOf(item(items, 'AWS').documentation), /anyone/);
    });

    it('in an Action value puts the action that fits the principal first: sts:AssumeRole for a role, ...WithWebIdentity for GitHub OIDC', async () => {
      const editor = await openFixture('authoring/deploy-trust.json');
      const { document } = editor;
      const forRole = await completionsAt(document, offsetOf(document, '"sts:AssumeRole"', 5), (list) => list.some((i) => labelOf(i) === 'sts:TagSession'));
      const roleOrder = inWidgetOrder(documented(forRole)).map(labelOf);
      assert.strictEqual(roleOrder[0], 'sts:AssumeRole', roleOrder.join(', '));
      assert.ok(roleOrder.includes('sts:AssumeRoleWithSAML') && roleOrder.includes('sts:SetSourceIdentity'), roleOrder.join(', '));
      assert.match(markdownOf(item(forRole, 'sts:AssumeRole').documentation), /principal uses/);
      // The widget also lists the JSON extension's guesses (values seen elsewhere in the file): ours is the one selected.
      assert.strictEqual(item(forRole, 'sts:AssumeRole').preselect, true, 'sts:AssumeRole is preselected');

      const forGitHub = await completionsAt(document, offsetOf(document, '"sts:AssumeRoleWithWebIdentity"', 5), (list) => list.some((i) => labelOf(i) === 'sts:TagSession'));
      const gitHubOrder = inWidgetOrder(documented(forGitHub)).map(labelOf);
      assert.strictEqual(gitHubOrder[0], 'sts:AssumeRoleWithWebIdentity', gitHubOrder.join(', '));

      // What a user sees: the suggest widget with the fitting action first and its documentation.
      const position = document.positionAt(offsetOf(document, '"sts:AssumeRole"', 5));
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await screenshot('authoring-completion-actions');
      await vscode.commands.executeCommand('hideSuggestWidget');
    });

    it('inside a Condition operator offers the condition keys of the statement: sts:ExternalId for a role, the GitHub claims for GitHub OIDC', async () => {
      const { document } = await openFixture('authoring/deploy-trust.json');
      const forRole = await completionsAt(document, offsetOf(document, '"sts:ExternalId"', 3), (list) => list.some((i) => labelOf(i) === 'aws:PrincipalOrgID'));
      const externalId = item(forRole, 'sts:ExternalId');
      assert.match(markdownOf(externalId.documentation), /confused deputy/);
      assert.match(markdownOf(externalId.documentation), /Type: `String`/);
      // (The JSON extension proposes keys seen elsewhere in the file, undocumented: only ours count.)
      assert.ok(!documented(forRole).some((i) => labelOf(i).startsWith('token.actions.githubusercontent.com:')), 'no GitHub claims for an AWS role principal');

      // The cursor in the `sub` key: `aud` is already in the block, so it is not offered again.
      const forGitHub = await completionsAt(document, offsetOf(document, '"token.actions.githubusercontent.com:sub"', 3), (list) =>
        list.some((i) => labelOf(i) === 'token.actions.githubusercontent.com:sub'),
      );
      assert.match(markdownOf(item(forGitHub, 'token.actions.githubusercontent.com:sub').documentation), /any repository of any GitHub user/);
      assert.ok(!documented(forGitHub).some((i) => labelOf(i) === 'token.actions.githubusercontent.com:aud'), 'the key already in the block is not offered again');
    });

    it('offers the trust-… whole-policy snippets in an empty policy file, and the stmt-… snippets inside Statement', async () => {
      const empty = (await openFixture('authoring/new-trust.json')).document;
      const expectedDocuments = snippetPrefixes('trust-');
      assert.ok(expectedDocuments.length >= 15, `snippets/trust-policies.json has a trust-… snippet per pattern: ${expectedDocuments.join(', ')}`);
      const documentItems = await completionsAt(empty, 0, (list) => list.some((i) => labelOf(i) === 'trust-role'));
      const serverDocumentSnippets = documentItems.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && typeof i.label === 'string' && i.label.startsWith('trust-'));
      assert.deepStrictEqual(serverDocumentSnippets.map(labelOf).sort(), expectedDocuments);
      const role = item(serverDocumentSnippets, 'trust-role');
      // A snippet with tab stops, not plain text.
      assert.ok(role.insertText instanceof vscode.SnippetString, `trust-role inserts a snippet: ${JSON.stringify(role.insertText)}`);
      assert.match(role.insertText.value, /role\/\$\{3:ROLE_NAME\}/);
      assert.match(markdownOf(role.documentation), /"Principal"/, 'the documentation previews the policy');

      const statements = (await openFixture('authoring/statement-trust.json')).document;
      const insideStatement = offsetOf(statements, '[\n', 2) + 4;
      const statementItems = await completionsAt(statements, insideStatement, (list) => list.some((i) => labelOf(i) === 'stmt-role'));
      const serverStatementSnippets = statementItems.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i).startsWith('stmt-'));
      assert.deepStrictEqual([...new Set(serverStatementSnippets.map(labelOf))].sort(), snippetPrefixes('stmt-'));
      assert.ok(!statementItems.some((i) => labelOf(i).startsWith('trust-') && typeof i.label === 'string'), 'no whole-policy snippet inside Statement');
    });

    it('lists the snippets the extension contributes to VS Code for JSON (package.json contributes.snippets)', async function () {
      const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.contributes?.snippets ?? []) as { language: string; path: string }[];
      const languages = contributed.filter((s) => /trust-policies\.json$/.test(s.path)).map((s) => s.language);
      assert.ok(languages.includes('json') && languages.includes('jsonc'), `snippets/trust-policies.json is contributed for json and jsonc: ${languages.join(', ')}`);
      const empty = (await openFixture('authoring/new-trust.json')).document;
      // VS Code's own snippet items label the prefix with the snippet's name as description.
      const isContributed = (i: vscode.CompletionItem) => i.kind === vscode.CompletionItemKind.Snippet && typeof i.label !== 'string';
      const items = await completionsAt(empty, 0, (list) => list.some((i) => isContributed(i) && labelOf(i) === 'trust-role'));
      const listed = [...new Set(items.filter(isContributed).map(labelOf).filter((l) => l.startsWith('trust-')))].sort();
      assert.deepStrictEqual(listed, snippetPrefixes('trust-'));
    });
  });

  describe('hover', () => {
    it('on a principal says who can assume through it, and how tight that is', async () => {
      const editor = await openFixture('authoring/deploy-trust.json');
      const { document } = editor;
      const role = offsetOf(document, 'arn:aws:iam::210987654321:role/deployer', 4);
      const text = await hoverAt(document, role);
      assert.match(text, /Who can assume: Only the role `deployer` in account 210987654321/);
      assert.match(text, /Scope: \*\*one specific role\*\*/);

      const gitHub = await hoverAt(document, offsetOf(document, 'oidc-provider/token.actions', 4));
      assert.match(gitHub, /Holders of a token from/);
      assert.match(gitHub, /Scope: \*\*users of an identity provider\*\*/);

      await showHoverAt(editor, role);
      await screenshot('authoring-hover-principal');
    });

    it('on a condition key shows its description, type and operators', async () => {
      const { document } = await openFixture('authoring/deploy-trust.json');
      const text = await hoverAt(document, offsetOf(document, '"sts:ExternalId"', 3));
      assert.match(text, /\*\*sts:ExternalId\*\* \(condition key\)/);
      assert.match(text, /unique identifier required when you assume a role in another account/);
      assert.match(text, /Type: `String`\. Operators: .*`StringEquals`/);
      assert.match(text, /In this statement: /);
    });

    it('on the policy shows who is trusted and the size against the quota, and follows the configured quota', async () => {
      const editor = await openFixture('authoring/deploy-trust.json');
      const { document } = editor;
      const onVersion = offsetOf(document, '"Version"', 2);
      // IAM counts the policy without white space outside strings (size-quota).
      const size = JSON.stringify(JSON.parse(document.getText())).length;
      const summary = await hoverAt(document, onVersion);
      assert.match(summary, /Trusted:\n- role deployer in 210987654321/);
      assert.match(summary, /GitHub Actions/);
      assert.ok(summary.includes(`Size: ${size} of 2,048 characters (${Math.round((size / 2048) * 100)}%)`), summary);
      assert.ok(!summary.includes('Over the quota'), summary);
      await showHoverAt(editor, onVersion);
      await screenshot('authoring-hover-policy');

      const quota = size - 100;
      await withWorkspaceSetting('trustPolicyQuota', quota, async () => {
        const over = await hoverAt(document, onVersion, (t) => t.includes(`of ${quota} characters`));
        assert.match(over, /\*\*Over the quota\*\*: IAM refuses the policy/);
      });
    });

    it('works in Terraform and CloudFormation YAML too, and calls a !Ref a deploy-time value', async () => {
      const tf = (await openFixture('authoring/typos.tf')).document;
      const inTerraform = await hoverAt(tf, offsetOf(tf, 'arn:aws:iam::210987654321:role/deployer', 4));
      assert.match(inTerraform, /Only the role `deployer` in account 210987654321/);

      const yaml = (await openFixture('authoring/typos.yaml')).document;
      const inYaml = await hoverAt(yaml, offsetOf(yaml, 'arn:aws:iam::210987654321:role/vendor-reader', 4));
      assert.match(inYaml, /Only the role `vendor-reader` in account 210987654321/);
      const onRef = await hoverAt(yaml, offsetOf(yaml, '!Ref VendorExternalId', 6));
      assert.match(onRef, /known only at deploy time/i);
    });
  });

  describe('quick fixes', () => {
    it('JSON: "Principal": "*" becomes {"AWS": "*"}, the finding goes and the file stays valid JSON with its layout', async () => {
      const editor = await openFixture('authoring/wildcard-trust.json');
      const { document } = editor;
      const before = document.getText();
      const d = await waitForDiagnostic(document.uri, 'principal-bare-wildcard');
      assert.strictEqual(textUnder(editor, d), '"*"');

      editor.selection = new vscode.Selection(d.range.start, d.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await screenshot('authoring-quick-fix-menu');
      await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);

      const fix = await applyQuickFix(document, d, 'Write {"AWS": "*"}');
      assert.strictEqual(fix.isPreferred, true, 'the fix is the preferred one (applied by "Auto Fix")');
      await waitForNoDiagnostic(document.uri, 'principal-bare-wildcard');
      assert.strictEqual(document.getText(), before.replace('"Principal": "*"', '"Principal": {"AWS": "*"}'), 'only the principal changed');
      assert.deepStrictEqual(JSON.parse(document.getText()).Statement[0].Principal, { AWS: '*' });
      await assertStillParses(document.uri);
      await revertActiveEditor();
    });

    it('Terraform: squiggles on the misspelt tokens inside jsonencode(), and the rename fixes applied there', async () => {
      const editor = await openFixture('authoring/typos.tf');
      const { document } = editor;
      assert.strictEqual(document.languageId, 'terraform');
      const element = await waitForDiagnostic(document.uri, 'unknown-element');
      assert.strictEqual(textUnder(editor, element), 'Efect');
      assert.strictEqual(element.range.start.line, document.positionAt(offsetOf(document, 'Efect')).line);
      const version = await waitForDiagnostic(document.uri, 'version-invalid');
      assert.strictEqual(textUnder(editor, version), '"2012-10-71"');
      await screenshot('authoring-terraform-squiggles');

      await applyQuickFix(document, element, 'Change to "Effect"');
      await waitForNoDiagnostic(document.uri, 'unknown-element');
      // The statement has its Effect again.
      await waitForNoDiagnostic(document.uri, 'effect-invalid');
      assert.match(document.lineAt(element.range.start.line).text, /^\s+Effect {5}= "Allow"$/);

      const versionNow = await waitForDiagnostic(document.uri, 'version-invalid');
      await applyQuickFix(document, versionNow, 'Change the version to "2012-10-17"');
      await waitForNoDiagnostic(document.uri, 'version-invalid');
      assert.match(document.getText(), /jsonencode\(\{\n {4}Version = "2012-10-17"\n/);
      await assertStillParses(document.uri);
      assert.deepStrictEqual(ours(document.uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error), [], describeDiagnostics(document.uri));
      await revertActiveEditor();
    });

    it('CloudFormation YAML: squiggles on the misspelt action and operator only, none on !Ref values; the operator rename applies', async () => {
      const editor = await openFixture('authoring/typos.yaml');
      const { document } = editor;
      assert.strictEqual(document.languageId, 'yaml');
      const action = await waitForDiagnostic(document.uri, 'action-unknown');
      assert.strictEqual(textUnder(editor, action), 'sts:AssumeRol');
      // VendorRole's lines, not BuildRole's correct "sts:AssumeRole" and "StringEquals" that start the same.
      assert.strictEqual(action.range.start.line, document.positionAt(offsetOf(document, 'sts:AssumeRol\n')).line);
      const operator = await waitForDiagnostic(document.uri, 'condition-operator-unknown');
      assert.strictEqual(textUnder(editor, operator), 'StringEqual');
      assert.strictEqual(operator.range.start.line, document.positionAt(offsetOf(document, 'StringEqual:')).line);
      await serverCaughtUp();
      const refLines = [offsetOf(document, '!Ref VendorExternalId'), offsetOf(document, '!Ref AWS::AccountId')].map((o) => document.positionAt(o).line);
      const onRefs = ours(document.uri).filter((x) => refLines.includes(x.range.start.line));
      assert.deepStrictEqual(onRefs, [], `values known only at deploy time (!Ref) cause no finding. ${describeDiagnostics(document.uri)}`);
      const buildRoleLine = document.positionAt(offsetOf(document, 'BuildRole:')).line;
      const inBuildRole = ours(document.uri).filter((x) => x.range.start.line >= buildRoleLine && x.severity <= vscode.DiagnosticSeverity.Warning);
      assert.deepStrictEqual(inBuildRole, [], `the guarded service role is fine. ${describeDiagnostics(document.uri)}`);
      await screenshot('authoring-yaml-squiggles');

      await applyQuickFix(document, operator, 'Change to "StringEquals"');
      await waitForNoDiagnostic(document.uri, 'condition-operator-unknown');
      assert.strictEqual(document.lineAt(operator.range.start.line).text, '              StringEquals:');
      await waitForDiagnostic(document.uri, 'action-unknown');
      await assertStillParses(document.uri);
      await revertActiveEditor();
    });
  });
});
