import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { assertFixSettles, SAML_PROVIDER, saml } from './groupF.testing';
import { rule } from './saml-aud';

const GLOBAL = 'https://signin.aws.amazon.com/saml';

ruleTester(rule, {
  valid: [
    saml({ StringEquals: { 'SAML:aud': GLOBAL } }),
    { name: 'the key ignoring case', code: saml({ StringEquals: { 'saml:aud': GLOBAL } }) },
    { name: 'regional endpoints for failover', code: saml({ StringEquals: { 'SAML:aud': [GLOBAL, 'https://eu-central-1.signin.aws.amazon.com/saml'] } }) },
    { name: 'an encrypted-assertion endpoint', code: saml({ StringEquals: { 'SAML:aud': 'https://us-west-2.signin.aws.amazon.com/saml/acs/SAMLSP4ABCDEFGHIJKLMNOP' } }) },
    { name: 'a pattern over regional endpoints', code: saml({ StringLike: { 'SAML:aud': 'https://*signin.aws.amazon.com/saml' } }) },
    { name: 'the China partition', code: policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws-cn:iam::318574629013:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.amazonaws.cn/saml' } } }) },
    { name: 'an OIDC principal is not SAML', code: policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::318574629013:oidc-provider/auth.example-corp.net' }, Action: 'sts:AssumeRoleWithWebIdentity' }) },
    { name: 'a statement that cannot grant AssumeRoleWithSAML', code: policy({ Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:TagSession' }) },
    {
      name: 'a Deny for every principal refuses other endpoints',
      code: policy({ Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:AssumeRoleWithSAML' }, { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithSAML', Condition: { StringNotEquals: { 'SAML:aud': GLOBAL } } }),
    },
  ],
  invalid: [
    { name: 'no SAML:aud', code: saml(), errors: [{ text: `"${SAML_PROVIDER}"`, message: ['Nothing checks "SAML:aud"', GLOBAL], severity: 'warning' }] },
    { name: 'only other SAML keys', code: saml({ StringEquals: { 'SAML:sub_type': 'persistent' } }), errors: [{ text: `"${SAML_PROVIDER}"` }] },
    { name: 'a trailing slash', code: saml({ StringEquals: { 'SAML:aud': `${GLOBAL}/` } }), errors: [{ text: `"${GLOBAL}/"`, message: ['not an AWS sign-in SAML endpoint', `Write "${GLOBAL}"`] }] },
    { name: 'the identity provider\'s own URL', code: saml({ StringEquals: { 'SAML:aud': 'https://acme.okta.com/app/amazon_aws/exk1a2b3c4/sso/saml' } }), errors: [{ text: '"https://acme.okta.com/app/amazon_aws/exk1a2b3c4/sso/saml"' }] },
    { name: 'a "*" restricts nothing', code: saml({ StringLike: { 'SAML:aud': '*' } }), errors: [{ text: '"*"', message: 'matches every endpoint' }] },
    { name: 'a pattern no endpoint matches', code: saml({ StringLike: { 'SAML:aud': 'https://*.okta.com/*' } }), errors: [{ text: '"https://*.okta.com/*"' }] },
    { name: 'a "*" under StringEquals is literal', code: saml({ StringEquals: { 'SAML:aud': 'https://*.signin.aws.amazon.com/saml' } }), errors: [{ text: '"https://*.signin.aws.amazon.com/saml"', message: 'literally' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time endpoint', code: saml({ StringEquals: { 'SAML:aud': '${var.saml_endpoint}' } }) },
  { name: 'a deploy-time Condition', code: policy({ Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:AssumeRoleWithSAML', Condition: '${local.saml_conditions}' }) },
  { name: 'a deploy-time provider', code: policy({ Effect: 'Allow', Principal: { Federated: '${aws_iam_saml_provider.okta.arn}' }, Action: 'sts:AssumeRoleWithSAML' }) },
]);

describe('rule saml-aud quick fixes', () => {
  it('adds SAML:aud to a statement without a Condition', () => {
    const after = assertFixSettles(rule, saml());
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition, { StringEquals: { 'SAML:aud': GLOBAL } });
  });

  it('adds SAML:aud next to other SAML conditions', () => {
    const after = assertFixSettles(rule, saml({ StringEquals: { 'SAML:sub_type': 'persistent' } }));
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition.StringEquals, { 'SAML:sub_type': 'persistent', 'SAML:aud': GLOBAL });
  });

  it('uses the China endpoint in aws-cn', () => {
    const code = policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws-cn:iam::318574629013:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' });
    const after = assertFixSettles(rule, code);
    assert.ok(after.includes('"SAML:aud": "https://signin.amazonaws.cn/saml"'));
  });

  it('offers no endpoint it does not know (aws-us-gov)', () => {
    const code = policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws-us-gov:iam::318574629013:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' });
    assert.deepStrictEqual(lint(code, rule).map((f) => f.fixes.length), [0]);
  });

  it('corrects a near miss', () => {
    const after = assertFixSettles(rule, saml({ StringEquals: { 'SAML:aud': 'http://signin.aws.amazon.com/saml/' } }));
    assert.ok(after.includes(`"SAML:aud": "${GLOBAL}"`));
  });
});
