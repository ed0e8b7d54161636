import { Span } from '../model/ast';
import type { Segment } from './cursor';
import { quotedEnd, Token, YamlLine, YamlLines } from './yamlLines';

/**
 * Where the cursor is in a YAML document being typed, from the block indentation of the lines
 * above it: the path of keys and item indexes from the document root, and the token a completion
 * replaces. YAML's own parser (used for what the policy already says) recovers from half-typed
 * lines but cannot say which mapping an empty, indented line belongs to; indentation can. Flow
 * collections are read on the cursor's line only. Whatever this cannot read with certainty (tabs,
 * block scalars, a flow collection spanning lines, tags) gives undefined: no completion rather
 * than a wrong one.
 */

export interface YamlSite {
  /** Typing a key, or a value (a list item's content is a value until its list says otherwise). */
  kind: 'key' | 'value';
  /** For a key: the path of the mapping it goes into. For a value: the path of the value. */
  path: Segment[];
  replace: Span;
  typed: string;
  quote?: '"' | "'";
  /** A key whose colon is already written: complete the name only. */
  followedBySeparator: boolean;
  /** The column a key starts at (for a value: the column of its key), which decides the indentation of a block inserted under it. */
  column: number;
  /** Inside a flow collection (`[a, |]`, `{Service: |}`). */
  flow: boolean;
  /** The value goes right after the colon and needs a space before it. */
  afterColon: boolean;
  /** A value with nothing typed yet, after `key:`: a block may replace the white space from the colon on. */
  gapStart?: number;
  /** The content of a sequence item (after `- `): a value there, or the first key of a mapping item. */
  item: boolean;
  /** For `aws:|` (a key cut at its colon), the reading as a key still being typed. */
  alternative?: YamlSite;
  /** The line of each key of `path` (undefined for item indexes). */
  keyLines: (number | undefined)[];
  /** For a key in a block mapping: the other keys written in it, above and below. */
  siblings?: string[];
}

type Need = { kind: 'map' | 'seq'; col: number };

interface Walked {
  path: Segment[];
  keyLines: (number | undefined)[];
}

/** The column right after the entry that follows the dash at `dash`, or undefined when nothing follows it. */
function entryAfterDash(line: YamlLine, dash: number): number | undefined {
  const next = line.dashes.find((d) => d > dash);
  if (next !== undefined) return next;
  return line.key?.start ?? line.scalar?.start;
}

/**
 * The path of the structure the cursor's line belongs to, walking up the lines above it: a key
 * mapping at column `need.col`, or a sequence whose dashes are at that column (then the path
 * ends with the item's index).
 */
