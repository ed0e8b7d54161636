import { Rule } from './types';
import { audienceRegExps } from '../aws/oidcProviders';
import { isJson } from './grammar';
import { addConditionFix, claimKey, conditionsUnreadable, FederatedTrust, hasWildcard, judgedValues, refusedUnlessClaim, requiringConditions, trustsOf } from './federation';
import { matchesEverything, patternMatches } from './subjectForms';
import { replaceStringValue } from './trustPrincipals';

/**
 * A SAML principal without `SAML:aud`, or with a value other than an AWS sign-in SAML endpoint
 * (trust-checks.md, F). `SAML:aud` is the Recipient the assertion was posted to
 * (IAM User Guide, "Configure SAML assertions for the authentication response"):
 * `https://signin.aws.amazon.com/saml`, a regional `https://REGION.signin.aws.amazon.com/saml`,
 * with `/acs/IDP-ID` when the provider encrypts assertions. The accepted forms are data
 * (server/data/oidc-providers.json, `audiencePatterns` of the SAML entry).
 */
export const rule: Rule = {
  id: 'saml-aud',
  group: 'F',
  defaultSeverity: 'warning',
  description: 'A SAML principal without a `SAML:aud` condition, or with a value other than the AWS sign-in SAML endpoint.',
  check({ policy, source, text, report }) {
    for (const trust of trustsOf(policy, 'saml')) {
      const provider = trust.provider!;
      const key = claimKey(trust, 'aud');
      const endpoint = signInEndpoint(trust);
      const patterns = audienceRegExps(provider);
      const accepted = (value: string) => patterns.some((re) => re.test(value));
      if (requiringConditions(trust, 'aud').length === 0) {
        if (conditionsUnreadable(trust.statement) || refusedUnlessClaim(policy, trust, ['aud']) !== false) continue;
        const fix = endpoint && isJson(source) ? addConditionFix(text, trust.statement, key, endpoint, `Add "${key}": "${endpoint}"`) : undefined;
        report({
          span: trust.principal.node.span,
          message:
            `Nothing checks "${key}": an assertion from this identity provider is accepted whatever endpoint it was issued for. ` +
            (endpoint
              ? `Add "StringEquals": {"${key}": "${endpoint}"} (and the regional sign-in endpoints your provider posts to, if any).`
              : `Add "StringEquals": {"${key}": "<the sign-in SAML endpoint of your partition>"}.`),
          fixes: fix && [fix],
        });
        continue;
      }
      for (const v of judgedValues(trust, 'aud')) {
        const wildcard = v.pattern && hasWildcard(v);
        if (wildcard && matchesEverything(v.text)) {
          report({ span: v.node.span, message: `"${v.text}" matches every endpoint, so this condition restricts nothing. Write the AWS sign-in SAML endpoint${endpoint ? `, "${endpoint}"` : ''}.` });
          continue;
        }
        const fits = wildcard ? SAMPLE_ENDPOINTS.some((e) => patternMatches(v.text, e, true, v.ignoreCase)) : accepted(v.ignoreCase ? v.text.toLowerCase() : v.text);
        if (fits) continue;
        const meant = nearestEndpoint(v.text, accepted);
        const edit = meant ? replaceStringValue(text, v.node, meant) : undefined;
        report({
          span: v.node.span,
          message:
            `"${v.text}" is not an AWS sign-in SAML endpoint, so no assertion matches: SAML:aud is the endpoint the assertion was posted to, ` +
            `"https://signin.aws.amazon.com/saml" or "https://REGION.signin.aws.amazon.com/saml"${meant ? `. Write "${meant}"` : ''}.` +
            (/[*?]/.test(v.text) && !v.pattern ? ` (${v.condition.operator} compares "*" and "?" literally.)` : ''),
          fixes: edit ? [{ title: `Write "${meant}"`, preferred: true, edits: [edit] }] : undefined,
        });
      }
    }
  },
};

/** Endpoints a pattern is tried against: the global one and a few regional ones, in each partition. */
const SAMPLE_ENDPOINTS = ['', 'us-east-1.', 'us-west-2.', 'eu-west-1.', 'ap-southeast-2.'].flatMap((r) => [
  `https://${r}signin.aws.amazon.com/saml`,
  `https://${r}signin.amazonaws.cn/saml`,
]);

/** The global sign-in endpoint of the provider's partition, when the table knows it. */
function signInEndpoint(trust: FederatedTrust): string | undefined {
  if (trust.partition === 'aws') return 'https://signin.aws.amazon.com/saml';
  if (trust.partition === 'aws-cn') return 'https://signin.amazonaws.cn/saml';
  return undefined;
}

/** The endpoint a near miss meant: `http://`, a trailing `/`, upper case. */
function nearestEndpoint(value: string, accepted: (v: string) => boolean): string | undefined {
  const candidate = value.trim().toLowerCase().replace(/^http:\/\//, 'https://').replace(/\/+$/, '');
  return candidate !== value && accepted(candidate) ? candidate : undefined;
}
