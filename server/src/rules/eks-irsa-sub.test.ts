import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { assertFixSettles, EKS, EKS_PROVIDER, eks, webIdentity } from './groupF.testing';
import { rule } from './eks-irsa-sub';

const SUB = `${EKS}:sub`;
const AUD = `${EKS}:aud`;
const SA = 'system:serviceaccount:payments:ledger-api';
const equals = (sub: unknown, aud: unknown = 'sts.amazonaws.com') => eks({ StringEquals: { [AUD]: aud, [SUB]: sub } });
const like = (sub: unknown) => eks({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: sub } });

ruleTester(rule, {
  valid: [
    equals(SA),
    { name: 'two service accounts', code: equals([SA, 'system:serviceaccount:payments:ledger-worker']) },
    { name: 'a dotted service account name', code: equals('system:serviceaccount:kube-system:aws-load-balancer-controller.v2') },
    { name: 'StringLike with no wildcard', code: like(SA) },
    { name: 'a China-region cluster', code: policy(webIdentity('arn:aws-cn:iam::318574629013:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/5C2F8E1A9B7D4E3F', { StringEquals: { 'oidc.eks.cn-north-1.amazonaws.com.cn/id/5C2F8E1A9B7D4E3F:sub': SA, 'oidc.eks.cn-north-1.amazonaws.com.cn/id/5C2F8E1A9B7D4E3F:aud': 'sts.amazonaws.com' } })) },
    { name: 'another issuer\'s keys are not EKS\'s', code: policy(webIdentity('arn:aws:iam::318574629013:oidc-provider/auth.example-corp.net', { StringEquals: { 'auth.example-corp.net:sub': 'x' } })) },
  ],
  invalid: [
    {
      name: 'no subject condition',
      code: eks({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }),
      errors: [{ text: `"${EKS_PROVIDER}"`, message: ['Every pod of this EKS cluster', `"${SUB}"`], severity: 'warning' }],
    },
    { name: 'no condition at all', code: eks(), errors: [{ text: `"${EKS_PROVIDER}"`, message: `"${AUD}": "sts.amazonaws.com"` }] },
    {
      name: 'the subject written under :aud',
      code: eks({ StringEquals: { [AUD]: SA } }),
      errors: [{ text: `"${AUD}"`, message: ['service account subject written under', 'not checked at all', `"${SUB}"`] }],
    },
    { name: 'any namespace', code: like('system:serviceaccount:*'), errors: [{ text: '"system:serviceaccount:*"', message: 'every namespace' }] },
    { name: 'any service account of a namespace', code: like('system:serviceaccount:payments:*'), errors: [{ text: '"system:serviceaccount:payments:*"', message: 'several service accounts of namespace "payments"' }] },
    { name: 'a name prefix', code: like('system:serviceaccount:payments:ledger-*'), errors: [{ text: '"system:serviceaccount:payments:ledger-*"', message: 'several service accounts' }] },
    { name: 'a "*" under StringEquals is literal', code: equals('system:serviceaccount:payments:*'), errors: [{ text: '"system:serviceaccount:payments:*"', message: 'literally' }] },
    { name: 'the plural prefix', code: equals('system:serviceaccounts:payments:ledger-api'), errors: [{ text: '"system:serviceaccounts:payments:ledger-api"', message: 'singular' }] },
    { name: 'namespace and name alone', code: equals('payments:ledger-api'), errors: [{ text: '"payments:ledger-api"', message: 'starts with "system:serviceaccount:"' }] },
    { name: 'upper case is never a Kubernetes name', code: equals('system:serviceaccount:Payments:ledger-api'), errors: [{ text: '"system:serviceaccount:Payments:ledger-api"', message: 'not a Kubernetes namespace name' }] },
    { name: 'another audience', code: equals(SA, 'https://kubernetes.default.svc'), errors: [{ text: '"https://kubernetes.default.svc"', message: '"sts.amazonaws.com", not "https://kubernetes.default.svc"' }] },
    { name: 'a missing audience alone is a hint', code: eks({ StringEquals: { [SUB]: SA } }), errors: [{ text: `"${EKS_PROVIDER}"`, severity: 'hint', message: `Nothing checks "${AUD}"` }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time subject', code: equals('${local.service_account_subject}') },
  { name: 'a deploy-time Condition', code: policy({ ...webIdentity(EKS_PROVIDER), Condition: '${local.irsa_conditions}' }) },
  { name: 'a key written from the cluster\'s issuer variable', code: policy(webIdentity(EKS_PROVIDER, { StringEquals: { '${var.issuer}:sub': SA } })) },
]);

describe('rule eks-irsa-sub quick fixes', () => {
  it('moves a subject written under :aud to :sub, and adds the audience', () => {
    const after = assertFixSettles(rule, eks({ StringEquals: { [AUD]: SA } }));
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition.StringEquals, { [SUB]: SA, [AUD]: 'sts.amazonaws.com' });
  });

  it('writes the singular prefix', () => {
    const after = assertFixSettles(rule, equals('system:serviceaccounts:payments:ledger-api'));
    assert.ok(after.includes(`"${SA}"`));
  });

  it('adds the audience', () => {
    const after = assertFixSettles(rule, eks({ StringEquals: { [SUB]: SA } }));
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition.StringEquals, { [SUB]: SA, [AUD]: 'sts.amazonaws.com' });
  });

  it('does not move the subject when the statement already checks :sub', () => {
    const found = lint(eks({ StringEquals: { [AUD]: SA, [SUB]: SA } }), rule);
    assert.deepStrictEqual(found.map((f) => f.fixes.length), [0]);
  });
});
