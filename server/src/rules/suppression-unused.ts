import { ReportDescriptor, Rule } from './types';
import { DIRECTIVE, REASON_PLACEHOLDER, removeRuleIdFix, RuleIdReference, SuppressionDirective } from '../suppressions';
import { closest } from '../util/closest';

export const RULE_ID = 'suppression-unused';

/**
 * An `iam-trust-ignore` comment that does not do what it says (docs/suppressions.md): it names no
 * rule that fires on the line it covers, names a rule that does not exist or cannot be
 * suppressed, cannot be read, or gives no reason.
 *
 * It judges the other rules' findings, so it cannot run beside them on one policy: its `check`
 * does nothing, and validation.ts calls `suppressionProblems` once every rule has run on the file.
 */
export const rule: Rule = {
  id: RULE_ID,
  group: 'H',
  defaultSeverity: 'warning',
  description: 'An `iam-trust-ignore` comment that suppresses nothing (no such finding on its line, an unknown rule id), cannot be read, or gives no reason.',
  check() {
    // Reported by validation.ts after the other rules: see suppressionProblems.
  },
};

/** Rules whose findings no comment silences. */
export const UNSUPPRESSIBLE: Record<string, string> = {
  'json-syntax': 'a file that does not parse cannot be checked at all; fix the syntax instead',
  [RULE_ID]: `a suppression cannot excuse another; remove the comment, or turn ${RULE_ID} off in .iam-trust.json`,
};

export interface SuppressionReview {
  text: string;
  directives: readonly SuppressionDirective[];
  /** Rule id references that suppressed a finding. */
  used: ReadonlySet<RuleIdReference>;
  /** Every rule id of the catalogue. */
  knownRuleIds: readonly string[];
  /**
   * Whether a rule ran on this file: a suppression is only judged unused against a rule that ran
   * (one turned off in the settings may be on for a colleague or in CI).
   */
  ran: (ruleId: string) => boolean;
  /** False while the file has syntax problems: rules may not have seen all of it. */
  judgeUnused: boolean;
  /** 0-based line → what a message calls it. */
  lineName: (line: number) => string;
}

function unknownIdReport(text: string, directive: SuppressionDirective, ref: RuleIdReference, known: readonly string[]): ReportDescriptor {
  const suggestion = closest(ref.id, known);
  const fixes = suggestion
    ? [{ title: `Change to ${suggestion}`, edits: [{ span: ref.span, newText: suggestion }] }]
    : [removeRuleIdFix(text, directive, ref, `Remove ${ref.id} from the suppression`)];
  return {
    span: ref.span,
    message:
      `"${ref.id}" is not an IAM Trust rule, so this comment suppresses nothing. ` +
      (suggestion ? `Did you mean "${suggestion}"?` : 'The rule ids are the diagnostic codes, listed in the README.'),
    fixes,
  };
}

function unusedReport(review: SuppressionReview, directive: SuppressionDirective, ref: RuleIdReference): ReportDescriptor {
  const where = directive.lines
    ? directive.lines.first === directive.lines.last
      ? review.lineName(directive.lines.first)
      : `${review.lineName(directive.lines.first)} to ${review.lineName(directive.lines.last)}`
    : undefined;
  return {
    span: ref.span,
    message: where
      ? `This comment suppresses ${ref.id}, but ${ref.id} reports nothing on ${where}. Remove it (the problem it excused is gone), or put it just above the line the finding starts on.`
      : `This comment suppresses ${ref.id} on the next line, but no line follows it. Remove it, or put it just above the line the finding starts on.`,
    fixes: [removeRuleIdFix(review.text, directive, ref, `Remove the unused suppression of ${ref.id}`)],
  };
}

/** What is wrong with each directive of a file; nothing for those that work and give a reason. */
export function suppressionProblems(review: SuppressionReview): ReportDescriptor[] {
  const reports: ReportDescriptor[] = [];
  for (const directive of review.directives) {
    if (directive.malformed) {
      reports.push({
        span: directive.comment,
        message: `This ${DIRECTIVE} comment cannot be read, so it suppresses nothing. Write the rule ids, comma-separated, then a colon and the reason: "${DIRECTIVE} principal-any: ${REASON_PLACEHOLDER}".`,
      });
      continue;
    }
    for (const ref of directive.ruleIds) {
      if (!review.knownRuleIds.includes(ref.id)) reports.push(unknownIdReport(review.text, directive, ref, review.knownRuleIds));
      else if (UNSUPPRESSIBLE[ref.id]) reports.push({ span: ref.span, message: `${ref.id} cannot be suppressed: ${UNSUPPRESSIBLE[ref.id]}.` });
      else if (review.judgeUnused && review.ran(ref.id) && !review.used.has(ref)) reports.push(unusedReport(review, directive, ref));
    }
    if (!directive.reason) {
      const ids = directive.ruleIds.map((r) => r.id).join(', ');
      reports.push({
        span: directive.comment,
        message: `Give the reason for suppressing ${ids} after a colon: "${DIRECTIVE} ${ids}: <reason>". The suppression applies, but without a reason a reviewer cannot tell an accepted risk from a silenced one.`,
      });
    }
  }
  return reports;
}
