import * as assert from 'assert';
import { closestServicePrincipal, isKnownServicePrincipal, lookupServicePrincipal, partitionsForSuffix, SERVICE_PRINCIPALS } from './services';

describe('service principal catalogue (server/data/service-principals.json)', () => {
  it('covers the principals trust policies use most', () => {
    for (const p of ['lambda', 'ec2', 'ecs-tasks', 'eks', 'pods.eks', 'eks-fargate-pods', 'codebuild', 'codepipeline', 'cloudformation', 'states', 'events', 'scheduler', 'glue', 'sagemaker', 'apigateway', 'rolesanywhere', 'batch', 'datasync', 'backup', 'firehose', 'logs', 's3', 'sns', 'ssm']) {
      assert.ok(isKnownServicePrincipal(`${p}.amazonaws.com`), p);
    }
  });
  it('names an AWS documentation page for every entry, once per principal, in lower case', () => {
    const seen = new Set<string>();
    for (const e of SERVICE_PRINCIPALS) {
      assert.match(e.source, /^https:\/\/docs\.aws\.amazon\.com\/\S+\.html$/, e.principal);
      assert.match(e.principal, /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/, e.principal);
      assert.ok(e.service.length > 0, e.principal);
      assert.ok(!seen.has(e.principal), `${e.principal} twice`);
      seen.add(e.principal);
    }
  });
});

describe('lookupServicePrincipal', () => {
  it('reads the partition of a suffix', () => {
    assert.deepStrictEqual(partitionsForSuffix('amazonaws.com.cn'), ['aws-cn']);
    const cn = lookupServicePrincipal('ec2.amazonaws.com.cn');
    assert.strictEqual(cn.kind, 'known');
    assert.deepStrictEqual(cn.kind === 'known' && cn.partitions, ['aws-cn']);
  });
  it('accepts the regional form of a known service and no other', () => {
    const regional = lookupServicePrincipal('logs.us-east-1.amazonaws.com');
    assert.strictEqual(regional.kind === 'known' && regional.region, 'us-east-1');
    assert.strictEqual(lookupServicePrincipal('logz.us-east-1.amazonaws.com').kind, 'unknown-service');
  });
  it('suggests the closest known principal', () => {
    assert.strictEqual(closestServicePrincipal('ecs-task.amazonaws.com'), 'ecs-tasks.amazonaws.com');
    assert.strictEqual(closestServicePrincipal('quantum-teleport.amazonaws.com'), undefined);
  });
  it('tells a wrong case from an unknown service', () => {
    assert.strictEqual(lookupServicePrincipal('EC2.amazonaws.com').kind, 'wrong-case');
    assert.strictEqual(lookupServicePrincipal('ec2.amazonaws').kind, 'malformed');
  });
});
