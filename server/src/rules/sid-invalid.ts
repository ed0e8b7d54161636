import { Rule } from './types';
import { replaceWord } from './grammar';

/** IAM User Guide (reference_policies_elements_sid): a Sid holds only A-Z, a-z and 0-9. */
const OUTSIDE = /[^A-Za-z0-9]/g;

/** `allow-github_deploy` → `AllowGithubDeploy`: drops what IAM refuses, keeping word boundaries readable. */
export function cleanSid(sid: string): string {
  return sid
    .split(OUTSIDE)
    .filter((w) => w.length > 0)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function describe(ch: string): string {
  if (ch === ' ') return 'space';
  if (/\s/.test(ch)) return 'white space';
  return `"${ch}"`;
}

export const rule: Rule = {
  id: 'sid-invalid',
  group: 'A',
  defaultSeverity: 'error',
  description: '`Sid` with characters outside `[A-Za-z0-9]`.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      const value = statement.sid?.value;
      if (value?.kind !== 'string') continue;
      const bad = [...new Set(value.value.match(OUTSIDE) ?? [])];
      if (bad.length === 0) continue;
      const clean = cleanSid(value.value);
      report({
        span: value.span,
        message: `IAM rejects the policy: a Sid may hold only letters A-Z, a-z and digits 0-9, and "${value.value}" has ${bad.map(describe).join(', ')}.${clean ? ` Write "${clean}".` : ' Use letters and digits only.'}`,
        fixes: clean ? [{ title: `Change to "${clean}"`, preferred: true, edits: [replaceWord(text, value.span, clean)] }] : undefined,
      });
    }
  },
};
