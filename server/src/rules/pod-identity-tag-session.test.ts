import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { cloudFormationRole } from '../testing/statementDocuments';
import { rule } from './pod-identity-tag-session';

const pods = { Service: 'pods.eks.amazonaws.com' };
const stmt = (Action: unknown, Principal: unknown = pods, Effect = 'Allow') => ({ Effect, Principal, Action });

ruleTester(rule, {
  valid: [
    policy(stmt(['sts:AssumeRole', 'sts:TagSession'])),
    { name: 'a wildcard grants both', code: policy(stmt('sts:*')) },
    { name: 'spread over two statements', code: policy(stmt('sts:AssumeRole'), stmt('sts:TagSession')) },
    { name: 'other services', code: policy(stmt('sts:AssumeRole', { Service: 'ec2.amazonaws.com' })) },
    { name: 'no Action is action-missing\'s', code: policy({ Effect: 'Allow', Principal: pods }) },
  ],
  invalid: [
    {
      name: 'the IRSA habit: AssumeRole only',
      code: policy(stmt('sts:AssumeRole')),
      errors: [{ text: '"pods.eks.amazonaws.com"', message: ['session tags', 'without sts:TagSession', 'every pod that uses this role fails', 'Add sts:TagSession to Action'], severity: 'error' }],
    },
    { name: 'TagSession only', code: policy(stmt(['sts:TagSession'])), errors: [{ text: '"pods.eks.amazonaws.com"', message: 'without sts:AssumeRole' }] },
    { name: 'with another service in the statement', code: policy(stmt('sts:AssumeRole', { Service: ['eks.amazonaws.com', 'pods.eks.amazonaws.com'] })), errors: [{ text: '"pods.eks.amazonaws.com"' }] },
    {
      name: 'in CloudFormation YAML (no fix: the fix writes JSON)',
      filePath: 'template.yaml',
      code: cloudFormationRole(['- Effect: Allow', '  Principal:', '    Service: pods.eks.amazonaws.com', '  Action: sts:AssumeRole'], 'PodRole'),
      errors: [{ text: 'pods.eks.amazonaws.com' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time action', code: policy(stmt(['sts:AssumeRole', '${var.extra_action}'])) },
  { name: 'another statement with a deploy-time principal may grant TagSession', code: policy(stmt('sts:AssumeRole'), stmt('sts:TagSession', { Service: '${var.service}' })) },
  { name: 'a deploy-time effect', code: policy(stmt('sts:AssumeRole'), stmt('sts:TagSession', pods, '${var.effect}')) },
]);

describe('rule pod-identity-tag-session quick fix', () => {
  it('turns a single action into a list with sts:TagSession, and the result is quiet', () => {
    const after = fixed(policy(stmt('sts:AssumeRole')), rule);
    assert.deepStrictEqual(JSON.parse(after), JSON.parse(policy(stmt(['sts:AssumeRole', 'sts:TagSession']))));
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('adds to a list one item a line, in its layout', () => {
    const code = policy(stmt(['sts:AssumeRole']));
    const after = fixed(code, rule);
    assert.ok(after.includes('"sts:AssumeRole",\n        "sts:TagSession"\n'), after);
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('adds both when both are missing', () => {
    const after = fixed(JSON.stringify({ Version: '2012-10-17', Statement: [stmt(['sts:SetSourceIdentity'])] }), rule);
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Action, ['sts:SetSourceIdentity', 'sts:AssumeRole', 'sts:TagSession']);
  });
});
