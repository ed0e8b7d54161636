import { Node } from '../model/ast';
import { ConditionEntry, parseOperator, Principal, Statement, TrustPolicy } from '../model/policy';
import {
  classifyAccount,
  conditionValues,
  describeAccountZone,
  describeNarrowing,
  narrowingsFor,
  zoneOfTrustConfigured,
} from '../model/zoneOfTrust';
import { TrustConfig } from '../config';
import { parseAwsPrincipal, parseFederatedPrincipal } from '../aws/principals';
import { lookupServicePrincipal } from '../aws/services';
import { IdentityProvider, providerForIssuer, samlProvider } from '../aws/oidcProviders';

/**
 * What trust-policy elements mean for who can assume the role, in words: shared by completion
 * (item documentation) and hover, so both say the same thing.
 */

export const ELEMENT_DOCS: Record<string, string> = {
  Version: 'The policy language version. Write `2012-10-17`: without it IAM uses `2008-10-17`, where policy variables such as `${aws:username}` are not replaced.',
  Id: 'An optional name for the policy. IAM ignores it.',
  Statement: 'The statements. A caller can assume the role when an `Allow` statement matches it and no `Deny` statement does.',
  Sid: 'A label for the statement (letters and digits). It changes nothing about who can assume the role; it names the statement in messages and reviews.',
  Effect: '`Allow` lets the statement\'s principals assume the role; `Deny` refuses them even when another statement allows them.',
  Principal: 'Who may assume the role: AWS accounts, roles and users (`AWS`), AWS services (`Service`), or users of an identity provider (`Federated`).',
  NotPrincipal: 'Everyone *except* the listed principals. A role trust policy cannot use it: IAM rejects the policy.',
  Action: 'What the principals may do with the role: `sts:AssumeRole` for AWS principals and services, `sts:AssumeRoleWithWebIdentity` for OIDC providers, `sts:AssumeRoleWithSAML` for SAML; `sts:TagSession` and `sts:SetSourceIdentity` let them pass session tags and a source identity.',
  NotAction: 'Every action *except* the listed ones. In a trust policy that silently grants every other STS action, including the federated ones: prefer `Action`.',
  Condition: 'Requirements the request must meet: every key must match (keys are AND-ed; the values of one key are OR-ed). This is where a broad principal is narrowed (organization, ExternalId, repository, source account).',
  Resource: 'A role trust policy cannot have `Resource`: the role itself is the resource. IAM rejects the policy.',
  NotResource: 'A role trust policy cannot have `NotResource`: IAM rejects the policy.',
};

export const PRINCIPAL_TYPE_DOCS: Record<string, string> = {
  AWS: 'IAM principals: an account (`123456789012` or `arn:aws:iam::123456789012:root`: every role and user there whose own policies allow it), a role, a user, a role session, or `*` (anyone).',
  Service: 'An AWS service, by its service principal (`ecs-tasks.amazonaws.com`). The service assumes the role to act for you; `aws:SourceAccount`/`aws:SourceArn` conditions stop it from acting for other accounts.',
  Federated: 'Users of an identity provider: the ARN of an IAM OIDC provider (GitHub Actions, GitLab, EKS...) or SAML provider, or `cognito-identity.amazonaws.com`, `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`. Without a condition on the provider\'s claims, anyone holding a token from that issuer can assume the role.',
  CanonicalUser: 'An S3 canonical user id. It does not belong in a role trust policy.',
};

export const EFFECT_DOCS: Record<string, string> = {
  Allow: 'The principals of this statement can assume the role when its conditions hold (principals of other accounts also need their own identity policy to allow it).',
  Deny: 'The principals of this statement cannot assume the role when its conditions hold, whatever any Allow statement says.',
};

export const VERSION_DOCS: Record<string, string> = {
  '2012-10-17': 'The current policy language: policy variables such as `${aws:username}` are replaced.',
  '2008-10-17': 'The old policy language: policy variables such as `${aws:username}` are taken literally. Use `2012-10-17`.',
};

