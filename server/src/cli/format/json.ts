import { displayPath, FileResult, findingRange, FormatContext } from '../results';

/**
 * ESLint-style: one entry per analysed file (an empty `findings` list when it is clean), positions
 * 1-based, `endColumn` just past the last character of the range.
 */
export function formatJson(results: FileResult[], ctx: FormatContext): string {
  const out = results.map((r) => ({
    file: displayPath(r.file, ctx.cwd),
    findings: r.findings.map((f) => ({
      rule: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...findingRange(r, f),
    })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