function walkUp(lines: YamlLines, from: number, start: Need): Walked | undefined {
  let need = start;
  const segments: Segment[] = [];
  const keyLines: (number | undefined)[] = [];
  const push = (segment: Segment, line?: number) => {
    segments.push(segment);
    keyLines.push(line);
  };
  let count = 0;
  let dashesOwned = true;
  for (let i = from - 1; i >= 0; i--) {
    const indent = lines.indent(i);
    if (indent === undefined || indent > need.col) continue;
    const line = lines.read(i);
    if (line.marker) break;
    if (line.unreadable) return undefined;
    if (indent === need.col) {
      if (need.kind === 'seq') {
        if (line.dashes[0] === need.col) {
          count++;
          continue;
        }
        // An indentless sequence: `Statement:` with its `- ` items at the key's own column.
        if (line.dashes.length === 0 && line.key && line.key.start === need.col && !line.value) {
          push(count);
          push(line.key.text, i);
          need = { kind: 'map', col: need.col };
          count = 0;
          continue;
        }
        return undefined;
      }
      // The indentless sequence of a sibling key (that key must come above it), or a sibling key.
      if (line.dashes[0] === need.col) {
        dashesOwned = false;
        continue;
      }
      if (line.dashes.length === 0 && line.key) {
        dashesOwned ||= !line.value;
        if (dashesOwned) continue;
      }
      return undefined;
    }
    // Dashes at a mapping's column with no key above them: the line is a list item missing its `- `.
    if (need.kind === 'map' && !dashesOwned) return undefined;
    // This line opens the structure: a `key:` with nothing after it, or a `- ` item.
    const key = line.key && (line.key.start < need.col || (need.kind === 'seq' && line.key.start === need.col)) ? line.key : undefined;
    if (need.kind === 'seq' && line.dashes.includes(need.col)) count++;
    let enclosing: number[];
    if (key) {
      if (line.value) return undefined;
      if (need.kind === 'seq') push(count);
      push(key.text, i);
      enclosing = line.dashes;
    } else {
      enclosing = line.dashes.filter((d) => d < need.col);
      const dash = enclosing[enclosing.length - 1];
      if (dash === undefined) return undefined;
      const next = entryAfterDash(line, dash);
      if (next !== undefined && next !== need.col) return undefined;
      if (next !== undefined && need.kind === 'map' && line.key?.start !== need.col) return undefined;
      if (next !== undefined && need.kind === 'seq' && !line.dashes.includes(need.col)) return undefined;
      if (need.kind === 'seq') push(count);
    }
    // Items opened after the first dash of a line are the first of their sequence.
    for (let j = enclosing.length - 1; j >= 1; j--) push(0);
    count = 0;
    dashesOwned = true;
    need = enclosing.length ? { kind: 'seq', col: enclosing[0] } : { kind: 'map', col: key!.start };
  }
  if (need.kind === 'seq') push(count);
  else if (!dashesOwned) return undefined;
  return { path: segments.reverse(), keyLines: keyLines.reverse() };
}

/**
 * Keys written at column `col` in the same block mapping as line `index`, above and below it:
 * what the half-typed line hides from the YAML parser (`Prin` over `Action:` reads as one key).
 */
function siblingKeys(lines: YamlLines, index: number, col: number): string[] {
  const out: string[] = [];
  const own = lines.read(index);
  const walk = (from: number, step: 1 | -1) => {
    for (let i = from; i >= 0 && i < lines.count; i += step) {
      const indent = lines.indent(i);
      if (indent === undefined || indent > col) continue;
      const line = lines.read(i);
      // The indentless sequence of a sibling key.
      if (indent === col && line.dashes[0] === col) continue;
      if (indent === col && line.key && line.dashes.length === 0) {
        out.push(line.key.text);
        continue;
      }
      // Going up, the line that opens the mapping as a list item (`- Effect: Allow`) holds its first key.
      if (step === -1 && line.key?.start === col && line.dashes.length) out.push(line.key.text);
      return;
    }
  };
  // A mapping opened on the cursor's own line (`- Prin|`) has no keys above it.
  if (!(own.dashes.length && own.content === col)) walk(index - 1, -1);
  walk(index + 1, 1);
  return out;
}

/** The path of what the cursor's line holds at its content column: a mapping at `col`, or the item of its dashes. */
function linePath(lines: YamlLines, index: number, line: YamlLine, col: number): Walked | undefined {
  if (line.dashes.length === 0) return walkUp(lines, index, { kind: 'map', col });
  const walked = walkUp(lines, index, { kind: 'seq', col: line.dashes[0] });
  if (!walked) return undefined;
  const inner = line.dashes.slice(1).map(() => 0);
  return { path: [...walked.path, ...inner], keyLines: [...walked.keyLines, ...inner.map(() => undefined)] };
}

function tokenSite(line: YamlLine, token: Token, cc: number): Pick<YamlSite, 'replace' | 'typed' | 'quote'> {
  const start = line.start + token.start;
  return {
    replace: { offset: start, length: token.end - token.start },
    typed: line.text.slice(token.start + (token.quote ? 1 : 0), cc),
    quote: token.quote,
  };
}