/** What each trust action lets a principal do; the other STS actions are not granted in a trust policy. */
export const TRUST_ACTION_DOCS: Record<string, string> = {
  AssumeRole: 'Get credentials for this role. The action for AWS principals (accounts, roles, users) and service principals.',
  AssumeRoleWithWebIdentity: 'Get credentials for this role with a token from an OIDC or web identity provider (GitHub Actions, GitLab, EKS service accounts, Cognito, Google...).',
  AssumeRoleWithSAML: 'Get credentials for this role with a SAML assertion from a SAML identity provider (console sign-in through your IdP).',
  TagSession: 'Pass session tags when assuming the role. Needed by EKS Pod Identity, IAM Roles Anywhere and IdPs that send tags; tags can feed attribute-based access, so grant it only to callers trusted to set them.',
  SetSourceIdentity: 'Set a source identity on the session, which follows it through role chaining and shows in CloudTrail. Needed by IAM Roles Anywhere and IdPs that send it.',
  SetContext: 'Set session context keys from a trusted context provider.',
};

// ---------------------------------------------------------------------------------------------
// Effects in words

/**
 * A policy's statements by their Effect. Besides Allow and Deny: no Effect at all, or one that is
 * neither (IAM rejects the policy either way: IAM User Guide, reference_policies_elements_effect),
 * and a value known only at deploy time, which may well be right.
 */
export interface StatementsByEffect {
  allow: Statement[];
  deny: Statement[];
  missing: Statement[];
  invalid: Statement[];
  deployTime: Statement[];
}

export function statementsByEffect(statements: readonly Statement[]): StatementsByEffect {
  const groups: StatementsByEffect = { allow: [], deny: [], missing: [], invalid: [], deployTime: [] };
  for (const s of statements) {
    const value = s.effectProperty?.value;
    if (s.effect === 'Allow') groups.allow.push(s);
    else if (s.effect === 'Deny') groups.deny.push(s);
    else if (!value) groups.missing.push(s);
    else if (value.kind === 'unknown') groups.deployTime.push(s);
    else groups.invalid.push(s);
  }
  return groups;
}

/** How hover and the code lens head the statements that neither allow nor deny. */
export const UNDECIDED_EFFECT_HEADINGS = {
  missing: 'No Effect, so IAM rejects the policy',
  invalid: 'Effect neither Allow nor Deny, so IAM rejects the policy',
  deployTime: 'Effect known only at deploy time',
} as const;

export const UNDECIDED_EFFECTS = Object.keys(UNDECIDED_EFFECT_HEADINGS) as (keyof typeof UNDECIDED_EFFECT_HEADINGS)[];

// ---------------------------------------------------------------------------------------------
// Conditions in words

function valuesText(c: ConditionEntry): string {
  const values = conditionValues(c).map((v) => (v.text !== undefined ? `\`${v.text}\`` : deployTimeText(v.node)));
  if (values.length === 0) return c.valueNode ? deployTimeText(c.valueNode) : '(no value)';
  return values.join(' or ');
}

/** How an unknown value reads in hover text. */
export function deployTimeText(node: Node): string {
  return node.kind === 'unknown' && node.text ? `\`${node.text}\` (known only at deploy time)` : 'a value known only at deploy time';
}

/** One condition as a short requirement: "requires ExternalId", "sub `repo:acme/app:*`". */
export function requirementText(c: ConditionEntry): string {
  const key = c.key.toLowerCase();
  const op = parseOperator(c.operator);
  const optional = op.ifExists ? ' (if present)' : '';
  const negated = /^(StringNot|ArnNot|NumericNot|DateNot|NotIp)/i.test(op.base) ? 'not ' : '';
  switch (key) {
    case 'sts:externalid':
      return `requires ExternalId${optional}`;
    case 'aws:principalorgid':
      return `requires ${negated}organization ${valuesText(c)}${optional}`;
    case 'aws:principalorgpaths':
      return `requires ${negated}organization path ${valuesText(c)}${optional}`;
    case 'aws:principalarn':
      return `requires ${negated}principal ARN ${valuesText(c)}${optional}`;
    case 'aws:principalaccount':
      return `requires ${negated}account ${valuesText(c)}${optional}`;
    case 'aws:sourceaccount':
      return `only for resources of ${negated}account ${valuesText(c)}${optional}`;
    case 'aws:sourcearn':
      return `only for ${negated}${valuesText(c)}${optional}`;
    case 'aws:multifactorauthpresent':
      return op.base.toLowerCase() === 'bool' && conditionValues(c).some((v) => v.text === 'true') ? `requires MFA${optional}` : `${c.key} ${valuesText(c)}${optional}`;
  }
  const colon = c.key.indexOf(':');
  const claim = colon > 0 && providerForIssuer(c.key.slice(0, colon)) ? c.key.slice(colon + 1) : c.key;
  return `${claim} ${negated}${valuesText(c)}${optional}`;
}

