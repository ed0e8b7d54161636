import { CodeLens, Command } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TrustConfig } from '../config';
import { analyseDocumentAsync, PolicySource } from '../documents';
import { Statement } from '../model/policy';
import { featureInput } from './cursor';
import { explainPrincipal, requirementText, statementsByEffect, UNDECIDED_EFFECT_HEADINGS, UNDECIDED_EFFECTS } from './explain';

/**
 * Code lenses above each trust policy: "Assume this role" (the editor's command, with the
 * document and the policy's index in it) and who the policy trusts, in one short line. Lives in
 * the language server so every editor that shows lenses gets them; the command itself is the
 * client's (VS Code registers `iamTrust.assumeRole`).
 */

export const ASSUME_ROLE_COMMAND = 'iamTrust.assumeRole';
export const ASSUME_LENS_TITLE = 'Assume this role';

/** A lens title has one line of room; longer summaries end in an ellipsis (the hover has it all). */
export const SUMMARY_MAX_LENGTH = 160;

export async function provideCodeLenses(document: TextDocument, config: TrustConfig): Promise<CodeLens[]> {
  const input = featureInput(document);
  if (!input) return [];
  const analysed = await analyseDocumentAsync(input, config);
  const lenses: CodeLens[] = [];
  (analysed?.policies ?? []).forEach((source, index) => {
    const start = document.positionAt(source.root.span.offset);
    const range = { start, end: start };
    const assume: Command = { title: ASSUME_LENS_TITLE, command: ASSUME_ROLE_COMMAND, arguments: [document.uri, index] };
    // An empty command id: VS Code shows the title as text; it is there to be read, not clicked.
    const summary: Command = { title: trustSummary(source, config), command: '' };
    lenses.push({ range, command: assume }, { range, command: summary });
  });
  return lenses;
}

/** One statement as "role X in 111111111111 · requires ExternalId". */
function statementSummary(statement: Statement, source: PolicySource, config: TrustConfig): string {
  const principals = statement.principals.map((p) => explainPrincipal(p, statement, source.policy, config).short);
  const who = principals.length ? [...new Set(principals)].join(', ') : 'no principal';
  return [who, ...statement.conditions.map(requirementText)].join(' · ');
}

function summaries(statements: Statement[], source: PolicySource, config: TrustConfig): string {
  return [...new Set(statements.map((s) => statementSummary(s, source, config)))].join('; ');
}

/**
 * Who the policy trusts, for the lens: "Trusts: role CIPipelineRole in 111111111111 · requires
 * ExternalId", then what Deny statements refuse. Markdown backticks of the shared wording are
 * dropped: a lens shows plain text.
 */
export function trustSummary(source: PolicySource, config: TrustConfig): string {
  const byEffect = statementsByEffect(source.policy.statements);
  const parts = [byEffect.allow.length ? `Trusts: ${summaries(byEffect.allow, source, config)}` : 'Trusts: nobody (no Allow statement)'];
  if (byEffect.deny.length) parts.push(`Refuses: ${summaries(byEffect.deny, source, config)}`);
  for (const kind of UNDECIDED_EFFECTS) {
    if (byEffect[kind].length) parts.push(`${UNDECIDED_EFFECT_HEADINGS[kind]}: ${summaries(byEffect[kind], source, config)}`);
  }
  const text = parts.join(' | ').replace(/`/g, '');
  return text.length > SUMMARY_MAX_LENGTH ? `${text.slice(0, SUMMARY_MAX_LENGTH - 1).trimEnd()}…` : text;
}
