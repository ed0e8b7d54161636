import { Severity } from '../../config';
import { Finding } from '../../rules/types';
import { countSeverities, displayPath, FileResult, findingRange, FormatContext, lineIndex, plural } from '../results';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, information: ANSI.blue, hint: ANSI.dim };

/** Source lines longer than this are shown as a window around the range (minified JSON). */
const MAX_SHOWN_LINE = 160;
const CONTEXT_BEFORE = 40;

type Paint = (color: string, s: string) => string;

/**
 * The source line under a finding and a caret line under its range. Tabs stay tabs in the caret
 * line's indentation so the carets line up whatever the terminal's tab width.
 */
function snippet(result: FileResult, finding: Finding, paint: Paint, color: string): string[] {
  const range = findingRange(result, finding);
  let line = lineIndex(result).lineText(range.line - 1);
  let start = range.column - 1;
  // Multi-line ranges are underlined to the end of their first line.
  let end = range.endLine === range.line ? range.endColumn - 1 : line.length;
  let prefix = '';
  let suffix = '';
  if (line.length > MAX_SHOWN_LINE) {
    const from = Math.max(0, start - CONTEXT_BEFORE);
    const to = Math.min(line.length, from + MAX_SHOWN_LINE);
    if (from > 0) prefix = '…';
    if (to < line.length) suffix = '…';
    line = line.slice(from, to);
    start -= from;
    end = Math.min(end - from, line.length);
  }
  const indent = (prefix + line.slice(0, start)).replace(/[^\t]/g, ' ');
  const carets = '^'.repeat(Math.max(1, end - start));
  const gutter = String(range.line);
  const pad = ' '.repeat(gutter.length);
  return [`  ${paint(ANSI.dim, `${gutter} |`)} ${prefix}${line}${suffix}`, `  ${paint(ANSI.dim, `${pad} |`)} ${indent}${paint(color, carets)}`];
}

/**
 * For people: `file:line:col  severity  message  rule-id`, the source line with a caret under the
 * range, then a summary. The location prefix is the form terminals and editors make clickable.
 */
export function formatText(results: FileResult[], ctx: FormatContext): string {
  const paint: Paint = ctx.color ? (color, s) => `${color}${s}${ANSI.reset}` : (_color, s) => s;
  const lines: string[] = [];
  for (const r of results) {
    const file = displayPath(r.file, ctx.cwd);
    for (const f of r.findings) {
      const { line, column } = findingRange(r, f);
      const color = SEVERITY_COLOR[f.severity];
      lines.push(`${paint(ANSI.bold, `${file}:${line}:${column}`)}  ${paint(color, f.severity)}  ${f.message}  ${paint(ANSI.dim, f.ruleId)}`);
      lines.push(...snippet(r, f, paint, color), '');
    }
  }
  const counts = countSeverities(results);
  const total = counts.error + counts.warning + counts.information + counts.hint;
  if (total === 0) {
    lines.push(paint(ANSI.cyan, `No problems found in ${plural(results.length, 'file')}.`));
  } else {
    // Named as the finding lines name the severities: "information" and "hint" are counted apart.
    const summary = `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information, ${plural(counts.hint, 'hint')})`;
    lines.push(paint(ANSI.bold + (counts.error ? ANSI.red : counts.warning ? ANSI.yellow : ANSI.blue), summary));
  }
  return lines.join('\n') + '\n';
}
