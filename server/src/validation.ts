import { AnalysedDocument, PolicySource } from './documents';
import { TrustConfig } from './config';
import { spanEnd } from './model/ast';
import { Finding, ReportDescriptor, Rule } from './rules/types';
import { ALL_RULES } from './rules';
import { rule as suppressionUnused, suppressionProblems, UNSUPPRESSIBLE } from './rules/suppression-unused';
import { applySuppressions, CommentStyle, findSuppressions, hasJsonComments, SuppressedFinding, suppressLineFix } from './suppressions';
import { LineIndex } from './text';

export interface ValidationOptions {
  rules?: readonly Rule[];
  /** Where a rule's own bug is reported; a broken rule never takes the others down. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /**
   * Give each finding a "Suppress <rule> on this line" fix that writes an `iam-trust-ignore`
   * comment, where the format has comments (YAML, Terraform, JSON that already has comments).
   * For the editor's quick fixes; off by default, so a rule's own fixes are what tests see.
   */
  suppressionFixes?: boolean;
}

const ALL_RULE_IDS = ALL_RULES.map((r) => r.id);

/**
 * The findings inline comments suppressed, for each result of validateDocument (by identity):
 * kept beside the result so its type stays `Finding[]`; SARIF lists them as suppressed results.
 */
const suppressedByResult = new WeakMap<readonly Finding[], SuppressedFinding[]>();

export function suppressedFindingsOf(findings: readonly Finding[]): SuppressedFinding[] {
  return suppressedByResult.get(findings) ?? [];
}

/**
 * How the file writes comments. Terraform files hold HCL policies, quoted JSON or heredocs, always
 * inside a role or a policy-document block; CloudFormation YAML holds YAML policies.
 */
function commentStyleOf(doc: AnalysedDocument): CommentStyle {
  if (doc.policies.some((p) => p.format === 'yaml')) return 'yaml';
  const terraform = (p: PolicySource) => p.format === 'hcl' || p.format === 'json-in-string' || p.role?.origin === 'terraform';
  return doc.policies.some(terraform) ? 'hcl' : 'json';
}

/**
 * Where a finding may get a suppression comment above its line: not in plain JSON, which IAM and
 * CloudFormation read without comments (only where the file has comments already), and not inside
 * a Terraform heredoc, whose lines are the policy's text.
 */
function suppressionFixStyle(doc: AnalysedDocument, style: CommentStyle): ((source: PolicySource, offset: number) => boolean) | undefined {
  if (style === 'json' && !hasJsonComments(doc.text)) return undefined;
  return (source, offset) => !(style === 'hcl' && source.format === 'json' && offset >= source.root.span.offset && offset <= spanEnd(source.root.span));
}

function byPosition(a: Finding, b: Finding): number {
  return a.span.offset - b.span.offset || a.ruleId.localeCompare(b.ruleId);
}

function toFinding(rule: Rule, config: TrustConfig, d: ReportDescriptor): Finding {
  const setting = config.rules[rule.id];
  return {
    ruleId: rule.id,
    severity: (setting !== 'off' ? setting : undefined) ?? d.severity ?? rule.defaultSeverity,
    message: d.message,
    span: d.span,
    fixes: d.fixes ?? [],
  };
}

/** Runs every enabled rule on every policy of a document; findings sorted by position. */
export function validateDocument(doc: AnalysedDocument, config: TrustConfig, options: ValidationOptions = {}): Finding[] {
  const rules = (options.rules ?? ALL_RULES).filter((r) => config.rules[r.id] !== 'off');
  const style = commentStyleOf(doc);
  const fixable = options.suppressionFixes ? suppressionFixStyle(doc, style) : undefined;
  const findings: Finding[] = [];
  for (const source of doc.policies) {
    for (const rule of rules) {
      try {
        rule.check({
          policy: source.policy,
          source,
          config,
          text: doc.text,
          report: (d) => {
            const finding = toFinding(rule, config, d);
            if (fixable?.(source, d.span.offset) && !UNSUPPRESSIBLE[rule.id]) finding.fixes.push(suppressLineFix(doc.text, style, d.span.offset, rule.id));
            findings.push(finding);
          },
        });
      } catch (e) {
        options.onRuleError?.(rule.id, e);
      }
    }
  }
  return withSuppressions(doc, style, findings.sort(byPosition), config, rules);
}

/**
 * Drops the findings `iam-trust-ignore` comments cover (docs/suppressions.md) and adds what
 * suppression-unused says about the comments, once every rule has run on the file.
 */
function withSuppressions(doc: AnalysedDocument, style: CommentStyle, findings: Finding[], config: TrustConfig, rules: readonly Rule[]): Finding[] {
  const directives = doc.policies.length ? findSuppressions(doc.text, style) : [];
  if (directives.length === 0) return findings;
  const lines = new LineIndex(doc.text);
  const outcome = applySuppressions(findings, directives, lines, (id) => !UNSUPPRESSIBLE[id]);
  const ran = new Set(rules.map((r) => r.id));
  const reports = ran.has(suppressionUnused.id)
    ? suppressionProblems({
        text: doc.text,
        directives,
        used: outcome.used,
        knownRuleIds: ALL_RULE_IDS,
        ran: (id) => ran.has(id),
        judgeUnused: doc.policies.every((p) => p.syntaxProblems.length === 0),
        lineName: (line) => `line ${line + 1}`,
      })
    : [];
  const result = [...outcome.kept, ...reports.map((d) => toFinding(suppressionUnused, config, d))].sort(byPosition);
  suppressedByResult.set(result, outcome.suppressed);
  return result;
}
