import * as assert from 'assert';
import * as path from 'path';
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeConfig, TrustConfig } from '../../server/src/config';
import { initParsers } from '../../server/src/documents';
import { computeDocumentDiagnostics, DocumentDiagnostics } from '../../server/src/features/diagnostics';
import { FIX_ALL_KIND, FIX_ALL_TITLE, provideCodeActions } from '../../server/src/features/codeActions';
import { Finding } from '../../server/src/rules/types';
import { cloudFormationRole } from '../../server/src/testing/statementDocuments';

const DOCS_ROOT = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');
const URI = 'file:///w/role-trust.json';

const POLICY = `{
  "Version": "2012-10-18",
  "Statement": [
    {
      "Efect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "sts:AssumeRole"
    }
  ]
}
`;

const ORG = { organizationId: 'o-a1b2c3d4e5' };

function diagnose(text: string, config: Partial<TrustConfig> = ORG, uri = URI, languageId = 'json'): { document: TextDocument } & DocumentDiagnostics {
  const document = TextDocument.create(uri, languageId, 1, text);
  const filePath = uri.replace('file://', '');
  return { document, ...computeDocumentDiagnostics({ document, filePath, languageId, config: mergeConfig(config), docsRoot: DOCS_ROOT }) };
}

function diagnosticOf(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code);
  assert.ok(found, `no ${code} diagnostic among ${diagnostics.map((d) => d.code).join(', ')}`);
  return found;
}

/** Applies a code action's edit to the text, as the editor would. */
function applyAction(document: TextDocument, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[document.uri] ?? [];
  assert.ok(edits.length > 0, `"${action.title}" edits nothing`);
  return TextDocument.applyEdits(document, edits);
}

