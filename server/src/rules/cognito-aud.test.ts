import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { COGNITO, cognito, POOL_ID, webIdentity } from './groupF.testing';
import { rule } from './cognito-aud';

const AUD = `${COGNITO}:aud`;
const AMR = { 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' } };

ruleTester(rule, {
  valid: [
    cognito({ StringEquals: { [AUD]: POOL_ID }, ...AMR }),
    { name: 'two pools', code: cognito({ StringEquals: { [AUD]: [POOL_ID, 'us-east-1:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'] } }) },
    { name: 'GovCloud pool', code: cognito({ StringEquals: { [AUD]: 'us-gov-west-1:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }) },
    { name: 'another provider', code: policy(webIdentity('accounts.google.com')) },
    { name: 'a Deny statement', code: policy({ ...webIdentity(COGNITO), Effect: 'Deny' }) },
  ],
  invalid: [
    {
      name: 'no audience condition',
      code: cognito(AMR),
      errors: [{ text: `"${COGNITO}"`, message: ['Identities of any Amazon Cognito identity pool, in any AWS account', `"${AUD}"`, 'REGION:IDENTITY_POOL_UUID', 'unconfirmed'], severity: 'warning' }],
    },
    { name: 'only refused pools', code: cognito({ StringNotEquals: { [AUD]: POOL_ID } }), errors: [{ text: `"${COGNITO}"` }] },
    { name: 'any pool of a region', code: cognito({ StringLike: { [AUD]: 'eu-west-1:*' } }), errors: [{ text: '"eu-west-1:*"', message: ['many identity pools in eu-west-1', 'other accounts\' pools'] }] },
    { name: 'any pool', code: cognito({ StringLike: { [AUD]: '*' } }), errors: [{ text: '"*"', message: 'many identity pools' }] },
    { name: 'a "*" under StringEquals is literal', code: cognito({ StringEquals: { [AUD]: 'eu-west-1:*' } }), errors: [{ text: '"eu-west-1:*"', message: ['not an identity pool id', 'literally'] }] },
    { name: 'the pool\'s name instead of its id', code: cognito({ StringEquals: { [AUD]: 'payments_identity_pool' } }), errors: [{ text: '"payments_identity_pool"', message: 'not an identity pool id' }] },
    { name: 'a pool id without its region', code: cognito({ StringEquals: { [AUD]: '4f3e2d1c-0b9a-4877-a655-443322110099' } }), errors: [{ text: '"4f3e2d1c-0b9a-4877-a655-443322110099"' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time pool id', code: cognito({ StringEquals: { [AUD]: '${aws_cognito_identity_pool.main.id}' } }) },
  { name: 'a deploy-time Condition', code: policy({ ...webIdentity(COGNITO), Condition: '${local.cognito_conditions}' }) },
]);
