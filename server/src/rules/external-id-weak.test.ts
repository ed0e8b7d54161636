import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './external-id-weak';

const VENDOR = 'arn:aws:iam::348201957364:root';
const GOOD = 'f3a9c1e2-7b44-4d0e-9a51-2c6d8e0b7f13';
const trust = (operator: string, value: unknown, principal: object = { AWS: VENDOR }, effect = 'Allow') =>
  policy({ Effect: effect, Principal: principal, Action: 'sts:AssumeRole', Condition: { [operator]: { 'sts:ExternalId': value } } });

ruleTester(rule, {
  valid: [
    trust('StringEquals', GOOD),
    trust('StringEquals', [GOOD, 'Acme-Prod-7Q2K']),
    { name: 'a refusal in a Deny is the strong form', code: trust('StringNotEquals', GOOD, { AWS: '*' }, 'Deny') },
    { name: 'Amazon Cognito sends the ExternalId of its SMS role', code: trust('StringEquals', GOOD, { Service: 'cognito-idp.amazonaws.com' }) },
    { name: 'AWS and service principals together', code: trust('StringEquals', GOOD, { AWS: VENDOR, Service: 'ec2.amazonaws.com' }) },
    { name: 'a 12-digit id that is no account of the policy', code: trust('StringEquals', '590312847561') },
  ],
  invalid: [
    { name: 'placeholder', code: trust('StringEquals', 'external-id'), errors: [{ text: '"external-id"', message: ['placeholder', 'guess'], severity: 'warning' }] },
    { name: 'vendor-guide placeholder', code: trust('StringEquals', 'your-unique-customer-id-here'), errors: [{ text: '"your-unique-customer-id-here"', message: 'placeholder' }] },
    { name: 'sequence, as a JSON number', code: trust('StringEquals', 12345), errors: [{ text: '12345', message: 'sequence' }] },
    { name: 'one digit repeated', code: trust('StringEquals', '0000000'), errors: [{ text: '"0000000"', message: 'repeats' }] },
    { name: 'the trusted account id', code: trust('StringEquals', '348201957364'), errors: [{ text: '"348201957364"', message: 'account id' }] },
    { name: 'an own account id', code: trust('StringEquals', '210987654321'), config: { ownAccountIds: ['210987654321'] }, errors: [{ text: '"210987654321"' }] },
    { name: 'wildcard under StringLike', code: trust('StringLike', '*'), errors: [{ text: '"*"', message: ['any external id', 'StringEquals'] }] },
    { name: 'prefix wildcard', code: trust('StringLike', 'acme-*'), errors: [{ text: '"acme-*"', message: 'many external ids' }] },
    { name: 'IfExists makes it optional (on the key)', code: trust('StringEqualsIfExists', GOOD), errors: [{ text: '"sts:ExternalId"', message: ['optional', 'Use StringEquals'] }] },
    { name: 'negated operator on an Allow', code: trust('StringNotEquals', GOOD), errors: [{ text: '"sts:ExternalId"', message: 'protects nothing' }] },
    {
      name: 'on a federated principal it never matches',
      code: trust('StringEquals', GOOD, { Federated: 'arn:aws:iam::348201957364:saml-provider/Okta' }),
      errors: [{ text: '"sts:ExternalId"', message: ['Federated', 'never match'] }],
    },
    { name: 'on a service principal it blocks the service', code: trust('StringEquals', GOOD, { Service: 'lambda.amazonaws.com' }), errors: [{ text: '"sts:ExternalId"', message: ['aws:SourceAccount'] }] },
  ],
});

describe('rule external-id-weak with values known only at deploy time', () => {
  it('stays quiet on a deploy-time external id', () => assertQuietWithUnknowns(rule, trust('StringEquals', '${var.external_id}')));
  it('stays quiet when the principal is not literal (it may be an AWS principal)', () => assertQuietWithUnknowns(rule, trust('StringEquals', GOOD, { Service: '${var.service}' })));
  it('stays quiet on a deploy-time external id that might equal the account', () =>
    assertQuietWithUnknowns(rule, trust('StringEquals', '${var.account_id}', { AWS: '${var.account_id}' })));
});
