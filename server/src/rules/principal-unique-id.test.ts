import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './principal-unique-id';

const trusting = (AWS: string | string[]) => policy({ Effect: 'Allow', Principal: { AWS }, Action: 'sts:AssumeRole' });

ruleTester(rule, {
  valid: [trusting(['arn:aws:iam::210987654321:role/Deploy', '210987654321'])],
  invalid: [
    { name: 'deleted role', code: trusting('AROA4EXAMPLE7EXAMPLE3'), errors: [{ text: '"AROA4EXAMPLE7EXAMPLE3"', message: ['IAM role that has been deleted', 'does not restore the trust'], severity: 'warning' }] },
    { name: 'deleted user among others', code: trusting(['arn:aws:iam::210987654321:role/Deploy', 'AIDA4EXAMPLE7EXAMPLE3']), errors: [{ text: '"AIDA4EXAMPLE7EXAMPLE3"', message: 'IAM user' }] },
  ],
});

unknownValueTester(rule, [{ name: 'role id from a variable', code: trusting('${aws_iam_role.deploy.unique_id}') }]);
