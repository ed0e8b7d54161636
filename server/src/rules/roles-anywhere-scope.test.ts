import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './roles-anywhere-scope';

const anywhere = { Service: 'rolesanywhere.amazonaws.com' };
const actions = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
const stmt = (Condition?: unknown, Effect = 'Allow') => ({ Effect, Principal: anywhere, Action: actions, ...(Condition ? { Condition } : {}) });
const anchor = 'arn:aws:rolesanywhere:eu-west-1:210987654321:trust-anchor/6e3b1c2a-4f5d-4e6a-9b8c-7d0e1f2a3b4c';

ruleTester(rule, {
  valid: [
    policy(stmt({ ArnEquals: { 'aws:SourceArn': anchor } })),
    policy(stmt({ StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'build-agent-01' } })),
    { name: 'a certificate pattern that names something', code: policy(stmt({ StringLike: { 'aws:PrincipalTag/x509Subject/OU': 'payments-*' } })) },
    { name: 'a Deny that refuses other anchors', code: policy(stmt(), stmt({ ArnNotEquals: { 'aws:SourceArn': anchor } }, 'Deny')) },
    { name: 'other services', code: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    { name: 'no condition', code: policy(stmt()), errors: [{ text: '"rolesanywhere.amazonaws.com"', message: ['Any certificate that any trust anchor of this account accepts', 'aws:SourceArn', 'x509Subject/CN'], severity: 'warning' }] },
    { name: 'only the account', code: policy(stmt({ StringEquals: { 'aws:SourceAccount': '210987654321' } })), errors: [{ text: '"rolesanywhere.amazonaws.com"' }] },
    { name: 'every anchor of the account', code: policy(stmt({ ArnLike: { 'aws:SourceArn': 'arn:aws:rolesanywhere:*:210987654321:trust-anchor/*' } })), errors: [{ text: '"rolesanywhere.amazonaws.com"' }] },
    { name: 'any common name', code: policy(stmt({ StringLike: { 'aws:PrincipalTag/x509Subject/CN': '*' } })), errors: [{ text: '"rolesanywhere.amazonaws.com"' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time anchor', code: policy(stmt({ ArnEquals: { 'aws:SourceArn': '${aws_rolesanywhere_trust_anchor.ci.arn}' } })) },
  { name: 'a deploy-time Condition', code: policy(stmt('${var.condition}')) },
]);
