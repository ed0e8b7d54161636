import * as assert from 'assert';
import { Node } from '../model/ast';
import { parseJson } from '../parser/json';
import { makeSource } from '../documents';
import { mergeConfig, TrustConfig } from '../config';
import { validateDocument } from '../validation';
import { ExpectedFinding, lint } from '../testing/ruleTester';
import { Finding, Rule } from './types';

/**
 * Test helpers for the group A rules: cases with values known only at deploy time, and quick
 * fixes applied to the text.
 *
 * A JSON file cannot hold an unknown value, so a string that is wholly `${...}` (as in a Terraform
 * `templatefile` template) is turned into an `unknown` node, the way the template adapters do.
 */
const PLACEHOLDER = /^\$\{[^]*\}$/;

export function withUnknowns(node: Node): Node {
  switch (node.kind) {
    case 'string':
      return PLACEHOLDER.test(node.value) ? { kind: 'unknown', span: node.span, text: node.value } : node;
    case 'array':
      return { ...node, items: node.items.map(withUnknowns) };
    case 'object':
      return { ...node, properties: node.properties.map((p) => ({ ...p, value: p.value && withUnknowns(p.value) })) };
    default:
      return node;
  }
}

export function lintWithUnknowns(code: string, rule: Rule, config: Partial<TrustConfig> = {}): Finding[] {
  const parsed = parseJson(code);
  assert.ok(parsed.root, `test case does not parse: ${code}`);
  const source = makeSource('json', withUnknowns(parsed.root), parsed.problems);
  return validateDocument({ text: code, policies: [source] }, mergeConfig(config), {
    rules: [rule],
    onRuleError: (_id, e) => {
      throw e;
    },
  });
}

export interface UnknownCase {
  name: string;
  code: string;
  /** Findings that must remain (about what is known); none when left out. */
  errors?: ExpectedFinding[];
}

/** Each case is linted with its `${...}` strings as unknown values; only the listed findings may appear. */
export function unknownValueTester(rule: Rule, cases: UnknownCase[]): void {
  describe(`rule ${rule.id} with values known only at deploy time`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const found = lintWithUnknowns(c.code, rule);
        const expected = c.errors ?? [];
        assert.deepStrictEqual(
          found.map((f) => c.code.substr(f.span.offset, f.span.length)),
          expected.map((e) => e.text),
          JSON.stringify(found.map((f) => f.message)),
        );
        found.forEach((f, i) => {
          for (const m of ([] as string[]).concat(expected[i].message ?? [])) assert.ok(f.message.includes(m), `"${f.message}" should contain "${m}"`);
        });
      });
    }
  });
}

/** The text after applying the first (preferred) fix of the rule's only finding. */
export function fixed(code: string, rule: Rule, config: Partial<TrustConfig> = {}, filePath?: string): string {
  const findings = lint(code, rule, config, filePath);
  assert.strictEqual(findings.length, 1, `expected one finding, got ${JSON.stringify(findings.map((f) => f.message))}`);
  const fix = findings[0].fixes[0];
  assert.ok(fix, `"${findings[0].message}" has no fix`);
  let text = code;
  for (const edit of [...fix.edits].sort((a, b) => b.span.offset - a.span.offset)) {
    text = text.slice(0, edit.span.offset) + edit.newText + text.slice(edit.span.offset + edit.span.length);
  }
  return text;
}

/** A policy as compact JSON: every value appears once, so a test can name the exact text under a range. */
export function compactPolicy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A vendor's cross-account role with an ExternalId, as SaaS monitoring vendors ask for. */
export const VENDOR_STATEMENT = {
  Sid: 'VendorAudit',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::464622532012:role/DatadogIntegration' },
  Action: 'sts:AssumeRole',
  Condition: { StringEquals: { 'sts:ExternalId': 'f3a9c1d27b8e4e06' } },
};

/** A GitHub Actions deploy role for one repository's production environment. */
export const GITHUB_STATEMENT = {
  Effect: 'Allow',
  Principal: { Federated: 'arn:aws:iam::318574629013:oidc-provider/token.actions.githubusercontent.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:acme-corp/payments-api:environment:production',
    },
  },
};
