import { AnalysedDocument } from './documents';
import { TrustConfig } from './config';
import { Finding, Rule } from './rules/types';
import { ALL_RULES } from './rules';

export interface ValidationOptions {
  rules?: readonly Rule[];
  /** Where a rule's own bug is reported; a broken rule never takes the others down. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/** Runs every enabled rule on every policy of a document; findings sorted by position. */
export function validateDocument(doc: AnalysedDocument, config: TrustConfig, options: ValidationOptions = {}): Finding[] {
  const rules = options.rules ?? ALL_RULES;
  const findings: Finding[] = [];
  for (const source of doc.policies) {
    for (const rule of rules) {
      const setting = config.rules[rule.id];
      if (setting === 'off') continue;
      try {
        rule.check({
          policy: source.policy,
          source,
          config,
          text: doc.text,
          report: (d) =>
            findings.push({
              ruleId: rule.id,
              severity: setting ?? d.severity ?? rule.defaultSeverity,
              message: d.message,
              span: d.span,
              fixes: d.fixes ?? [],
            }),
        });
      } catch (e) {
        options.onRuleError?.(rule.id, e);
      }
    }
  }
  return findings.sort((a, b) => a.span.offset - b.span.offset || a.ruleId.localeCompare(b.ruleId));
}
