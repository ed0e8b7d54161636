import { Rule } from './types';
import {
  allowedPrincipals,
  DEFAULT_MAX_SESSION_SECONDS,
  describeSeconds,
  durationKey,
  MAX_MAX_SESSION_SECONDS,
  MIN_MAX_SESSION_SECONDS,
  rolesOf,
  secondsOf,
  setSeconds,
} from './sessionDuration';

/**
 * Credentials of a role session expire after at most the role's MaxSessionDuration (3,600 when
 * not set; ../shared/aws-sts-iam-wire.md §6). A pipeline that runs longer than that loses its
 * credentials mid-deployment. The expected length is the user's setting `expectedSessionSeconds`;
 * 0 (the default) turns the check off. MaxSessionDuration does not limit sessions assumed by AWS
 * services, so a role trusted only by services is left alone.
 */
export const rule: Rule = {
  id: 'session-duration-short',
  group: 'D',
  defaultSeverity: 'information',
  description: 'MaxSessionDuration below the pipeline length set in expectedSessionSeconds: credentials would expire mid-deployment.',
  check({ source, policy, config, report }) {
    const expected = config.expectedSessionSeconds;
    if (!expected || expected <= 0) return;
    // Only callers whose sessions MaxSessionDuration limits: AWS identities and federated users.
    const { principals } = allowedPrincipals(policy);
    if (!principals.some((p) => p.type === 'AWS' || p.type === 'Federated')) return;
    for (const role of rolesOf(source)) {
      const node = role.maxSessionDuration;
      const key = durationKey(role);
      const seconds = node ? secondsOf(node) : DEFAULT_MAX_SESSION_SECONDS;
      // Unknown, or out of range (max-session-duration-range says so): nothing to compare.
      if (seconds === undefined || seconds < MIN_MAX_SESSION_SECONDS || seconds > MAX_MAX_SESSION_SECONDS || seconds >= expected) continue;
      const has = node ? `${key} is ${describeSeconds(seconds)}` : `${key} is not set, so sessions last at most ${describeSeconds(DEFAULT_MAX_SESSION_SECONDS)}`;
      const need = `the ${describeSeconds(expected)} a deployment is expected to take (expectedSessionSeconds): credentials would expire mid-deployment`;
      const advice =
        expected > MAX_MAX_SESSION_SECONDS
          ? `No role session can last more than ${describeSeconds(MAX_MAX_SESSION_SECONDS)}: refresh the credentials during the run, or split it.`
          : `Set ${key} to at least ${expected} and ask for that DurationSeconds.`;
      const fixable = node && expected <= MAX_MAX_SESSION_SECONDS;
      report({
        span: node ? node.span : role.span,
        message: `${has}, shorter than ${need}. ${advice}`,
        fixes: fixable ? [{ title: `Set ${key} to ${expected}`, edits: [setSeconds(node, expected)] }] : undefined,
      });
    }
  },
};