// ---------------------------------------------------------------------------------------------
// Principals in words

export type Tightness =
  | 'anyone'
  | 'whole account'
  | 'specific role'
  | 'specific user'
  | 'specific session'
  | 'service'
  | 'identity provider'
  | 'nobody'
  | 'invalid'
  | 'unknown';

export interface PrincipalExplanation {
  /** Short, for the policy summary: "role CIPipelineRole in 111111111111". */
  short: string;
  /** Who exactly can assume through this principal, in sentences. */
  who: string;
  tightness: Tightness;
  /** Where the account stands in the zone of trust, when the principal names one. */
  zone?: string;
}

function accountZoneText(account: string, config: TrustConfig, statement: Statement, policy: TrustPolicy): string {
  const zone = classifyAccount(account, config, statement, policy);
  let text = `Account ${account}: ${describeAccountZone(zone)}.`;
  if (zone === 'unknown' && !zoneOfTrustConfigured(config)) {
    text += ' IAM Trust cannot tell your accounts from third parties until you list them: set `ownAccountIds` (and `partnerAccountIds`) in `.iam-trust.json`.';
  }
  return text;
}

function narrowingText(policy: TrustPolicy, statement: Statement): string | undefined {
  if (statement.effect !== 'Allow') return undefined;
  const narrowings = narrowingsFor(policy, statement);
  if (narrowings.length === 0) return undefined;
  return `Narrowed by the conditions to ${narrowings.map((n) => describeNarrowing(n.condition)).join(', and ')}.`;
}

export function explainPrincipal(principal: Principal, statement: Statement, policy: TrustPolicy, config: TrustConfig): PrincipalExplanation {
  const value = principal.value;
  if (value === undefined) {
    return { short: 'a principal known only at deploy time', who: `This principal is ${deployTimeText(principal.node)}: IAM Trust cannot say whom it names.`, tightness: 'unknown' };
  }
  const narrowed = narrowingText(policy, statement);
  const withNarrowing = (text: string) => (narrowed ? `${text} ${narrowed}` : text);
  switch (principal.type) {
    case '*':
      return { short: 'anyone (`"Principal": "*"`)', who: withNarrowing('Everyone: any AWS principal of any account, and anonymous callers. Write `{"AWS": "*"}` and narrow it with a condition.'), tightness: 'anyone' };
    case 'AWS':
      return explainAws(value, statement, policy, config, withNarrowing);
    case 'Service':
      return explainService(value, statement);
    case 'Federated':
      return explainFederated(value, statement);
    default:
      return { short: `${principal.type} principal`, who: `\`${principal.type}\` is not a principal type of a role trust policy (AWS, Service, Federated).`, tightness: 'invalid' };
  }
}

function explainAws(value: string, statement: Statement, policy: TrustPolicy, config: TrustConfig, withNarrowing: (t: string) => string): PrincipalExplanation {
  const parsed = parseAwsPrincipal(value);
  const zone = parsed.account ? accountZoneText(parsed.account, config, statement, policy) : undefined;
  if (parsed.wildcard && parsed.kind !== 'wildcard') {
    return { short: `\`${value}\` (wildcard)`, who: 'IAM matches no wildcard inside a principal: only the whole value `*` means anyone. Name the role, or trust the account and narrow it with an `ArnLike` `aws:PrincipalArn` condition.', tightness: 'invalid', zone };
  }
  switch (parsed.kind) {
    case 'wildcard':
      return {
        short: 'anyone (`{"AWS": "*"}`)',
        who: withNarrowing('Anyone with AWS credentials, in any AWS account.') + (narrowingsFor(policy, statement).length ? '' : ' Nothing in the conditions narrows it.'),
        tightness: 'anyone',
      };
    case 'account':
      return {
        short: `account ${parsed.account} (whole account)`,
        who: withNarrowing(`Every role and user in account ${parsed.account} whose own IAM policies allow \`sts:AssumeRole\` on this role: the administrators of that account decide who.${value.endsWith(':root') ? ' (`:root` means the whole account, not its root user.)' : ''}`),
        tightness: 'whole account',
        zone,
      };
    case 'role':
      return { short: `role ${parsed.name} in ${parsed.account}`, who: withNarrowing(`Only the role \`${parsed.name}\` in account ${parsed.account}, through sessions of it.`), tightness: 'specific role', zone };
    case 'user':
      return { short: `user ${parsed.name} in ${parsed.account}`, who: withNarrowing(`Only the IAM user \`${parsed.name}\` in account ${parsed.account} (long-lived credentials).`), tightness: 'specific user', zone };
    case 'assumed-role':
      return { short: `a session of role ${parsed.name} in ${parsed.account}`, who: withNarrowing(`Only this one session of role \`${parsed.name}\` in account ${parsed.account}.`), tightness: 'specific session', zone };
    case 'federated-user':
      return { short: `a federated user in ${parsed.account}`, who: withNarrowing(`Only this federated user session of account ${parsed.account}.`), tightness: 'specific session', zone };
    case 'unique-id':
      return { short: `deleted principal ${value}`, who: 'A unique id: IAM shows a principal this way after it was deleted. Nobody can assume through it, and recreating the principal by name does not restore the trust.', tightness: 'nobody' };
    default:
      return { short: `invalid principal \`${value}\``, who: `Not a valid AWS principal: ${parsed.problem ?? 'unrecognised form'}.`, tightness: 'invalid', zone };
  }
}

