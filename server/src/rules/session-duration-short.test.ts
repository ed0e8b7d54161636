import { ruleTester } from '../testing/ruleTester';
import { rule } from './session-duration-short';
import { roleTemplate, TEMPLATE } from './sessionDuration.testing';

const expect2h = { expectedSessionSeconds: 7200 };
const case_ = (maxSessionDuration: string | undefined, principal?: string) => ({ code: roleTemplate({ maxSessionDuration, principal }), filePath: TEMPLATE, config: expect2h });

ruleTester(rule, {
  valid: [
    { code: roleTemplate({ maxSessionDuration: '3600' }), filePath: TEMPLATE, name: 'off when expectedSessionSeconds is not set' },
    { ...case_('3600'), config: { expectedSessionSeconds: 0 }, name: 'off when 0' },
    { ...case_('7200'), name: 'exactly as long as the pipeline' },
    { ...case_('43200') },
    { ...case_('3600', '{ Service: codebuild.amazonaws.com }'), name: 'services are not limited by MaxSessionDuration' },
    { ...case_('!Ref Duration'), name: 'unknown duration' },
    { ...case_('900'), name: 'out of range: max-session-duration-range says so' },
    { code: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "210987654321"}, "Action": "sts:AssumeRole"}]}', config: expect2h, name: 'a plain policy has no role facts' },
  ],
  invalid: [
    {
      ...case_('3600'),
      errors: [{ text: '3600', message: ['MaxSessionDuration is 3,600 seconds (1 hour)', 'the 7,200 seconds (2 hours) a deployment is expected to take', 'Set MaxSessionDuration to at least 7200'], severity: 'information' }],
    },
    {
      ...case_(undefined),
      name: 'not set: the one-hour default, reported on the role',
      errors: [{ text: 'DeployRole', message: 'MaxSessionDuration is not set, so sessions last at most 3,600 seconds (1 hour)' }],
    },
    {
      ...case_('43200', '{ Federated: arn:aws:iam::210987654321:saml-provider/Okta }'),
      config: { expectedSessionSeconds: 50000 },
      name: 'longer than any session can be',
      errors: [{ text: '43200', message: 'No role session can last more than 43,200 seconds' }],
    },
  ],
});
