import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './condition-wildcard-without-like';

// A private issuer: its subjects are judged by this rule. The shared issuers' subject grammar
// (GitHub, GitLab...) belongs to oidc-sub-malformed, which knows when StringLike would be unsafe.
const issuer = { Federated: 'arn:aws:iam::210987654321:oidc-provider/auth.ci.example.com' };
const gh = (Condition: unknown, Effect = 'Allow', Principal: object = issuer) => ({ Effect, Principal, Action: 'sts:AssumeRoleWithWebIdentity', Condition });
const sub = 'auth.ci.example.com:sub';
const github = { Federated: 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com' };
const aws = (Condition: unknown, Effect = 'Allow') => ({ Effect, Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole', Condition });

ruleTester(rule, {
  valid: [
    policy(gh({ StringLike: { [sub]: 'repo:acme-corp/api:*' } })),
    policy(gh({ StringEquals: { [sub]: 'repo:acme-corp/api:ref:refs/heads/main' } })),
    {
      name: 'a GitHub subject is left to oidc-sub-malformed (one finding, no fix that opens the role to every repository)',
      code: policy(gh({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }, 'Allow', github)),
    },
    { name: 'IAM escapes for literal characters', code: policy(aws({ StringEquals: { 'aws:PrincipalTag/note': 'stars${*}and${?}' } })) },
    { name: 'patterns under ArnLike', code: policy(aws({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/ci-*' } })) },
  ],
  invalid: [
    {
      name: 'a wildcard under StringEquals',
      code: policy(gh({ StringEquals: { [sub]: ['repo:acme-corp/api:ref:refs/heads/main', 'repo:acme-corp/api:*'] } })),
      errors: [{ text: '"repo:acme-corp/api:*"', message: ['StringEquals compares "repo:acme-corp/api:*" literally', 'never the values the pattern was meant to cover', 'Use StringLike'], severity: 'warning' }],
    },
    { name: 'a ? under StringEqualsIgnoreCase', code: policy(aws({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'pay?ents' } })), errors: [{ text: '"pay?ents"' }] },
    {
      name: 'a negated operator lets everything through',
      code: policy(aws({ StringNotEquals: { 'aws:PrincipalTag/team': 'contractor-*' } }, 'Deny'), aws({})),
      errors: [{ text: '"contractor-*"', message: ['lets every other value through', 'StringNotLike'] }],
    },
    {
      name: 'ArnEquals matches wildcards too: information only',
      code: policy(aws({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/ci-*' } })),
      errors: [{ text: '"arn:aws:iam::210987654321:role/ci-*"', message: ['as it does under ArnLike', 'Write ArnLike'], severity: 'information' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time value', code: policy(gh({ StringEquals: { [sub]: '${var.subject}' } })) },
  { name: 'a deploy-time value beside a literal wildcard', code: policy(gh({ StringEquals: { [sub]: ['${var.subject}', 'repo:acme-corp/*'] } })), errors: [{ text: '"repo:acme-corp/*"' }] },
]);

describe('rule condition-wildcard-without-like quick fix', () => {
  it('changes StringEquals to StringLike, keeping the prefix and suffix, and the result is quiet', () => {
    const after = fixed(compactPolicy(gh({ 'ForAnyValue:StringEqualsIfExists': { [sub]: 'repo:acme-corp/api:*' } })), rule);
    assert.strictEqual(after, compactPolicy(gh({ 'ForAnyValue:StringLikeIfExists': { [sub]: 'repo:acme-corp/api:*' } })));
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('offers no fix for IgnoreCase, which has no Like twin', () => {
    const [finding] = lint(compactPolicy(aws({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'pay*' } })), rule);
    assert.deepStrictEqual(finding.fixes, []);
  });
});
