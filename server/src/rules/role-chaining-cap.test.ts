import { ruleTester } from '../testing/ruleTester';
import { rule } from './role-chaining-cap';
import { roleTemplate, TEMPLATE } from './sessionDuration.testing';

const ROLE = '{ AWS: arn:aws:iam::210987654321:role/Pipeline }';
const SESSION = '{ AWS: arn:aws:sts::210987654321:assumed-role/Pipeline/build }';
const case_ = (maxSessionDuration: string | undefined, principal: string, extraStatement?: string) => ({
  code: roleTemplate({ maxSessionDuration, principal, extraStatement }),
  filePath: TEMPLATE,
});
const statement = (principal: string, effect = 'Allow') =>
  [`          - Effect: ${effect}`, `            Principal: ${principal}`, '            Action: sts:AssumeRole'].join('\n');

ruleTester(rule, {
  valid: [
    { ...case_('3600', ROLE), name: 'one hour is what chaining allows' },
    { ...case_(undefined, ROLE), name: 'not set: the default is one hour' },
    { ...case_('7200', '{ AWS: arn:aws:iam::210987654321:user/ci }'), name: 'a user is not a role session' },
    { ...case_('7200', '{ AWS: "210987654321" }'), name: 'a whole account may call with user or SSO credentials' },
    { ...case_('7200', '{ Service: ec2.amazonaws.com }'), name: 'services are not limited by MaxSessionDuration' },
    { ...case_('7200', '{ Federated: arn:aws:iam::210987654321:saml-provider/Okta }'), name: 'federated users are not chained' },
    { ...case_('7200', ROLE, statement('{ AWS: arn:aws:iam::210987654321:user/ci }')), name: 'one principal that is not a role is enough' },
    { ...case_('7200', '{ AWS: !GetAtt Pipeline.Arn }'), name: 'an unknown principal may be anything' },
    { ...case_('7200', ROLE, '          - !If [IsProd, {Effect: Allow, Principal: {AWS: "1"}, Action: sts:AssumeRole}, !Ref AWS::NoValue]'), name: 'a statement known at deploy time only' },
    { ...case_('!Ref Duration', ROLE), name: 'an unknown duration' },
    { ...case_('86400', ROLE), name: 'out of range: max-session-duration-range says so' },
  ],
  invalid: [
    {
      ...case_('7200', ROLE),
      errors: [{ text: '7200', message: ['MaxSessionDuration allows 7,200 seconds (2 hours)', 'role chaining caps the session at 1 hour', 'EC2 instance-profile'], severity: 'warning' }],
    },
    { ...case_('43200', SESSION), name: 'an assumed-role session', errors: [{ text: '43200' }] },
    { ...case_('14400', ROLE, statement('{ AWS: "*" }', 'Deny')), name: 'a Deny statement trusts nobody', errors: [{ text: '14400' }] },
  ],
});
