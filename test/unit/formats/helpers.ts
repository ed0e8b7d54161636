import * as fs from 'fs';
import * as path from 'path';
import { AnalysedDocument, analyseDocument, PolicySource } from '../../../server/src/documents';
import { mergeConfig, TrustConfig } from '../../../server/src/config';
import { Node, Span } from '../../../server/src/model/ast';
import { findRule } from '../../../server/src/rules';
import { Finding, Rule } from '../../../server/src/rules/types';
import { validateDocument } from '../../../server/src/validation';

/**
 * Small helpers for the format tests: lint a whole file of any format through the real
 * dispatcher and rules, and read back what lies under each finding's range.
 */

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/formats');

export function readFixture(relative: string): { text: string; filePath: string } {
  const filePath = path.join(FIXTURES, relative);
  return { text: fs.readFileSync(filePath, 'utf8'), filePath };
}

export interface LintOptions {
  /** Rule ids to run (all when omitted); ids of rules that do not exist yet are left out. */
  rules?: string[];
  config?: Partial<TrustConfig>;
  force?: boolean;
  languageId?: string;
}

export function analyse(text: string, filePath: string, options: LintOptions = {}): AnalysedDocument | undefined {
  return analyseDocument({ text, filePath, force: options.force, languageId: options.languageId }, mergeConfig(options.config ?? {}));
}

export function lintText(text: string, filePath: string, options: LintOptions = {}): Finding[] {
  const config = mergeConfig(options.config ?? {});
  const doc = analyseDocument({ text, filePath, force: options.force, languageId: options.languageId }, config);
  if (!doc) return [];
  const rules = options.rules?.map((id) => findRule(id)).filter((r): r is Rule => r !== undefined);
  return validateDocument(doc, config, {
    rules,
    onRuleError: (id, e) => {
      throw new Error(`rule ${id} threw: ${(e as Error).stack}`);
    },
  });
}

export function under(text: string, span: Span): string {
  return text.substr(span.offset, span.length);
}

/** `rule-id: source text under the range`, the form assertions compare. */
export function described(text: string, findings: Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}: ${under(text, f.span)}`);
}

/** Findings of one rule, as the source text under each range. */
export function textsOf(text: string, findings: Finding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => under(text, f.span));
}

/** Every unknown node of a tree. */
export function unknownsOf(node: Node | undefined, out: Node[] = []): Node[] {
  if (!node) return out;
  if (node.kind === 'unknown') out.push(node);
  else if (node.kind === 'object') node.properties.forEach((p) => unknownsOf(p.value, out));
  else if (node.kind === 'array') node.items.forEach((i) => unknownsOf(i, out));
  return out;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.offset < b.offset + Math.max(b.length, 1) && b.offset < a.offset + Math.max(a.length, 1);
}

/** The offset where `needle` occurs in `text` after `after` (fails loudly when absent). */
export function offsetOf(text: string, needle: string, after = ''): number {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from < 0 ? 0 : from);
  if (at < 0 || from < 0) throw new Error(`"${needle}" not found after "${after}"`);
  return at;
}

export function exists(ruleId: string): boolean {
  return findRule(ruleId) !== undefined;
}

export type { PolicySource };
