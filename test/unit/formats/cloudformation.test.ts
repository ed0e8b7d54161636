import * as assert from 'assert';
import { getProperty } from '../../../server/src/model/ast';
import { analyse, described, lintText, offsetOf, readFixture, textsOf, under, unknownsOf } from './helpers';

describe('CloudFormation and SAM templates', () => {
  describe('YAML', () => {
    const { text, filePath } = readFixture('cloudformation/roles.yaml');

    it('finds the trust policy of every AWS::IAM::Role and nothing of the bucket policy', () => {
      const doc = analyse(text, filePath);
      assert.ok(doc);
      assert.deepStrictEqual(
        doc.policies.map((p) => [p.format, p.role && under(text, p.role.span)]),
        [
          ['yaml', 'DeployRole'],
          ['yaml', 'ChainedRole'],
          ['yaml', 'TooLong'],
        ],
      );
    });

    it('reads RoleName and MaxSessionDuration as role facts; !Sub names are unknown', () => {
      const [deploy, chained] = analyse(text, filePath)!.policies;
      assert.deepStrictEqual(deploy.role?.roleName, { kind: 'string', span: deploy.role!.roleName!.span, value: 'deploy' });
      assert.strictEqual(deploy.role?.maxSessionDuration?.kind, 'number');
      assert.strictEqual(under(text, deploy.role!.maxSessionDuration!.span), '7200');
      assert.strictEqual(chained.role?.roleName?.kind, 'unknown');
      assert.strictEqual(under(text, chained.role!.roleName!.span), '!Sub "${AWS::StackName}-chained"');
    });

    it('puts principal-any on the role principal only, at its exact token', () => {
      const findings = lintText(text, filePath, { rules: ['principal-any'] });
      assert.deepStrictEqual(described(text, findings), ["principal-any: '*'"]);
      assert.strictEqual(findings[0].span.offset, offsetOf(text, "'*'", 'DeployRole'));
    });

    it('applies the group D checks to the role facts', () => {
      const findings = lintText(text, filePath, { rules: ['max-session-duration-range', 'role-chaining-cap'] });
      assert.deepStrictEqual(described(text, findings), ['role-chaining-cap: 14400', 'max-session-duration-range: 86400']);
    });

    it('is analysed by content whatever the file is called, and a .yml without a role is not ours', () => {
      assert.strictEqual(analyse(text, '/repo/infra/stack.yml')?.policies.length, 3);
      assert.strictEqual(analyse(text, '/repo/infra/stack.template')?.policies.length, 3);
      const bucketOnly = text.slice(0, text.indexOf('  DeployRole:'));
      assert.strictEqual(analyse(bucketOnly, '/repo/infra/bucket.yaml'), undefined);
      assert.strictEqual(analyse('key: [unclosed\nStatement: Principal\n', '/repo/x.yaml'), undefined);
    });

    it('reads the short-form tags as unknown values, never as unknown-tag problems', () => {
      const { text: t, filePath: f } = readFixture('cloudformation/intrinsics.yaml');
      const [policy] = analyse(t, f)!.policies;
      assert.deepStrictEqual(policy.syntaxProblems, []);
      const unknowns = unknownsOf(policy.root).map((n) => under(t, n.span));
      for (const expected of ['!Ref PolicyVersion', '!GetAtt Pipeline.Arn', '!FindInMap [Services, !Ref AWS::Region, Name]', '!Split [",", !ImportValue TrustActions]', '!Base64 secret', '!Select [0, !GetAZs ""]', '!Ref TrustedPrincipal', '!Sub "sts:${ActionName}"', '!Cidr [x, 1, 2]', '!Condition IsProd', '!Transform { Name: Macro }', '!And [!Or [a], !Not [b]]', '!ToJsonString [x]']) {
        assert.ok(unknowns.includes(expected), `${expected} should be unknown; unknowns: ${JSON.stringify(unknowns)}`);
      }
      assert.ok(unknowns.some((u) => u.startsWith('!If\n')), 'a block !If is unknown as a whole');
      assert.strictEqual(under(t, policy.role!.maxSessionDuration!.span), '!If [IsProd, 3600, 100000]');
    });

    it('raises no finding at all on values known only at deploy time', () => {
      const { text: t, filePath: f } = readFixture('cloudformation/intrinsics.yaml');
      assert.deepStrictEqual(described(t, lintText(t, f)), []);
    });

    it('reports a half-typed policy through json-syntax and keeps linting what parses', () => {
      const { text: t, filePath: f } = readFixture('cloudformation/half-typed.yaml');
      const findings = lintText(t, f, { rules: ['json-syntax', 'principal-any'] });
      assert.deepStrictEqual(described(t, findings), ['principal-any: "*"', 'json-syntax: A']);
      const syntax = findings.find((x) => x.ruleId === 'json-syntax')!;
      assert.match(syntax.message, /YAML: flow map .* must .* end with a \}/);
      assert.strictEqual(syntax.span.offset, offsetOf(t, 'Action'));
    });

    it('still reports the syntax problem when the template is too broken to find the role', () => {
      const t = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {AssumeRolePolicyDocument: [\n';
      const findings = lintText(t, '/repo/broken.yaml');
      assert.ok(findings.length > 0 && findings.every((x) => x.ruleId === 'json-syntax'), JSON.stringify(findings));
    });
  });

  describe('JSON', () => {
    const { text, filePath } = readFixture('cloudformation/roles.json');

    it('lints the role trust policy and not the queue policy, with long-form intrinsics unknown', () => {
      const findings = lintText(text, filePath, { rules: ['principal-any', 'max-session-duration-range'] });
      assert.deepStrictEqual(described(text, findings), ['max-session-duration-range: 900', 'principal-any: "*"']);
      assert.strictEqual(findings[1].span.offset, offsetOf(text, '"*"', 'DeployRole'));
      const [policy] = analyse(text, filePath)!.policies;
      assert.deepStrictEqual(
        unknownsOf(policy.root).map((n) => under(text, n.span)),
        ['{ "Fn::Sub": "arn:aws:iam::${ToolsAccount}:root" }', '{ "Ref": "ExternalId" }'],
      );
      assert.strictEqual(policy.role?.roleName?.kind, 'unknown');
    });

    it('does not treat a template as a policy document even when named on the command line', () => {
      const findings = lintText(text, filePath, { force: true, rules: ['statement-missing', 'version-missing', 'principal-any'] });
      assert.deepStrictEqual(textsOf(text, findings, 'statement-missing'), []);
      assert.deepStrictEqual(textsOf(text, findings, 'principal-any'), ['"*"']);
    });

    it('raises no finding at all on long-form intrinsic functions', () => {
      const { text: t, filePath: f } = readFixture('cloudformation/intrinsics.json');
      assert.deepStrictEqual(described(t, lintText(t, f)), []);
    });

    it('keeps a plain JSON trust policy exactly as before', () => {
      const plain = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }, null, 2);
      const doc = analyse(plain, '/repo/policy.json');
      assert.strictEqual(doc?.policies.length, 1);
      assert.strictEqual(doc.policies[0].format, 'json');
      assert.strictEqual(doc.policies[0].role, undefined);
      assert.deepStrictEqual(textsOf(plain, lintText(plain, '/repo/policy.json', { rules: ['principal-any'] }), 'principal-any'), ['"*"']);
    });
  });

  describe('SAM and Serverless Framework', () => {
    it('lints the AssumeRolePolicyDocument of an AWS::Serverless::Function, without role facts', () => {
      const { text, filePath } = readFixture('cloudformation/sam.yaml');
      const doc = analyse(text, filePath)!;
      assert.strictEqual(doc.policies.length, 1);
      assert.strictEqual(doc.policies[0].role, undefined);
      assert.deepStrictEqual(textsOf(text, lintText(text, filePath, { rules: ['principal-any'] }), 'principal-any'), ['"*"']);
    });

    it('finds roles under resources.Resources of serverless.yml', () => {
      const text = [
        'service: api',
        'resources:',
        '  Resources:',
        '    ApiRole:',
        '      Type: AWS::IAM::Role',
        '      Properties:',
        '        MaxSessionDuration: 60',
        '        AssumeRolePolicyDocument:',
        '          Statement:',
        '            - Effect: Allow',
        '              Principal: { Service: lambda.amazonaws.com }',
        '              Action: sts:AssumeRole',
        '',
      ].join('\n');
      const findings = lintText(text, '/repo/serverless.yml', { rules: ['max-session-duration-range'] });
      assert.deepStrictEqual(described(text, findings), ['max-session-duration-range: 60']);
    });
  });

  it('keeps both keys of a duplicated YAML key for duplicate-key', () => {
    const text = 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Effect: Deny\n';
    const [policy] = analyse(text, '/repo/t.yaml')!.policies;
    const statement = (getProperty(policy.root, 'Statement')!.value as { items: { kind: string; properties: unknown[] }[] }).items[0];
    assert.strictEqual(statement.properties.length, 2);
    assert.deepStrictEqual(policy.syntaxProblems, []);
  });
});
