import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './sid-duplicate';

const ci = { Sid: 'CiDeploy', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/ci-runner' }, Action: 'sts:AssumeRole' };
const tag = { ...ci, Sid: 'CiTagSession', Action: 'sts:TagSession' };

ruleTester(rule, {
  valid: [policy(ci, tag), { name: 'no Sids', code: policy({ ...ci, Sid: undefined }, { ...tag, Sid: undefined }) }, { name: 'empty Sids are empty-value\'s', code: policy({ ...ci, Sid: '' }, { ...tag, Sid: '' }) }],
  invalid: [
    {
      code: compactPolicy(ci, { ...tag, Sid: 'CiDeploy' }),
      errors: [{ text: '"CiDeploy"', message: ['Statement 1 already has the Sid "CiDeploy"', 'rejects', 'e.g. "CiDeploy2"'], severity: 'error' }],
    },
    {
      name: 'each repeat is reported once',
      code: compactPolicy({ ...ci, Sid: 'A' }, { ...tag, Sid: 'B' }, { ...tag, Sid: 'A' }, { ...ci, Sid: 'B' }),
      errors: [{ text: '"A"', message: 'Statement 1' }, { text: '"B"', message: 'Statement 2' }],
    },
  ],
});

unknownValueTester(rule, [{ name: 'Sids from variables may differ', code: compactPolicy({ ...ci, Sid: '${var.sid}' }, { ...tag, Sid: '${var.sid}' }) }]);
