import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './service-condition-unsupported';

const stmt = (Principal: unknown, Condition: unknown, Effect = 'Allow') => ({ Effect, Principal, Action: 'sts:AssumeRole', Condition });
const events = { Service: 'events.amazonaws.com' };
const org = { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' };

ruleTester(rule, {
  valid: [
    policy(stmt(events, { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } })),
    { name: 'AWS principals have the key', code: policy(stmt({ AWS: 'arn:aws:iam::210987654321:root' }, { StringEquals: org })) },
    { name: 'a mixed statement: the AWS principal has the key', code: policy(stmt({ AWS: 'arn:aws:iam::210987654321:root', ...events }, { StringEquals: org })) },
    { name: 'Roles Anywhere has the certificate as principal tags', code: policy(stmt({ Service: 'rolesanywhere.amazonaws.com' }, { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent-01' } })) },
    { name: 'Null asks exactly whether the key is there', code: policy(stmt(events, { Null: { 'aws:PrincipalArn': 'true' } })) },
  ],
  invalid: [
    {
      name: 'the organization of a service principal',
      code: policy(stmt(events, { StringEquals: org })),
      errors: [{ text: '"aws:PrincipalOrgID"', message: ['(events.amazonaws.com) has no aws:PrincipalOrgID', 'nobody can assume the role', 'use aws:SourceOrgID'], severity: 'warning' }],
    },
    { name: 'principal ARN', code: policy(stmt({ Service: ['events.amazonaws.com', 'scheduler.amazonaws.com'] }, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/*' } })), errors: [{ text: '"aws:PrincipalArn"', message: 'aws:SourceArn' }] },
    { name: 'a tag, under IfExists: it restricts nothing (information)', code: policy(stmt(events, { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'x' } })), errors: [{ text: '"aws:PrincipalTag/team"', message: 'restricts nothing', severity: 'information' }] },
    { name: 'a Deny with a negated operator refuses the service', code: policy(stmt(events, { StringNotEquals: { 'aws:PrincipalAccount': '210987654321' } }, 'Deny'), stmt(events, {})), errors: [{ text: '"aws:PrincipalAccount"', message: 'this Deny applies to every caller it names', severity: 'warning' }] },
    { name: 'a Deny with a positive operator never applies (information)', code: policy(stmt(events, { StringEquals: { 'aws:PrincipalAccount': '999988887777' } }, 'Deny'), stmt(events, {})), errors: [{ text: '"aws:PrincipalAccount"', message: 'this Deny never applies', severity: 'information' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time second principal may be an AWS one', code: policy(stmt({ ...events, AWS: '${var.role_arn}' }, { StringEquals: org })) },
  { name: 'a deploy-time Principal', code: policy(stmt('${var.principal}', { StringEquals: org })) },
  { name: 'a deploy-time Null value', code: policy(stmt(events, { Null: { 'aws:PrincipalArn': '${var.absent}' } })) },
]);
