import * as path from 'path';
import { Severity } from '../config';
import { Finding } from '../rules/types';
import { LineIndex } from '../text';

/** One analysed file, ready for a formatter. */
export interface FileResult {
  /** Absolute path. */
  file: string;
  text: string;
  findings: Finding[];
  /** Built on first use: most files have no findings and need no line table. */
  lines?: LineIndex;
}

/** 1-based lines and columns (UTF-16 code units, as editors count); the end is exclusive. */
export interface Range1 {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function lineIndex(result: FileResult): LineIndex {
  return (result.lines ??= new LineIndex(result.text));
}

export function findingRange(result: FileResult, finding: Finding): Range1 {
  const index = lineIndex(result);
  const start = index.position(finding.span.offset);
  const end = index.position(finding.span.offset + finding.span.length);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** The path to show: relative to the working directory when inside it, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel) ? rel : file;
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export function countSeverities(results: FileResult[]): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity as Severity]++;
  return counts;
}

export interface FormatContext {
  cwd: string;
  /** ANSI colours in the text format. */
  color: boolean;
}

/** "1 error", "2 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
