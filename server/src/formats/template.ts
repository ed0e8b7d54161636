import { Node, PropertyNode, Span, spanEnd } from '../model/ast';
import { ParsedJson, parseJson, SyntaxProblem } from '../parser/json';

/**
 * JSON written as a Terraform template: `templatefile()` files (`*.json.tpl`, `*.tftpl`) and
 * heredocs. `${...}` interpolations and `%{...}` directives are filled in at plan time, inside
 * strings (`"arn:aws:iam::${account}:root"`) and outside them (`"AWS": ${jsonencode(arns)}`,
 * `%{ for a in accounts }...%{ endfor }`). Their values are unknown (trust-checks.md, "unknown
 * values"); the literal JSON around them is linted.
 *
 * Each placeholder is replaced by a JSON-safe token of the same length (so every offset stays
 * the original one), the text is parsed as JSON, and what the tokens became turns into
 * `unknown` nodes: a string that holds a placeholder is unknown as a whole, and an object with a
 * placeholder where a key should be is unknown, since its keys cannot be known.
 */

interface Region {
  start: number;
  end: number;
  /** The placeholder starts inside a JSON string. */
  inString: boolean;
}

/** Index after the `}` closing a placeholder whose body starts at `from`, or the end of the line when unclosed. */
function placeholderEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // A string inside the expression (`${join(",", list)}`): braces in it do not count.
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  // Half typed (`${var.`): the placeholder runs to the end of its line, so the lines after it still parse.
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** `for`, `endfor`, `if`, `else`, `endif` of a `%{ ... }` directive (strip markers `~` allowed). */
function directiveKeyword(text: string, region: Region): string | undefined {
  return /^%\{~?\s*(\w+)/.exec(text.slice(region.start, Math.min(region.end, region.start + 40)))?.[1];
}

/**
 * Finds the placeholders, skipping the escapes `$${` and `%%{` (a literal `${` / `%{`). A
 * `%{ for }`/`%{ if }` directive and its `%{ endfor }`/`%{ endif }` make one region: what lies
 * between is repeated or left out, so none of it can be known.
 */
export function findPlaceholders(text: string): Region[] {
  const raw: Region[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      i += 2;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const end = placeholderEnd(text, i + 2);
      raw.push({ start: i, end, inString });
      i = end - 1;
      continue;
    }
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"' || c === '\n') inString = false;
    } else if (c === '"') inString = true;
  }
  return mergeDirectives(text, raw);
}

function mergeDirectives(text: string, raw: Region[]): Region[] {
  const out: Region[] = [];
  const open: Region[] = [];
  for (const r of raw) {
    const keyword = text[r.start] === '%' ? directiveKeyword(text, r) : undefined;
    if (keyword === 'for' || keyword === 'if') {
      open.push(r);
      continue;
    }
    if ((keyword === 'endfor' || keyword === 'endif') && open.length) {
      const opener = open.pop() as Region;
      const merged = { start: opener.start, end: r.end, inString: opener.inString };
      if (open.length === 0) out.push(merged);
      continue;
    }
    if (open.length === 0) out.push(r);
  }
  // Unclosed openers (half-typed): each is a placeholder on its own.
  for (const r of open) out.push(r);
  out.sort((a, b) => a.start - b.start);
  // Nested regions were merged into their outermost pair; drop any left inside another.
  return out.filter((r, i) => i === 0 || r.start >= out[i - 1].end);
}

/** Same length, JSON-safe: filler inside a string, a string token outside one. */
function fillRegions(text: string, regions: Region[]): string {
  let out = '';
  let at = 0;
  for (const r of regions) {
    out += text.slice(at, r.start);
    const n = r.end - r.start;
    out += r.inString || n < 2 ? '_'.repeat(n) : `"${'_'.repeat(n - 2)}"`;
    at = r.end;
  }
  return out + text.slice(at);
}

class RegionIndex {
  constructor(private readonly regions: Region[], private readonly base: number) {}

  /** Does any placeholder overlap the span (in the parsed text's offsets, `base` included)? */
  overlaps(span: Span): boolean {
    const start = span.offset - this.base;
    const end = start + span.length;
    let lo = 0;
    let hi = this.regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.regions[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    const r = this.regions[lo];
    return !!r && r.start < Math.max(end, start + 1);
  }
}

function unknownOf(span: Span, originalText: string, base: number): Node {
  return { kind: 'unknown', span, text: originalText.substr(span.offset - base, span.length) };
}

/** Turns what the filler tokens became into unknown nodes. */
function markUnknown(node: Node, index: RegionIndex, originalText: string, base: number): Node {
  if (!index.overlaps(node.span)) return node;
  switch (node.kind) {
    case 'object': {
      if (node.properties.some((p) => index.overlaps(p.keySpan))) return unknownOf(node.span, originalText, base);
      const properties: PropertyNode[] = node.properties.map((p) => ({
        ...p,
        value: p.value && markUnknown(p.value, index, originalText, base),
      }));
      return { ...node, properties };
    }
    case 'array':
      return { ...node, items: node.items.map((i) => markUnknown(i, index, originalText, base)) };
    default:
      return unknownOf(node.span, originalText, base);
  }
}

/**
 * Whether a syntax problem is only the shadow of a placeholder: inside one, or separated from
 * one by nothing but white space (`"a": 1 %{ if x },"b": 2%{ endif }` leaves a missing comma).
 */
function nearPlaceholder(p: SyntaxProblem, text: string, regions: Region[], base: number): boolean {
  const at = p.span.offset - base;
  let back = at;
  while (back > 0 && /\s/.test(text[back - 1])) back--;
  let forward = at;
  while (forward < text.length && /\s/.test(text[forward])) forward++;
  return regions.some((r) => (at >= r.start && at <= r.end) || back === r.end || forward === r.start || spanEnd(p.span) - base === r.start);
}

/** Literal `$${` and `%%{` are written doubled in a template; the policy holds them single. */
function unescapeStrings(node: Node): Node {
  switch (node.kind) {
    case 'string':
      return node.value.includes('{') ? { ...node, value: node.value.replace(/([$%])\1\{/g, '$1{') } : node;
    case 'object':
      return { ...node, properties: node.properties.map((p) => ({ ...p, value: p.value && unescapeStrings(p.value) })) };
    case 'array':
      return { ...node, items: node.items.map(unescapeStrings) };
    default:
      return node;
  }
}

/**
 * Parses a JSON template. `base` shifts every span, for a template embedded in another file (a
 * Terraform heredoc).
 */
export function parseJsonTemplate(text: string, base = 0): ParsedJson {
  const regions = findPlaceholders(text);
  if (regions.length === 0) {
    const plain = parseJson(text, base);
    return { root: plain.root && unescapeStrings(plain.root), problems: plain.problems };
  }
  const parsed = parseJson(fillRegions(text, regions), base);
  const index = new RegionIndex(regions, base);
  return {
    root: parsed.root && unescapeStrings(markUnknown(parsed.root, index, text, base)),
    problems: parsed.problems.filter((p) => !nearPlaceholder(p, text, regions, base)),
  };
}
