import { AwsFault } from './xml';

/**
 * Server-side input validation with the service's own wording (aws-sts-iam-wire.md §3): the SDK
 * checks no lengths or patterns, so bad values reach the endpoint and must be refused here.
 */

export interface StringRule {
  /** The member name as the message spells it: camelCase (`roleSessionName`). */
  member: string;
  value: string | undefined;
  required?: boolean;
  min?: number;
  max?: number;
  /** Anchored test; `patternText` is what the message shows. */
  pattern?: RegExp;
  patternText?: string;
}

export interface NumberRule {
  member: string;
  value: string | undefined;
  min: number;
  max: number;
}

function problem(value: string | undefined, member: string, constraint: string): string {
  const shown = value === undefined ? 'null' : `'${value}'`;
  return `Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
}

export function stringProblems(rule: StringRule): string[] {
  const { value, member } = rule;
  if (value === undefined) return rule.required ? [problem(value, member, 'Member must not be null')] : [];
  const out: string[] = [];
  const length = [...value].length;
  if (rule.min !== undefined && length < rule.min) out.push(problem(value, member, `Member must have length greater than or equal to ${rule.min}`));
  if (rule.max !== undefined && length > rule.max) out.push(problem(value, member, `Member must have length less than or equal to ${rule.max}`));
  if (rule.pattern && !rule.pattern.test(value)) out.push(problem(value, member, `Member must satisfy regular expression pattern: ${rule.patternText}`));
  return out;
}

export function numberProblems(rule: NumberRule): string[] {
  const { value, member } = rule;
  if (value === undefined) return [];
  const n = Number(value);
  if (!Number.isInteger(n)) return [problem(value, member, 'Member must be an integer')];
  if (n < rule.min) return [problem(value, member, `Member must have value greater than or equal to ${rule.min}`)];
  if (n > rule.max) return [problem(value, member, `Member must have value less than or equal to ${rule.max}`)];
  return [];
}

/** Throws the combined ValidationError ("2 validation errors detected: …; …") when there are problems. */
export function throwIfInvalid(problems: string[]): void {
  if (problems.length === 0) return;
  const n = problems.length;
  throw new AwsFault(400, 'ValidationError', `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
}

/** `[\w+=,.@-]*`: RoleSessionName and SourceIdentity (wire doc §1.1). */
export const SESSION_NAME_PATTERN = { pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' };
/** `[\w+=,.@:\/-]*`: ExternalId. */
export const EXTERNAL_ID_PATTERN = { pattern: /^[\w+=,.@:/-]*$/, patternText: '[\\w+=,.@:\\/-]*' };
