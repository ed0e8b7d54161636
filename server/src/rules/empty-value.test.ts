import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { VENDOR_STATEMENT } from './groupA.testing';
import { rule } from './empty-value';

const vendor = VENDOR_STATEMENT;

ruleTester(rule, {
  valid: [
    policy(vendor),
    { name: 'an empty Action list is action-missing\'s', code: policy({ ...vendor, Action: [] }) },
    { name: 'an empty string value is another rule\'s', code: policy({ ...vendor, Condition: { StringEquals: { 'sts:ExternalId': '' } } }) },
  ],
  invalid: [
    { code: compactPolicy({ ...vendor, Principal: {} }), errors: [{ text: '{}', message: ['An empty Principal names nobody', 'no effect'], severity: 'hint' }] },
    { name: 'an empty principal list', code: compactPolicy({ ...vendor, Principal: { AWS: [] } }), errors: [{ text: '[]', message: 'An empty list of "AWS" principals' }] },
    { name: 'an empty Condition', code: compactPolicy({ ...vendor, Condition: {} }), errors: [{ text: '{}', message: ['An empty Condition has no effect', 'no condition'] }] },
    { name: 'an empty operator', code: compactPolicy({ ...vendor, Condition: { StringEquals: {} } }), errors: [{ text: '{}', message: '"StringEquals" holds no condition keys' }] },
    { name: 'an empty value list', code: compactPolicy({ ...vendor, Condition: { StringEquals: { 'sts:ExternalId': [] } } }), errors: [{ text: '[]', message: '"sts:ExternalId" has an empty list of values' }] },
    { name: 'an empty Sid', code: compactPolicy({ ...vendor, Sid: '' }), errors: [{ text: '""', message: 'An empty Sid has no effect' }] },
    { name: 'an empty NotPrincipal', code: compactPolicy({ ...vendor, Principal: undefined, NotPrincipal: {} }), errors: [{ text: '{}', message: 'An empty NotPrincipal' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'principals from a variable', code: compactPolicy({ ...vendor, Principal: { AWS: '${var.trusted_arns}' } }) },
  { name: 'conditions from a variable', code: compactPolicy({ ...vendor, Condition: '${local.conditions}' }) },
  { name: 'condition values from a variable', code: compactPolicy({ ...vendor, Condition: { StringEquals: { 'sts:ExternalId': '${var.external_id}' } } }) },
]);
