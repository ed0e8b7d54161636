import { Span } from '../model/ast';
import { TrustPolicy } from '../model/policy';
import { Severity, TrustConfig } from '../config';
import { PolicySource } from '../documents';

/** One text replacement of a quick fix, on the original file. */
export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Shown first among a diagnostic's fixes (the clear, safe one). */
  preferred?: boolean;
}

export interface ReportDescriptor {
  span: Span;
  message: string;
  /**
   * Condition-aware rules may speak more softly than their default (a hint instead of an error)
   * when the Condition narrows the risk. A severity the user configured always wins.
   */
  severity?: Severity;
  fixes?: Fix[];
}

export interface RuleContext {
  policy: TrustPolicy;
  source: PolicySource;
  config: TrustConfig;
  /** The whole file's text: fixes are edits of it. */
  text: string;
  report(descriptor: ReportDescriptor): void;
}

/** Groups of ../shared/trust-checks.md. */
export type RuleGroup = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';

export const GROUP_TITLES: Record<RuleGroup, string> = {
  A: 'Document grammar',
  B: 'What IAM accepts in a trust policy',
  C: 'Who can assume: principal scoping',
  D: 'Session duration',
  E: 'Conditions',
  F: 'Federation',
  G: 'Service principals',
  H: 'Session names and audit',
};

export interface Rule {
  /** Stable id: the diagnostic code, the module name and the docs page name. */
  id: string;
  group: RuleGroup;
  defaultSeverity: Severity;
  /** One sentence for the rule table and hover: what the rule detects. */
  description: string;
  check(context: RuleContext): void;
}

/** A problem found in a file, ready for any front end (LSP, CLI). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  span: Span;
  fixes: Fix[];
}
