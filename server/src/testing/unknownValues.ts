import * as assert from 'assert';
import { Node } from '../model/ast';
import { parseJson } from '../parser/json';
import { makeSource } from '../documents';
import { mergeConfig, TrustConfig } from '../config';
import { validateDocument } from '../validation';
import { Finding, Rule } from '../rules/types';
import { ExpectedFinding } from './ruleTester';

/**
 * Rule tests with values known only at deploy time (a Terraform `var.x`, a CloudFormation `!Ref`).
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

/** The rule says nothing about the policy once its `${...}` strings are values known only at deploy time. */
export function assertQuietWithUnknowns(rule: Rule, code: string, config: Partial<TrustConfig> = {}): void {
  const found = lintWithUnknowns(code, rule, config);
  assert.deepStrictEqual(
    found.map((f) => `${f.message} @ ${code.substr(f.span.offset, f.span.length)}`),
    [],
  );
}
