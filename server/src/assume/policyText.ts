import { Node, Span } from '../model/ast';

/**
 * The edited policy as the JSON IAM would receive, and comparisons with the deployed one.
 * IAM keeps a trust policy as submitted (white space included) and GetRole returns it
 * URL-encoded (aws-sts-iam-wire.md §2.1); equality here is of content, not of formatting.
 */

/** A value known only at deploy time (`!Ref`, `var.x`) makes the policy impossible to send as is. */
export class DeployTimeValueError extends Error {
  constructor(readonly span: Span) {
    super('The policy holds a value known only at deploy time, so it cannot be compared or sent to IAM from here.');
  }
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function nodeToJson(node: Node): JsonValue {
  switch (node.kind) {
    case 'object': {
      const out: { [key: string]: JsonValue } = {};
      for (const p of node.properties) if (p.value) out[p.key] = nodeToJson(p.value);
      return out;
    }
    case 'array':
      return node.items.map(nodeToJson);
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
    case 'unknown':
      throw new DeployTimeValueError(node.span);
  }
}

/** Key-sorted, white-space-free JSON: two policies with equal content give equal strings. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The deployed document from GetRole/ListRoles: URL-decoded, parsed when it is JSON. */
export function decodeDeployedPolicy(encoded: string): { text: string; json?: JsonValue } {
  let text = encoded;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    // Not percent-encoded after all (some emulators send it plain).
  }
  try {
    return { text, json: JSON.parse(text) as JsonValue };
  } catch {
    return { text };
  }
}

export function samePolicy(a: JsonValue, b: JsonValue): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * A line diff (longest common subsequence) in unified style: `-` deployed, `+` edited, with two
 * lines of context around each change. Undefined when the texts are equal.
 */
export function lineDiff(before: string, after: string, labels = { before: 'deployed', after: 'edited' }): string | undefined {
  if (before === after) return undefined;
  const a = before.split('\n');
  const b = after.split('\n');
  const rows: { op: ' ' | '-' | '+'; line: string }[] = [];
  if (a.length * b.length > 4_000_000) {
    rows.push(...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line })));
  } else {
    const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        rows.push({ op: ' ', line: a[i++] });
        j++;
      } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) rows.push({ op: '-', line: a[i++] });
      else rows.push({ op: '+', line: b[j++] });
    }
  }
  const keep = rows.map((r, k) => r.op !== ' ' || rows.slice(Math.max(0, k - 2), k + 3).some((n) => n.op !== ' '));
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  rows.forEach((r, k) => {
    if (keep[k]) out.push(`${r.op} ${r.line}`);
    else if (k === 0 || keep[k - 1]) out.push('  ...');
  });
  return out.join('\n');
}

/** Both policies pretty-printed the same way, so the diff shows content, not formatting. */
export function policyDiff(deployed: JsonValue, edited: JsonValue): string | undefined {
  if (samePolicy(deployed, edited)) return undefined;
  return lineDiff(JSON.stringify(deployed, null, 2), JSON.stringify(edited, null, 2));
}