function hasConditionOn(statement: Statement, ...keys: string[]): boolean {
  return statement.conditions.some((c) => keys.includes(c.key.toLowerCase()));
}

function explainService(value: string, statement: Statement): PrincipalExplanation {
  const found = lookupServicePrincipal(value);
  const name = found.kind === 'known' || found.kind === 'wrong-case' ? found.info.service : undefined;
  const guarded = hasConditionOn(statement, 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths');
  const scope = guarded
    ? 'Only on behalf of the resources the `aws:Source...` conditions name.'
    : 'On behalf of whoever configures it to use this role; add `aws:SourceAccount`/`aws:SourceArn` so it acts only for your own resources (the confused deputy).';
  const what = name ? `The AWS service ${name} (\`${value}\`)` : `\`${value}\`, which IAM Trust's service catalogue does not know,`;
  return { short: `service ${value}`, who: `${what} assumes this role to act for you. ${scope}`, tightness: 'service' };
}

/** The identity provider a Federated principal names, and its issuer as written in condition keys. */
export function federatedIssuer(value: string): { issuer: string; provider?: IdentityProvider; account?: string } | undefined {
  const parsed = parseFederatedPrincipal(value);
  switch (parsed.kind) {
    case 'oidc':
      return { issuer: parsed.host, provider: providerForIssuer(parsed.host), account: parsed.account };
    case 'web-identity':
      return { issuer: parsed.provider, provider: providerForIssuer(parsed.provider) };
    case 'saml':
      return { issuer: 'SAML', provider: samlProvider(), account: parsed.account };
    default:
      return undefined;
  }
}

function explainFederated(value: string, statement: Statement): PrincipalExplanation {
  const parsed = parseFederatedPrincipal(value);
  if (parsed.kind === 'invalid') return { short: `invalid provider \`${value}\``, who: `Not a valid federated principal: ${parsed.problem}.`, tightness: 'invalid' };
  const { issuer, provider, account } = federatedIssuer(value)!;
  const claims = statement.conditions.filter((c) => c.key.toLowerCase().startsWith(`${issuer.toLowerCase()}:`));
  const tenancyKey = provider ? `${issuer}:${provider.tenancyClaim}`.toLowerCase() : undefined;
  const tenancy = claims.filter((c) => c.key.toLowerCase() === tenancyKey);
  const where = account ? ` through the identity provider in account ${account}` : '';
  const name = provider?.name ?? `the OIDC issuer \`${issuer}\``;
  if (parsed.kind === 'saml') {
    return {
      short: `SAML provider ${parsed.name} in ${parsed.account}`,
      who: `Users your SAML identity provider \`${parsed.name}\` (account ${parsed.account}) signs in and maps to this role.${claims.length ? ` Required: ${claims.map(requirementText).join('; ')}.` : ''}`,
      tightness: 'identity provider',
    };
  }
  let who = `Holders of a token from ${name}${where}.`;
  if (claims.length) who += ` Required: ${claims.map(requirementText).join('; ')}.`;
  if (provider?.sharedIssuer && tenancy.length === 0) {
    who += ` Nothing checks \`${issuer}:${provider.tenancyClaim}\`: every customer of ${provider.name} can get such a token, so any of them can assume this role.`;
  } else if (!provider && claims.length === 0) {
    who += ' No condition checks its claims: any token the issuer signs works.';
  }
  return { short: `${provider?.name ?? issuer} tokens`, who, tightness: 'identity provider' };
}
