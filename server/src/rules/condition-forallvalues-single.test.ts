import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './condition-forallvalues-single';

const github = { Federated: 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com' };
const sub = 'token.actions.githubusercontent.com:sub';
const gh = (Condition: unknown) => ({ Effect: 'Allow', Principal: github, Action: 'sts:AssumeRoleWithWebIdentity', Condition });
const aws = (Condition: unknown, Effect = 'Allow') => ({ Effect, Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition });

ruleTester(rule, {
  valid: [
    policy(aws({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'], 'sts:TransitiveTagKeys': ['team'] } })),
    policy(aws({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } })),
    { name: 'Cognito amr is a list', code: policy({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { 'ForAllValues:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }) },
    { name: 'a key whose type is not known', code: policy(aws({ 'ForAllValues:StringEquals': { 'sso.acme-corp.example:groups': 'x' } })) },
    policy(gh({ StringLike: { [sub]: 'repo:acme-corp/api:*' } })),
  ],
  invalid: [
    {
      name: 'the GitHub subject',
      code: policy(gh({ 'ForAllValues:StringLike': { [sub]: 'repo:acme-corp/api:*' } })),
      errors: [{ text: `"${sub}"`, message: ['holds a single value', 'no token.actions.githubusercontent.com:sub at all', 'passes this condition', 'Write "StringLike"'], severity: 'warning' }],
    },
    { name: 'in a Deny', code: policy(aws({ 'ForAllValues:StringNotEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, 'Deny'), aws({})), errors: [{ text: '"aws:PrincipalOrgID"', message: ['This Deny therefore also applies', 'Write "StringNotEquals"'] }] },
  ],
});

unknownValueTester(rule, [{ name: 'a deploy-time value does not change the key', code: policy(gh({ 'ForAllValues:StringLike': { [sub]: '${var.subject}' } })), errors: [{ text: `"${sub}"` }] }, { name: 'a deploy-time block', code: policy(gh({ 'ForAllValues:StringLike': '${var.subjects}' })) }]);

describe('rule condition-forallvalues-single quick fix', () => {
  it('removes the prefix, keeping IfExists, and the result is quiet', () => {
    const after = fixed(compactPolicy(gh({ 'ForAllValues:StringLikeIfExists': { [sub]: 'repo:acme-corp/api:*' } })), rule);
    assert.strictEqual(after, compactPolicy(gh({ StringLikeIfExists: { [sub]: 'repo:acme-corp/api:*' } })));
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('offers no fix when the block also holds a multivalued key', () => {
    const [finding] = lint(compactPolicy(aws({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:TagKeys': 'team' } })), rule);
    assert.deepStrictEqual(finding.fixes, []);
  });
});
