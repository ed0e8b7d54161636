import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './principal-redundant-session';

const trust = (...aws: string[]) => policy({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' });
const role = 'arn:aws:iam::348201957364:role/Deploy';
const session = 'arn:aws:sts::348201957364:assumed-role/Deploy/ci-run';

ruleTester(rule, {
  valid: [
    trust(session),
    trust(role, 'arn:aws:sts::348201957364:assumed-role/Other/ci-run'),
    { name: 'same role name in another account', code: trust(role, 'arn:aws:sts::572913468025:assumed-role/Deploy/ci-run') },
    {
      name: 'separate statements may carry separate conditions',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: role }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
        { Effect: 'Allow', Principal: { AWS: session }, Action: 'sts:AssumeRole' },
      ),
    },
  ],
  invalid: [
    { code: trust(role, session), errors: [{ text: JSON.stringify(session), message: ['already covered', role, 'Remove'], severity: 'hint' }] },
    { name: 'role with a path, session listed first', code: trust(session, 'arn:aws:iam::348201957364:role/ci/Deploy'), errors: [{ text: JSON.stringify(session) }] },
  ],
});

describe('rule principal-redundant-session with values known only at deploy time', () => {
  it('stays quiet when the role is not literal', () => assertQuietWithUnknowns(rule, trust('${aws_iam_role.deploy.arn}', session)));
});
