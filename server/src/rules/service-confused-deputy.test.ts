import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './service-confused-deputy';
import { SERVICE_PRINCIPAL_EXCEPTIONS } from './serviceGuards';

const svc = (Service: unknown, Condition?: unknown, Effect = 'Allow') => ({ Effect, Principal: { Service }, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}) });
const account = { StringEquals: { 'aws:SourceAccount': '210987654321' } };

ruleTester(rule, {
  valid: [
    policy(svc('events.amazonaws.com', account)),
    policy(svc('scheduler.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:scheduler:eu-west-1:210987654321:schedule/*' } })),
    { name: 'IfExists still ties the requests that carry the key', code: policy(svc('events.amazonaws.com', { StringEqualsIfExists: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } })) },
    { name: 'services used through iam:PassRole (data)', code: policy(svc(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'])) },
    { name: 'services that send no source keys (data)', code: policy(svc('elastictranscoder.amazonaws.com')) },
    { name: 'Roles Anywhere is roles-anywhere-scope\'s', code: policy(svc('rolesanywhere.amazonaws.com')) },
    { name: 'a Deny that refuses other accounts', code: policy(svc('events.amazonaws.com'), svc('events.amazonaws.com', { StringNotEquals: { 'aws:SourceAccount': '210987654321' } }, 'Deny')) },
    { name: 'unknown services are service-principal-unknown\'s', code: policy(svc('evnts.amazonaws.com')) },
  ],
  invalid: [
    {
      name: 'no source condition',
      code: policy(svc(['events.amazonaws.com', 'lambda.amazonaws.com'])),
      errors: [{ text: '"events.amazonaws.com"', message: ['Nothing ties events.amazonaws.com\'s request', 'confused deputy', 'aws:SourceAccount', '<your account id>'], severity: 'information' }],
    },
    { name: 'a catch-all source account', code: policy(svc('events.amazonaws.com', { StringLike: { 'aws:SourceAccount': '*' } })), errors: [{ text: '"events.amazonaws.com"' }] },
    { name: 'a source ARN of any account', code: policy(svc('events.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:*:rule/*' } })), errors: [{ text: '"events.amazonaws.com"' }] },
    { name: 'a regional form', code: policy(svc('logs.eu-west-1.amazonaws.com')), errors: [{ text: '"logs.eu-west-1.amazonaws.com"', message: 'logs.amazonaws.com' }] },
    { name: 'names the own account when there is one', code: policy(svc('events.amazonaws.com')), config: { ownAccountIds: ['210987654321'] }, errors: [{ text: '"events.amazonaws.com"', message: '"aws:SourceAccount": "210987654321"' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time source account', code: policy(svc('events.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.current.account_id}' } })) },
  { name: 'a deploy-time Condition', code: policy(svc('events.amazonaws.com', '${var.condition}')) },
  { name: 'a deploy-time service', code: policy(svc('${var.service}')) },
]);

describe('rule service-confused-deputy', () => {
  it('adds the own account as aws:SourceAccount, and the result is quiet', () => {
    const config = { ownAccountIds: ['210987654321'] };
    const after = fixed(compactPolicy(svc('events.amazonaws.com')), rule, config);
    assert.deepStrictEqual(JSON.parse(after), JSON.parse(compactPolicy(svc('events.amazonaws.com', account))));
    assert.deepStrictEqual(lint(after, rule, config), []);
  });
  it('every exception names its source and kind', () => {
    for (const e of SERVICE_PRINCIPAL_EXCEPTIONS) {
      assert.ok(/^https:\/\//.test(e.source), e.principal);
      assert.ok(['passRole', 'noSourceKeys'].includes(e.kind), e.principal);
      assert.ok(['documented', 'reported'].includes(e.status), e.principal);
    }
  });
});
