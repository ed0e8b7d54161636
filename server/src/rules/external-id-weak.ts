import { Rule } from './types';
import { Statement, parseOperator } from '../model/policy';
import { accountsInPolicy, conditionsWithKey, conditionValues, hasWildcard, isNegatedOperator, isNullOperator, isWildcardOperator } from '../model/zoneOfTrust';

/**
 * ExternalId conditions that do not protect (trust-checks.md, C). The id is not a secret, but it
 * must be unique per customer; a placeholder or a guessable value is shared with everyone who
 * copied the same example.
 */

/** Placeholders seen in vendor guides and AWS examples, compared ignoring case and separators. */
const PLACEHOLDERS = new Set(
  ['external-id', 'externalid', 'external-id-value', 'your-external-id', 'my-external-id', 'unique-id', 'changeme', 'change-me', 'placeholder', 'example', 'test', 'secret', 'password', 'default', 'none', 'null', 'todo', 'xxx', 'abc', 'abc123', '123abc'].map(normalise),
);

/**
 * AWS services that pass an ExternalId when they assume a role (unconfirmed beyond this list):
 * Amazon Cognito user pools include the ExternalId configured for their SMS role.
 */
export const SERVICES_SENDING_EXTERNAL_ID = ['cognito-idp.amazonaws.com'];

function normalise(v: string): string {
  return v.toLowerCase().replace(/[-_ .]/g, '');
}

/** Why a literal external id is guessable, or undefined. */
export function guessableReason(value: string, accounts: Set<string>): string | undefined {
  const lower = value.toLowerCase();
  if (PLACEHOLDERS.has(normalise(value)) || /^(your|my)[-_]?(unique|external|customer)/.test(lower)) {
    return 'is a placeholder from an example';
  }
  if (accounts.has(value)) return 'is an account id that appears in this policy';
  if (value.length >= 2 && /^(.)\1+$/.test(value)) return 'repeats one character';
  if (value.length >= 2 && ['01234567890', '12345678901', '9876543210', 'abcdefghijklmnopqrstuvwxyz'].some((run) => run.startsWith(lower))) {
    return 'is a simple sequence';
  }
  return undefined;
}

/** Statements whose callers never send an ExternalId: only federated or service principals. */
function callersSendNoExternalId(s: Statement): 'Federated' | 'Service' | undefined {
  if (s.principals.length === 0 || s.principals.some((p) => p.value === undefined)) return undefined;
  if (s.principals.some((p) => p.type !== 'Service' && p.type !== 'Federated')) return undefined;
  if (s.principals.some((p) => p.type === 'Service' && SERVICES_SENDING_EXTERNAL_ID.includes((p.value as string).toLowerCase()))) return undefined;
  return s.principals.some((p) => p.type === 'Federated') ? 'Federated' : 'Service';
}

export const rule: Rule = {
  id: 'external-id-weak',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'A placeholder or guessable ExternalId, a wildcard, IfExists, a negated operator, or an ExternalId that its callers never send.',
  check({ policy, config, report }) {
    // Only literal ExternalId values are compared with the accounts: most statements have none.
    let accounts: Set<string> | undefined;
    const knownAccounts = () => (accounts ??= new Set([...accountsInPolicy(policy), ...config.ownAccountIds, ...config.partnerAccountIds]));
    for (const s of policy.statements) {
      // In a Deny, "StringNotEquals sts:ExternalId" is the strong form; only Allow statements are judged.
      if (s.effect !== 'Allow') continue;
      const noExternalId = callersSendNoExternalId(s);
      for (const c of conditionsWithKey(s, 'sts:ExternalId')) {
        if (isNullOperator(c.operator)) continue;
        if (noExternalId) {
          report({
            span: c.keySpan,
            message:
              noExternalId === 'Federated'
                ? 'Federated sign-ins (AssumeRoleWithSAML, AssumeRoleWithWebIdentity) carry no external id, so this condition can never match and blocks every caller of this statement. Remove it and narrow the caller with the provider\'s own claims (for example token.actions.githubusercontent.com:sub or SAML:aud).'
                : 'AWS services send no external id when they assume a role (Amazon Cognito\'s SMS role is the known exception), so this condition can never match and blocks the service. Remove it; protect a service role with aws:SourceAccount or aws:SourceArn instead.',
          });
          continue;
        }
        const op = parseOperator(c.operator);
        if (isNegatedOperator(c.operator)) {
          report({
            span: c.keySpan,
            message: `${c.operator} lets in every caller whose external id is anything else, including callers that send none: this condition protects nothing. Write "StringEquals": {"${c.key}": "<the id the vendor gave you>"}.`,
          });
          continue;
        }
        if (op.ifExists) {
          report({
            span: c.keySpan,
            message: `${c.operator} makes the external id optional: a caller that sends none passes, which is exactly what a confused deputy does. Use ${c.operator.slice(0, -'IfExists'.length)} instead.`,
          });
        }
        const wildcard = isWildcardOperator(c.operator);
        for (const v of conditionValues(c)) {
          if (v.text === undefined) continue;
          if (wildcard && hasWildcard(v.text)) {
            report({
              span: v.node.span,
              message: `Under ${c.operator} "${v.text}" is a pattern that matches ${v.text === '*' ? 'any external id at all' : 'many external ids'}, so a caller does not need to know yours. Use StringEquals with the exact id.`,
            });
            continue;
          }
          const reason = guessableReason(v.text, knownAccounts());
          if (reason) {
            report({
              span: v.node.span,
              message: `The external id "${v.text}" ${reason}: anyone can guess it, so it does not tell your vendor's customers apart. Use the unique id the vendor generated for you, or generate one (for example a UUID) and give it to them.`,
            });
          }
        }
      }
    }
  },
};
