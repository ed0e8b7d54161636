import { ruleTester } from '../testing/ruleTester';
import { rule } from './json-syntax';

ruleTester(rule, {
  valid: ['{"Version": "2012-10-17", "Statement": []}', '{\n  // a comment a JSONC editor allows\n  "Version": "2012-10-17"\n}'],
  invalid: [
    { code: '{"Version": "2012-10-17",}', errors: [{ text: '}', message: 'property name' }] },
    { code: '{"Version" "2012-10-17"}', errors: [{ text: '"2012-10-17"', message: 'colon' }] },
  ],
});
