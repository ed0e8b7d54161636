import { LineIndex } from '../text';

/**
 * One line of a YAML document read for its block structure: the `- ` of sequence items, a
 * `key:`, an inline value, or a lone scalar (a key still being typed). Columns are offsets from
 * the start of the line. This reads only what block indentation says; anything else on the line
 * (flow collections, tags, block scalars) is left to the caller, which then gives up.
 */

export interface Token {
  start: number;
  /** Exclusive. */
  end: number;
  quote?: '"' | "'";
  /** A quoted token whose closing quote is missing. */
  open?: boolean;
}

export interface YamlLine {
  /** Offsets of the line in the text (end excludes the line break). */
  start: number;
  end: number;
  text: string;
  indent: number;
  /** Empty, or nothing but a comment. */
  blank: boolean;
  /** A tab in the indentation: not block structure we can read. */
  unreadable: boolean;
  /** A document marker (`---`, `...`) or a directive (`%YAML`): where a document's lines begin or end. */
  marker: boolean;
  /** Columns of the `-` of each sequence item opened on this line. */
  dashes: number[];
  /** Column after the indentation and dashes. */
  content: number;
  key?: Token & { text: string; colon: number };
  /** The inline value after `key:` (comment and trailing spaces left out). */
  value?: Token;
  /** A scalar with no colon after it. */
  scalar?: Token;
  /** Column of a comment, if any. */
  comment?: number;
}

/** The end of a quoted token starting at `from` (exclusive), or undefined when it does not close on the line. */
export function quotedEnd(text: string, from: number): number | undefined {
  const q = text[from];
  for (let i = from + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return undefined;
}

/** Where a comment starts at or after `from` (a `#` at the start or after white space, outside quotes). */
function commentAt(text: string, from: number): number | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && (i === from || /[\s[{,:]/.test(text[i - 1]))) {
      const end = quotedEnd(text, i);
      if (end === undefined) return undefined;
      i = end - 1;
    } else if (c === '#' && (i === from || /\s/.test(text[i - 1]))) return i;
  }
  return undefined;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** A token from `from` to the end (or the comment): quoted or plain. */
function tokenAt(text: string, from: number, limit: number): Token {
  const c = text[from];
  if (c === '"' || c === "'") {
    const end = quotedEnd(text, from);
    return end === undefined ? { start: from, end: trimEnd(text, from, limit), quote: c, open: true } : { start: from, end, quote: c };
  }
  return { start: from, end: trimEnd(text, from, limit) };
}

export function readYamlLine(source: string, start: number, end: number): YamlLine {
  const text = source.slice(start, end);
  let i = 0;
  while (text[i] === ' ') i++;
  const indent = i;
  const line: YamlLine = { start, end, text, indent, blank: false, unreadable: text[i] === '\t', marker: /^(---|\.\.\.)(\s|$)|^%/.test(text), dashes: [], content: i };
  if (line.marker) return line;
  while (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ')) {
    line.dashes.push(i);
    i++;
    while (text[i] === ' ') i++;
  }
  line.content = i;
  line.comment = commentAt(text, i);
  const limit = line.comment ?? text.length;
  if (trimEnd(text, i, limit) === i) {
    line.blank = line.dashes.length === 0;
    return line;
  }
  const first = text[i];
  if (first === '"' || first === "'") {
    const token = tokenAt(text, i, limit);
    let j = token.end;
    while (text[j] === ' ') j++;
    if (!token.open && text[j] === ':' && (j + 1 >= text.length || /\s/.test(text[j + 1]))) {
      line.key = { ...token, text: unquote(text.slice(token.start, token.end)), colon: j };
      readValue(line, text, j + 1, limit);
    } else line.scalar = token;
    return line;
  }
  if (/[[{!&*|>%@`]/.test(first)) {
    line.scalar = tokenAt(text, i, limit);
    return line;
  }
  for (let j = i; j < limit; j++) {
    if (text[j] === ':' && (j + 1 >= text.length || /\s/.test(text[j + 1]))) {
      const keyEnd = trimEnd(text, i, j);
      line.key = { start: i, end: keyEnd, text: text.slice(i, keyEnd), colon: j };
      readValue(line, text, j + 1, limit);
      return line;
    }
  }
  line.scalar = tokenAt(text, i, limit);
  return line;
}

function readValue(line: YamlLine, text: string, from: number, limit: number): void {
  let v = from;
  while (v < limit && /\s/.test(text[v])) v++;
  if (v < limit) line.value = tokenAt(text, v, limit);
}

function unquote(token: string): string {
  if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
  try {
    return JSON.parse(token) as string;
  } catch {
    return token.slice(1, -1);
  }
}

/** The lines of a text; reading a line costs nothing until it is asked for. */
export class YamlLines {
  private readonly index: LineIndex;
  private readonly cache = new Map<number, YamlLine>();

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
  }

  get count(): number {
    return this.index.lineCount;
  }

  /** The line holding an offset. */
  lineAt(offset: number): number {
    return this.index.position(offset).line;
  }

  start(line: number): number {
    return this.index.offset(line, 0);
  }

  /** Indentation of a line, or undefined when it is blank or a comment (cheap: no full read). */
  indent(line: number): number | undefined {
    const start = this.start(line);
    let i = start;
    while (this.text[i] === ' ') i++;
    const c = this.text[i];
    if (c === undefined || c === '#' || c === '\n' || c === '\r') return undefined;
    return i - start;
  }

  read(line: number): YamlLine {
    let read = this.cache.get(line);
    if (!read) {
      const start = this.start(line);
      read = readYamlLine(this.text, start, start + this.index.lineText(line).length);
      this.cache.set(line, read);
    }
    return read;
  }
}
