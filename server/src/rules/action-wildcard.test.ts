import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './action-wildcard';

const role = { AWS: 'arn:aws:iam::210987654321:role/Deploy' };
const acting = (Action: string | string[], Principal: object = role) => policy({ Effect: 'Allow', Principal, Action });

ruleTester(rule, {
  valid: [acting(['sts:AssumeRole', 'sts:TagSession']), { name: 'a pattern that matches nothing is action-unknown\'s', code: acting('sts:Get*') }],
  invalid: [
    {
      name: 'sts:* for a role: names what it adds',
      code: acting('sts:*'),
      errors: [{ text: '"sts:*"', message: ['allows sts:AssumeRole, which these principals use, but also', 'sts:TagSession', 'sts:SetContext', 'List the actions instead: "sts:AssumeRole"'], severity: 'warning' }],
    },
    { name: 'bare *', code: acting('*'), errors: [{ text: '"*"', message: 'sts:AssumeRoleWithWebIdentity' }] },
    {
      name: 'a pattern for a SAML provider',
      code: acting('sts:AssumeRole*', { Federated: 'arn:aws:iam::210987654321:saml-provider/Okta' }),
      errors: [{ text: '"sts:AssumeRole*"', message: ['allows sts:AssumeRoleWithSAML, which these principals use, but also sts:AssumeRole, sts:AssumeRoleWithWebIdentity', '"sts:AssumeRoleWithSAML"'] }],
    },
    {
      name: 'a pattern matching only what is used: a hint to write it out',
      code: acting('sts:AssumeRoleWithWeb*', { Federated: 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com' }),
      errors: [{ text: '"sts:AssumeRoleWithWeb*"', message: 'matches only what these principals use', severity: 'hint' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'action from a variable', code: acting('${var.actions}') },
  { name: 'principal from a variable: still a wildcard action', code: acting('sts:*', { AWS: '${var.trusted}' }), errors: [{ text: '"sts:*"', message: 'allows sts:AssumeRole, sts:AssumeRoleWithSAML' }] },
]);