/** The key at `col` on line `index` already has its value on the lines below (a mapping or a list). */
function blockFollows(lines: YamlLines, index: number, col: number): boolean {
  for (let i = index + 1; i < lines.count; i++) {
    const indent = lines.indent(i);
    if (indent === undefined) continue;
    return indent > col || lines.read(i).dashes[0] === col;
  }
  return false;
}

/** Locates the cursor in YAML text; undefined where nothing can be completed with certainty. */
export function locateYamlSite(text: string, offset: number, lines = new YamlLines(text)): YamlSite | undefined {
  const index = lines.lineAt(offset);
  const line = lines.read(index);
  const cc = offset - line.start;
  if (line.unreadable || line.marker || (line.comment !== undefined && cc > line.comment)) return undefined;
  const base = { followedBySeparator: false, flow: false, afterColon: false, item: false };

  // Nothing typed on the line yet, or only dashes: a key of a mapping, or an item's content.
  const before = line.text.slice(0, cc);
  if (/^[\s-]*$/.test(before) && line.text.slice(cc).trim() === '' && (line.dashes.length === 0 || cc >= line.content)) {
    const col = line.dashes.length ? line.content : cc;
    if (line.dashes.length && cc > line.content) return undefined;
    const walked = linePath(lines, index, line, col);
    if (!walked) return undefined;
    const item = line.dashes.length > 0;
    return { ...base, ...walked, kind: item ? 'value' : 'key', item, column: col, replace: { offset, length: 0 }, typed: '', siblings: siblingKeys(lines, index, col) };
  }

  if (line.key && cc >= line.key.start && cc <= line.key.end) {
    const walked = linePath(lines, index, line, line.key.start);
    if (!walked) return undefined;
    return { ...base, ...walked, ...tokenSite(line, line.key, cc), kind: 'key', followedBySeparator: true, column: line.key.start, siblings: siblingKeys(lines, index, line.key.start) };
  }

  if (line.key && cc > line.key.colon) {
    const key = line.key;
    const walked = linePath(lines, index, line, key.start);
    if (!walked) return undefined;
    const valuePath = { path: [...walked.path, key.text], keyLines: [...walked.keyLines, index] };
    const value = line.value;
    if (value && /^[[{]/.test(line.text[value.start])) return flowSite(line, value.start, cc, valuePath, key.start);
    if (value && /^[!&*|>]/.test(line.text[value.start])) return undefined;
    if (value) {
      if (cc < value.start || cc > value.end || (value.quote && !value.open && cc === value.end)) return undefined;
      return { ...base, ...valuePath, ...tokenSite(line, value, cc), kind: 'value', column: key.start };
    }
    if (line.text.slice(cc).trim() !== '' || blockFollows(lines, index, key.start)) return undefined;
    const site: YamlSite = {
      ...base,
      ...valuePath,
      kind: 'value',
      column: key.start,
      replace: { offset, length: 0 },
      typed: '',
      afterColon: cc === key.colon + 1,
      gapStart: line.start + key.colon + 1,
    };
    // `aws:` at the end of a line reads as a key with no value; it may be a condition key being typed.
    if (cc === key.colon + 1 && !key.quote) {
      const token = { start: key.start, end: cc };
      site.alternative = { ...base, ...walked, ...tokenSite(line, token, cc), kind: 'key', column: key.start, siblings: siblingKeys(lines, index, key.start) };
    }
    return site;
  }

  if (!line.key && line.scalar && !line.scalar.quote && /^[[{!&*|>%@`]/.test(line.text[line.scalar.start])) return undefined;
  if (!line.key && line.scalar && cc >= line.scalar.start && cc <= line.scalar.end) {
    const walked = linePath(lines, index, line, line.content);
    if (!walked) return undefined;
    const item = line.dashes.length > 0;
    return { ...base, ...walked, ...tokenSite(line, line.scalar, cc), kind: item ? 'value' : 'key', item, column: line.content, siblings: siblingKeys(lines, index, line.content) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Flow collections on the cursor's line

type FlowFrame = { kind: 'seq'; index: number; state: 'value' | 'after' } | { kind: 'map'; state: 'key' | 'colon' | 'value' | 'after'; key?: string };

/** A plain scalar in a flow collection ends at `,`, a bracket, or `: `. */
function flowPlainEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !/[,[\]{}]/.test(text[i]) && !(text[i] === ':' && /[\s,[\]{}]/.test(text[i + 1] ?? ' ')) && !(text[i] === '#' && /\s/.test(text[i - 1]))) i++;
  return trimSpaces(text, from, i);
}

function trimSpaces(text: string, from: number, end: number): number {
  while (end > from && /\s/.test(text[end - 1])) end--;
  return end;
}

function flowSite(line: YamlLine, from: number, cc: number, outer: Walked, column: number): YamlSite | undefined {
  const text = line.text;
  const frames: FlowFrame[] = [];
  const consume = () => {
    const top = frames[frames.length - 1];
    if (top && (top.state === 'value' || top.state === 'key')) top.state = top.kind === 'map' && top.state === 'key' ? 'colon' : 'after';
  };
  let token: Token | undefined;
  let i = from;
  while (i < cc) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') return undefined;
    const top = frames[frames.length - 1];
    if (c === '[' || c === '{') {
      if (top) consume();
      frames.push(c === '[' ? { kind: 'seq', index: 0, state: 'value' } : { kind: 'map', state: 'key' });
      i++;
    } else if (c === ']' || c === '}') {
      frames.pop();
      if (frames.length === 0) return undefined;
      i++;
    } else if (c === ',') {
      if (top?.kind === 'seq') {
        top.index++;
        top.state = 'value';
      } else if (top) {
        top.state = 'key';
        top.key = undefined;
      }
      i++;
    } else if (c === ':' && top?.kind === 'map') {
      if (top.state === 'colon') top.state = 'value';
      i++;
    } else {
      const quoted = c === '"' || c === "'";
      let end = quoted ? quotedEnd(text, i) : flowPlainEnd(text, i);
      const open = quoted && end === undefined;
      if (end === undefined) end = trimSpaces(text, i, text.length);
      if (cc <= end && !(quoted && !open && cc === end)) {
        token = { start: i, end, quote: quoted ? (c as '"' | "'") : undefined, open };
        break;
      }
      if (top?.kind === 'map' && top.state === 'key') {
        top.key = quoted ? text.slice(i + 1, end - 1) : text.slice(i, end);
        top.state = 'colon';
      } else consume();
      i = end;
    }
  }
  const top = frames[frames.length - 1];
  if (!top) return undefined;
  const path = [...outer.path];
  const keyLines = [...outer.keyLines];
  for (const f of frames.slice(0, -1)) {
    if (f.kind === 'seq') path.push(f.index);
    else if (f.key !== undefined) path.push(f.key);
    else return undefined;
    keyLines.push(undefined);
  }
  const place = token ? tokenSite(line, token, cc) : { replace: { offset: line.start + cc, length: 0 }, typed: '' };
  const base = { ...place, keyLines, column, flow: true, afterColon: false, followedBySeparator: false, item: false };
  if (top.kind === 'seq') return top.state === 'value' ? { ...base, kind: 'value', path: [...path, top.index], keyLines: [...keyLines, undefined] } : undefined;
  if (top.state === 'key') {
    const followedBySeparator = token !== undefined && /^\s*:/.test(text.slice(token.end));
    return { ...base, kind: 'key', path, followedBySeparator };
  }
  if (top.state === 'value' && top.key !== undefined) {
    return { ...base, kind: 'value', path: [...path, top.key], keyLines: [...keyLines, undefined], afterColon: !token && text[cc - 1] === ':' };
  }
  return undefined;
}
