import { Rule } from './types';
import { durationKey, MAX_MAX_SESSION_SECONDS, MIN_MAX_SESSION_SECONDS, rolesOf, secondsOf, setSeconds } from './sessionDuration';

/**
 * MaxSessionDuration accepts 3,600-43,200 whole seconds (IAM API model, CreateRole/UpdateRole;
 * ../shared/aws-sts-iam-wire.md §6): anything else makes the deployment fail.
 */
export const rule: Rule = {
  id: 'max-session-duration-range',
  group: 'D',
  defaultSeverity: 'error',
  description: "A role's MaxSessionDuration outside 3,600-43,200 seconds: IAM rejects the role.",
  check({ source, report }) {
    for (const role of rolesOf(source)) {
      const node = role.maxSessionDuration;
      const seconds = secondsOf(node);
      if (!node || seconds === undefined) continue;
      const key = durationKey(role);
      const range = `${MIN_MAX_SESSION_SECONDS.toLocaleString('en-US')} to ${MAX_MAX_SESSION_SECONDS.toLocaleString('en-US')} seconds (1 to 12 hours)`;
      if (!Number.isInteger(seconds)) {
        const rounded = Math.min(MAX_MAX_SESSION_SECONDS, Math.max(MIN_MAX_SESSION_SECONDS, Math.round(seconds)));
        report({
          span: node.span,
          message: `${key} must be a whole number of seconds from ${range}; IAM rejects ${seconds}.`,
          fixes: [{ title: `Set ${key} to ${rounded}`, preferred: true, edits: [setSeconds(node, rounded)] }],
        });
        continue;
      }
      if (seconds >= MIN_MAX_SESSION_SECONDS && seconds <= MAX_MAX_SESSION_SECONDS) continue;
      const low = seconds < MIN_MAX_SESSION_SECONDS;
      const bound = low ? MIN_MAX_SESSION_SECONDS : MAX_MAX_SESSION_SECONDS;
      report({
        span: node.span,
        message: low
          ? `${key} ${seconds} is below the minimum: IAM accepts ${range}, so creating or updating the role fails. A session shorter than an hour is asked for by the caller with DurationSeconds (900 or more); write at least ${MIN_MAX_SESSION_SECONDS} here.`
          : `${key} ${seconds} is above the maximum: IAM accepts ${range}, so creating or updating the role fails. Write at most ${MAX_MAX_SESSION_SECONDS} (12 hours).`,
        fixes: [{ title: `Set ${key} to ${bound}`, preferred: true, edits: [setSeconds(node, bound)] }],
      });
    }
  },
};
