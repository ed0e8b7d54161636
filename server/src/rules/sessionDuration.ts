import type { PolicySource, RoleFacts } from '../documents';
import { Node } from '../model/ast';
import { Principal, TrustPolicy } from '../model/policy';
import { TextEdit } from './types';

/**
 * What the group D (session duration) rules share. The facts (../shared/trust-checks.md, D and
 * "Limits worth knowing"; ../shared/aws-sts-iam-wire.md §6, from the IAM API model and the IAM
 * User Guide): a role's MaxSessionDuration is 3,600-43,200 seconds, 3,600 when not set; a role
 * session that assumes another role (role chaining) is capped at one hour; MaxSessionDuration
 * does not limit sessions assumed by AWS services.
 */
export const MIN_MAX_SESSION_SECONDS = 3600;
export const MAX_MAX_SESSION_SECONDS = 43200;
export const DEFAULT_MAX_SESSION_SECONDS = 3600;
export const ROLE_CHAINING_CAP_SECONDS = 3600;

/** Every role that uses this policy (one Terraform policy document may serve several). */
export function rolesOf(source: PolicySource): RoleFacts[] {
  return source.role ? [source.role, ...(source.moreRoles ?? [])] : [];
}

/** The property as the role's format spells it. */
export function durationKey(role: RoleFacts): string {
  return role.origin === 'terraform' ? 'max_session_duration' : 'MaxSessionDuration';
}

/**
 * The number of seconds a node says: a number, or a numeric string (CloudFormation converts
 * `"7200"`). Undefined when unknown (`!Ref`, `var.x`) or not a number at all.
 */
export function secondsOf(node: Node | undefined): number | undefined {
  if (!node) return undefined;
  if (node.kind === 'number') return node.value;
  if (node.kind === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(node.value)) return Number(node.value);
  return undefined;
}

/** `7,200 seconds (2 hours)`. */
export function describeSeconds(seconds: number): string {
  const hours = seconds / 3600;
  const h = Number.isInteger(hours) ? String(hours) : hours.toFixed(2).replace(/0+$/, '');
  return `${seconds.toLocaleString('en-US')} seconds (${h} hour${hours === 1 ? '' : 's'})`;
}

/** Replaces the duration's value with a number, written the same in JSON, YAML and HCL. */
export function setSeconds(node: Node, seconds: number): TextEdit {
  return { span: node.span, newText: String(seconds) };
}

/** Principals of the Allow statements, and whether some of them cannot be known. */
export function allowedPrincipals(policy: TrustPolicy): { principals: Principal[]; incomplete: boolean } {
  const list = policy.statementProperty?.value;
  // A statement known only at deploy time (a Terraform `dynamic "statement"`) may trust anyone.
  let incomplete = !!list && (list.kind === 'unknown' || (list.kind === 'array' && list.items.some((i) => i.kind !== 'object')));
  const principals: Principal[] = [];
  for (const s of policy.statements) {
    if (s.effect === 'Allow') principals.push(...s.principals);
    else if (!s.effect && s.effectProperty) incomplete = true;
    if (s.notPrincipalProperty) incomplete = true;
  }
  return { principals, incomplete };
}
