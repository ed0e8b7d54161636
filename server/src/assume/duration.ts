import { CallerIdentity, isRoleChaining } from './identity';

/**
 * DurationSeconds checks made before calling STS, with the reason in words. Limits from
 * aws-sts-iam-wire.md §1.1 and §6: 900-43,200 seconds; at most the role's MaxSessionDuration
 * (3,600-43,200, default 3,600); at most 3,600 when the caller is itself a role session (role
 * chaining), except EC2 instance-profile sessions.
 */

export const MIN_DURATION = 900;
export const MAX_DURATION = 43_200;
export const CHAINING_CAP = 3_600;
export const DEFAULT_DURATION = 3_600;

export type DurationProblemKind = 'range' | 'role-maximum' | 'chaining';

export interface DurationProblem {
  kind: DurationProblemKind;
  /** The most this request may ask for, given this limit. */
  limit: number;
  message: string;
}

export interface DurationFacts {
  seconds: number;
  caller: CallerIdentity;
  /** The role's MaxSessionDuration, when iam:GetRole told it. */
  maxSessionDuration?: number;
}

/** "2 hours", "1 hour 30 minutes", "45 minutes". */
export function humanDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h && `${h} hour${h === 1 ? '' : 's'}`, m && `${m} minute${m === 1 ? '' : 's'}`, s && `${s} second${s === 1 ? '' : 's'}`].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 seconds';
}

/** The 900-43,200 range alone: needs nothing from AWS, so it is checked before any call. */
export function durationRangeProblem(seconds: number): DurationProblem | undefined {
  if (Number.isInteger(seconds) && seconds >= MIN_DURATION && seconds <= MAX_DURATION) return undefined;
  return {
    kind: 'range',
    limit: Math.min(Math.max(Number.isFinite(seconds) ? Math.round(seconds) : DEFAULT_DURATION, MIN_DURATION), MAX_DURATION),
    message: `${seconds} seconds is not a session duration STS accepts: DurationSeconds must be a whole number from ${MIN_DURATION} (15 minutes) to ${MAX_DURATION} (12 hours).`,
  };
}

export function checkDuration({ seconds, caller, maxSessionDuration }: DurationFacts): DurationProblem[] {
  const range = durationRangeProblem(seconds);
  if (range) return [range];
  const problems: DurationProblem[] = [];
  if (isRoleChaining(caller) && seconds > CHAINING_CAP) {
    problems.push({
      kind: 'chaining',
      limit: CHAINING_CAP,
      message:
        `You are signed in as a role session (${caller.arn}); assuming another role from it is role chaining, ` +
        `which AWS caps at 1 hour whatever the role allows. Ask for at most ${CHAINING_CAP} seconds, or assume the role from long-term credentials.`,
    });
  }
  if (maxSessionDuration !== undefined && seconds > maxSessionDuration) {
    problems.push({
      kind: 'role-maximum',
      limit: maxSessionDuration,
      message:
        `${seconds} seconds (${humanDuration(seconds)}) is longer than the role's MaxSessionDuration of ${maxSessionDuration} seconds (${humanDuration(maxSessionDuration)}). ` +
        `Ask for at most ${maxSessionDuration}, or raise the role's MaxSessionDuration (up to ${MAX_DURATION}).`,
    });
  }
  return problems;
}