function actionsFor(d: { document: TextDocument; findings: Finding[] }, range: Range, diagnostics: Diagnostic[], only?: string[], config: Partial<TrustConfig> = ORG): Promise<CodeAction[]> {
  return provideCodeActions({ document: d.document, findings: d.findings, range, context: { diagnostics, only }, docsRoot: DOCS_ROOT, config: mergeConfig(config) });
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe('code actions', () => {
  it('turn the fixes of the diagnostic in the context into quick fixes that carry it', async () => {
    const d = diagnose(POLICY);
    const version = diagnosticOf(d.diagnostics, 'version-invalid');
    const actions = await actionsFor(d, version.range, [version]);
    const quickFixes = actions.filter((a) => a.kind === CodeActionKind.QuickFix);
    assert.deepStrictEqual(
      quickFixes.map((a) => [a.title, a.isPreferred, a.diagnostics]),
      [['Change the version to "2012-10-17"', true, [version]]],
    );
    const after = diagnose(applyAction(d.document, quickFixes[0]));
    assert.ok(!after.diagnostics.some((x) => x.code === 'version-invalid'), 'the finding is gone');
  });

  it('offer the group C fixes: an organization condition for "*"', async () => {
    const d = diagnose(POLICY.replace('"Efect"', '"Effect"'));
    const any = diagnosticOf(d.diagnostics, 'principal-any');
    const [action] = await actionsFor(d, any.range, [any], [CodeActionKind.QuickFix]);
    assert.strictEqual(action.title, 'Allow only principals of organization o-a1b2c3d4e5 (aws:PrincipalOrgID)');
    assert.strictEqual(action.isPreferred, true);
    const text = applyAction(d.document, action);
    assert.deepStrictEqual(JSON.parse(text).Statement[0].Condition, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    const after = diagnose(text);
    assert.deepStrictEqual(after.diagnostics.filter((x) => x.code === 'principal-any').map((x) => x.severity), [4], 'only a hint naming the organization is left');
  });

  it('find the finding by rule and range when the client dropped the diagnostic data', async () => {
    const d = diagnose(POLICY);
    const element = diagnosticOf(d.diagnostics, 'unknown-element');
    const withoutData: Diagnostic = { ...element, data: undefined };
    const actions = await actionsFor(d, element.range, [withoutData], [CodeActionKind.QuickFix]);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.diagnostics]), [['Change to "Effect"', [withoutData]]]);
  });

  it('offer the fixes under the cursor when the client sends no diagnostics, with a diagnostic of their own', async () => {
    const d = diagnose(POLICY);
    const element = diagnosticOf(d.diagnostics, 'unknown-element');
    const cursor = { start: element.range.start, end: element.range.start };
    const actions = await actionsFor(d, cursor, [], [CodeActionKind.QuickFix]);
    assert.deepStrictEqual(actions.map((a) => a.title), ['Change to "Effect"']);
    assert.strictEqual(actions[0].diagnostics?.[0].code, 'unknown-element');
    assert.deepStrictEqual(actions[0].diagnostics?.[0].range, element.range);
  });

  it('offer nothing for a diagnostic of another version or another tool, and nothing away from findings', async () => {
    const d = diagnose(POLICY);
    const version = diagnosticOf(d.diagnostics, 'version-invalid');
    const moved: Diagnostic = { ...version, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    const foreign: Diagnostic = { range: version.range, message: 'x', source: 'other', code: 'other-rule' };
    const nowhere = { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } };
    assert.deepStrictEqual(await actionsFor(d, nowhere, [moved, foreign], [CodeActionKind.QuickFix]), []);
  });

  it('offer nothing when the findings are stale or missing', async () => {
    const d = diagnose(POLICY);
    const version = diagnosticOf(d.diagnostics, 'version-invalid');
    assert.deepStrictEqual(await provideCodeActions({ document: d.document, findings: undefined, range: version.range, context: { diagnostics: [version] } }), []);
  });

  it('"fix all" applies every preferred fix, one after the other, without making two of one element', async () => {
    // Renaming "Efect" and adding the missing Effect are each right; together they would make two.
    const d = diagnose(POLICY);
    const actions = await actionsFor(d, START, [], [CodeActionKind.Source]);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind, a.diagnostics]), [[FIX_ALL_TITLE, FIX_ALL_KIND, undefined]]);
    const text = applyAction(d.document, actions[0]);
    const statement = JSON.parse(text).Statement[0];
    assert.deepStrictEqual(Object.keys(statement).filter((k) => /^effect$/i.test(k)), ['Effect']);
    assert.strictEqual(statement.Effect, 'Allow');
    const codes = diagnose(text).diagnostics.map((x) => `${x.code}:${x.severity}`);
    assert.deepStrictEqual(codes, ['principal-any:4'], 'what is left is the hint that names the organization');
    assert.deepStrictEqual(await actionsFor(diagnose(text), START, [], [CodeActionKind.SourceFixAll]), [], 'nothing left to fix');
  });

  it('"fix all" is one edit of the changed part, so the rest of the document and its undo stay put', async () => {
    const d = diagnose(POLICY);
    const [action] = await actionsFor(d, START, [], [FIX_ALL_KIND]);
    const edits = action.edit?.changes?.[URI] ?? [];
    assert.strictEqual(edits.length, 1);
    assert.deepStrictEqual(edits[0].range.start, { line: 1, character: 23 }, 'starts at the last digit of the version');
    assert.strictEqual(edits[0].range.end.line, 6, 'ends after the Action, where the Condition goes');
  });

  it('"fix all" needs the configuration to run the engine again, and is never computed unasked', async () => {
    const d = diagnose(POLICY);
    assert.deepStrictEqual(await provideCodeActions({ document: d.document, findings: d.findings, range: START, context: { diagnostics: [], only: [FIX_ALL_KIND] } }), []);
    assert.deepStrictEqual((await actionsFor(d, START, [])).filter((a) => a.kind === FIX_ALL_KIND), []);
  });

  it('filter by the kinds the client asks for', async () => {
    const d = diagnose(POLICY);
    const version = diagnosticOf(d.diagnostics, 'version-invalid');
    const kinds = async (only?: string[]) => [...new Set((await actionsFor(d, version.range, [version], only)).map((a) => a.kind))];
    assert.deepStrictEqual(await kinds(), [CodeActionKind.QuickFix]);
    assert.deepStrictEqual(await kinds([CodeActionKind.QuickFix]), [CodeActionKind.QuickFix]);
    assert.deepStrictEqual(await kinds([CodeActionKind.SourceFixAll]), [FIX_ALL_KIND]);
    assert.deepStrictEqual(await kinds([CodeActionKind.QuickFix, CodeActionKind.Source]), [CodeActionKind.QuickFix, FIX_ALL_KIND]);
    assert.deepStrictEqual(await kinds([CodeActionKind.Refactor]), []);
  });

  it('fix JSON inside a Terraform string in its escaped form, and leave out a fix that would break it', async () => {
    await initParsers();
    const tf = [
      'resource "aws_iam_role" "vendor" {',
      '  assume_role_policy = "{\\"Version\\":\\"2012-10-18\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::348201957364:root\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}"',
      '}',
      '',
    ].join('\n');
    const d = diagnose(tf, ORG, 'file:///w/main.tf', 'terraform');
    const offered = async (findings: Finding[], code: string) => {
      const diagnostic = diagnosticOf(d.diagnostics, code);
      return (await actionsFor({ ...d, findings }, diagnostic.range, [diagnostic], [CodeActionKind.QuickFix])).filter((a) => a.diagnostics?.[0].code === code);
    };
    const [versionFix] = await offered(d.findings, 'version-invalid');
    assert.ok(applyAction(d.document, versionFix).includes('\\"Version\\":\\"2012-10-17\\"'), 'the version fix keeps the escaped quotes');
    // A fix that writes a bare word over \"2012-10-18\" would end the Terraform string early.
    const version = d.findings.find((f) => f.ruleId === 'version-invalid')!;
    const breaking = { ...version, fixes: [{ title: 'Break it', edits: [{ span: version.span, newText: '2012-10-17' }] }] };
    assert.deepStrictEqual(await offered(d.findings.map((f) => (f === version ? breaking : f)), 'version-invalid'), [], 'a fix that breaks the quoted string is not shown');
    const [root] = await offered(d.findings, 'principal-account-root');
    assert.ok(applyAction(d.document, root).includes('\\"AWS\\":\\"arn:aws:iam::348201957364:role/ROLE_NAME\\"'), 'an in-place fix that keeps the escapes is offered');
  });

  it('offer in YAML only the fixes that are right in YAML', async () => {
    const yaml = cloudFormationRole(['- Effect: Allow', '  Principal:', '    AWS: [arn:aws:iam::348201957364:root, "*"]', '  Action: sts:AssumeRole']);
    const d = diagnose(yaml, ORG, 'file:///w/template.yaml', 'yaml');
    const whole = { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } };
    const all = await actionsFor(d, whole, d.diagnostics, [CodeActionKind.QuickFix]);
    // YAML has comments: every finding may also be suppressed with an iam-trust-ignore comment.
    const suppress = all.filter((a) => a.title.startsWith('Suppress '));
    assert.deepStrictEqual(suppress.map((a) => a.diagnostics?.[0].code).sort(), d.diagnostics.map((x) => String(x.code)).sort());
    const actions = all.filter((a) => !suppress.includes(a));
    assert.deepStrictEqual(
      actions.map((a) => a.diagnostics?.[0].code),
      ['principal-account-root'],
      'inserting a JSON Condition into YAML is not offered',
    );
    assert.match(applyAction(d.document, suppress[0]), /# iam-trust-ignore [a-z-]+: /);
    const text = applyAction(d.document, actions[0]);
    assert.ok(text.includes('AWS: [arn:aws:iam::348201957364:role/ROLE_NAME, "*"]'), text);
  });
});
