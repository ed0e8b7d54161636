import * as assert from 'assert';
import { analyseDocument, initParsers } from '../documents';
import { mergeConfig, TrustConfig } from '../config';
import { validateDocument } from '../validation';
import { Finding, Rule } from '../rules/types';
import { Severity } from '../config';

/**
 * ESLint-style tester: each case is a whole file; `invalid` cases list the findings the rule
 * must produce, each pinned to the exact source text under its range.
 */
export interface ExpectedFinding {
  /** The source text the finding's range covers, exactly. */
  text: string;
  /** Substrings the message must contain. */
  message?: string | string[];
  severity?: Severity;
}

export interface ValidCase {
  code: string;
  config?: Partial<TrustConfig>;
  filePath?: string;
  name?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export function lint(code: string, rule: Rule | undefined, config: Partial<TrustConfig> = {}, filePath = 'trust-policy.json'): Finding[] {
  const cfg = mergeConfig(config);
  const doc = analyseDocument({ text: code, filePath, force: true }, cfg);
  if (!doc) return [];
  return validateDocument(doc, cfg, {
    rules: rule ? [rule] : undefined,
    onRuleError: (id, e) => {
      throw new Error(`rule ${id} threw: ${(e as Error).stack}`);
    },
  });
}

function label(c: ValidCase): string {
  return c.name ?? c.code.replace(/\s+/g, ' ').slice(0, 100);
}

export function ruleTester(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    // Terraform cases need the tree-sitter parser loaded.
    before(() => initParsers());
    for (const v of cases.valid) {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`stays quiet: ${label(c)}`, () => {
        const found = lint(c.code, rule, c.config, c.filePath);
        assert.deepStrictEqual(
          found.map((f) => `${f.message} @ ${c.code.substr(f.span.offset, f.span.length)}`),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      it(`fires: ${label(c)}`, () => {
        const found = lint(c.code, rule, c.config, c.filePath);
        assert.deepStrictEqual(
          found.map((f) => c.code.substr(f.span.offset, f.span.length)),
          c.errors.map((e) => e.text),
          `ranges of ${rule.id}: ${JSON.stringify(found.map((f) => f.message))}`,
        );
        found.forEach((f, i) => {
          const e = c.errors[i];
          for (const m of ([] as string[]).concat(e.message ?? [])) {
            assert.ok(f.message.includes(m), `message "${f.message}" should contain "${m}"`);
          }
          if (e.severity) assert.strictEqual(f.severity, e.severity, `severity of "${f.message}"`);
        });
      });
    }
  });
}

/** Wraps statements in a policy document, for short test cases. */
export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** A policy as compact JSON: every value appears once, so a test can name the exact text under a range. */
export function compactPolicy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
