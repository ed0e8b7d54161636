import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './session-name-unconstrained';

const alice = 'arn:aws:iam::210987654321:user/alice';
const okta = 'arn:aws:iam::210987654321:saml-provider/Okta';
const stmt = (Principal: unknown, Action: unknown = 'sts:AssumeRole', Condition?: unknown, Effect = 'Allow') => ({ Effect, Principal, Action, ...(Condition ? { Condition } : {}) });

ruleTester(rule, {
  valid: [
    policy(stmt({ AWS: alice }, 'sts:AssumeRole', { StringEquals: { 'sts:RoleSessionName': '${aws:username}' } })),
    policy(stmt({ Federated: okta }, ['sts:AssumeRoleWithSAML', 'sts:SetSourceIdentity'], { StringLike: { 'sts:SourceIdentity': '*@acme-corp.example' } })),
    { name: 'roles and accounts are not people', code: policy(stmt({ AWS: ['arn:aws:iam::210987654321:role/Deploy', '210987654321'] })) },
    { name: 'services and OIDC workloads are not people', code: policy(stmt({ Service: 'ec2.amazonaws.com' }), stmt({ Federated: 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com' }, 'sts:AssumeRoleWithWebIdentity')) },
    { name: 'a Deny that refuses other session names', code: policy(stmt({ AWS: alice }), stmt({ AWS: alice }, 'sts:AssumeRole', { StringNotEquals: { 'sts:RoleSessionName': 'alice' } }, 'Deny')) },
  ],
  invalid: [
    {
      name: 'an IAM user',
      code: policy(stmt({ AWS: [alice, 'arn:aws:iam::210987654321:role/Deploy'] })),
      errors: [{ text: `"${alice}"`, message: ['IAM user alice picks any session name', 'CloudTrail', '"sts:RoleSessionName": "${aws:username}"'], severity: 'hint' }],
    },
    { name: 'a SAML provider', code: policy(stmt({ Federated: okta }, 'sts:AssumeRoleWithSAML')), errors: [{ text: `"${okta}"`, message: ['SAML provider Okta', 'sts:SourceIdentity'] }] },
    { name: 'an unrelated condition', code: policy(stmt({ AWS: alice }, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })), errors: [{ text: `"${alice}"` }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time Condition', code: policy(stmt({ AWS: alice }, 'sts:AssumeRole', '${var.condition}')) },
  { name: 'a deploy-time principal', code: policy(stmt({ AWS: '${var.user_arn}' })) },
]);
