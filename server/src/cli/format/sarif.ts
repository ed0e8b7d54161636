import * as path from 'path';
import { pathToFileURL } from 'url';
import { Severity } from '../../config';
import { ALL_RULES } from '../../rules';
import { suppressedFindingsOf } from '../../validation';
import { packageInfo } from '../packageInfo';
import { FileResult, findingRange, FormatContext } from '../results';
import { ruleDocsMarkdown, ruleDocsUri } from '../ruleDocs';

/**
 * SARIF 2.1.0 (OASIS), in the subset GitHub code scanning reads: one run whose driver lists every
 * rule, and one result per finding with a physical location relative to %SRCROOT% (the working
 * directory, normally the repository root in CI).
 */

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const SRCROOT = '%SRCROOT%';

/** A relative URI reference: each path segment percent-encoded, `/` between them. */
function relativeUri(rel: string): string {
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (rel && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel)) return { uri: relativeUri(rel), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(file).href };
}

function driverRules() {
  return ALL_RULES.map((rule) => {
    const helpUri = ruleDocsUri(rule.id);
    const markdown = ruleDocsMarkdown(rule.id);
    const plain = rule.description.replace(/`/g, '');
    return {
      id: rule.id,
      shortDescription: { text: plain, markdown: rule.description },
      fullDescription: { text: plain, markdown: rule.description },
      ...(helpUri ? { helpUri } : {}),
      ...(markdown ? { help: { text: helpUri ? `${plain} See ${helpUri}` : plain, markdown } } : {}),
      defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
      properties: { tags: ['security', 'iam', 'trust-policy'], group: rule.group },
    };
  });
}

export function formatSarif(results: FileResult[], ctx: FormatContext): string {
  const info = packageInfo();
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  // Findings an `iam-trust-ignore` comment suppressed stay in the log, marked as suppressed in
  // source with the comment's reason (SARIF 2.1.0 `suppressions`): an audit still sees what was accepted.
  const directiveOf = new Map(results.flatMap((r) => suppressedFindingsOf(r.findings).map((s) => [s.finding, s.directive] as const)));
  const sarifResults = results.flatMap((r) =>
    [...r.findings, ...suppressedFindingsOf(r.findings).map((s) => s.finding)].map((f) => {
      const range = findingRange(r, f);
      const index = ruleIndex.get(f.ruleId);
      const directive = directiveOf.get(f);
      return {
        ruleId: f.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        ...(directive ? { suppressions: [{ kind: 'inSource', ...(directive.reason ? { justification: directive.reason } : {}) }] } : {}),
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(r.file, ctx.cwd),
              region: { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn },
            },
          },
        ],
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iam-trust',
            ...(info.homepage ? { informationUri: info.homepage } : {}),
            version: info.version,
            semanticVersion: info.version,
            rules: driverRules(),
          },
        },
        // The base of the relative artifact URIs; SARIF wants an absolute URI ending in "/".
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(ctx.cwd.endsWith(path.sep) ? ctx.cwd : ctx.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
