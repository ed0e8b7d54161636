import { mergeConfig, TrustConfig } from '../config';
import { analyseDocument, PolicySource } from '../documents';
import { Span } from '../model/ast';
import { DeployTimeValueError, JsonValue, nodeToJson } from './policyText';

/** The policy the user is editing, read with the same engine as the diagnostics. */

export interface EditedDocumentInput {
  text: string;
  filePath?: string;
  languageId?: string;
  /** Which trust policy of the document, when it holds several (default: the first). */
  policyIndex?: number;
  config?: TrustConfig;
}

export interface EditedPolicy {
  text: string;
  source: PolicySource;
  /** The policy as plain JSON; undefined when it has syntax errors or deploy-time values. */
  json?: JsonValue;
  /** Why `json` is missing, with where. */
  jsonProblem?: { message: string; span: Span };
}

export type EditedPolicyResult = EditedPolicy | { problem: string };

export function readEditedPolicy(input: EditedDocumentInput): EditedPolicyResult {
  const analysed = analyseDocument({ text: input.text, filePath: input.filePath, languageId: input.languageId, force: true }, input.config ?? mergeConfig());
  if (!analysed) return { problem: 'This file is not one IAM Trust reads.' };
  if (analysed.skipped) return { problem: analysed.skipped };
  const index = input.policyIndex ?? 0;
  const source = analysed.policies[index];
  if (!source) {
    return { problem: analysed.policies.length ? `The file holds ${analysed.policies.length} trust policies; there is no number ${index}.` : 'The file holds no trust policy.' };
  }
  const edited: EditedPolicy = { text: input.text, source };
  if (source.syntaxProblems.length) {
    const first = source.syntaxProblems[0];
    edited.jsonProblem = { message: `The policy does not parse (${first.message}); fix the syntax first.`, span: first.span };
    return edited;
  }
  try {
    edited.json = nodeToJson(source.root);
  } catch (e) {
    if (!(e instanceof DeployTimeValueError)) throw e;
    edited.jsonProblem = { message: e.message, span: e.span };
  }
  return edited;
}
