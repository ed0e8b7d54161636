import * as assert from 'assert';
import { CompletionItemKind, InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import { fileUri, NO_ZONE_CONFIG, ZONE_CONFIG } from './cursorMarker';
import { accept, complete, docs, item, labels, newText, sorted } from './completionItems';

const GITHUB = 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com';

describe('completion', () => {
  describe('keys where they belong', () => {
    it('offers Version, Statement and Id at the policy level, not the ones already there', () => {
      assert.deepStrictEqual(labels(complete('{|}')).sort(), ['Id', 'Statement', 'Version']);
      assert.deepStrictEqual(labels(complete('{"Version": "2012-10-17", |}')).sort(), ['Id', 'Statement']);
    });

    it('offers the statement elements of a trust policy in a half-typed statement, never Resource or NotPrincipal', () => {
      const items = complete('{"Statement": [{"Effect": "Allow", "|');
      assert.deepStrictEqual(labels(items).sort(), ['Action', 'Condition', 'NotAction', 'Principal', 'Sid']);
      for (const i of items) assert.strictEqual(i.kind, CompletionItemKind.Property);
    });

    it('drops NotAction once Action is there, and the other way round', () => {
      assert.ok(!labels(complete('{"Statement": [{"Action": "sts:AssumeRole", "|"}]}')).includes('NotAction'));
      assert.ok(!labels(complete('{"Statement": [{"NotAction": "sts:TagSession", "|"}]}')).includes('Action'));
    });

    it('works for a single statement object too', () => {
      assert.ok(labels(complete('{"Statement": {"Effect": "Allow", "|"}}')).includes('Principal'));
    });

    it('offers the principal types AWS, Service and Federated, minus those present', () => {
      assert.deepStrictEqual(labels(complete('{"Statement": [{"Effect": "Allow", "Principal": {"|')).sort(), ['AWS', 'Federated', 'Service']);
      assert.deepStrictEqual(labels(complete('{"Statement": [{"Principal": {"AWS": "*", "|"}}]}')).sort(), ['Federated', 'Service']);
    });

    it('inserts the key with its colon and a value to fill in, replacing the typed quote', () => {
      const after = accept('{"Statement": [{"Effect": "Allow", "|"}]}', 'Principal');
      assert.strictEqual(after, '{"Statement": [{"Effect": "Allow", "Principal": { "AWS": "" }}]}');
    });

    it('renames only the key when the key already has its value', () => {
      const items = complete('{"Statement": [{"Ac|": "sts:AssumeRole"}]}');
      assert.strictEqual(newText(item(items, 'Action')), '"Action"');
    });

    it('adds the comma when another property follows', () => {
      const after = accept('{"Statement": [{|\n "Effect": "Allow"}]}', 'Sid');
      assert.strictEqual(after, '{"Statement": [{"Sid": "",\n "Effect": "Allow"}]}');
    });

    it('proposes the action that fits the principal inside the Action key snippet', () => {
      const items = complete(`{"Statement": [{"Principal": {"Federated": "${GITHUB}"}, "|"}]}`);
      assert.match(newText(item(items, 'Action')), /^"Action": "\$\{1\|sts:AssumeRoleWithWebIdentity,/);
    });
  });

  describe('values', () => {
    it('offers Allow and Deny for Effect', () => {
      const items = complete('{"Statement": [{"Effect": "|"}]}');
      assert.deepStrictEqual(labels(items), ['Allow', 'Deny']);
      assert.match(docs(item(items, 'Deny')), /whatever any Allow statement says/);
      assert.strictEqual(accept('{"Statement": [{"Effect": "A|"}]}', 'Allow'), '{"Statement": [{"Effect": "Allow"}]}');
    });

    it('offers 2012-10-17 for Version', () => {
      assert.deepStrictEqual(labels(complete('{"Version": "|"}')), ['2012-10-17']);
    });

    it('completes a bare word typed where a value goes', () => {
      assert.strictEqual(accept('{"Statement": [{"Effect": Al|}]}', 'Allow'), '{"Statement": [{"Effect": "Allow"}]}');
    });

    it('puts the action that fits the principal first: web identity for OIDC, SAML for SAML, AssumeRole for AWS', () => {
      const first = (principal: string) => sorted(complete(`{"Statement": [{"Principal": ${principal}, "Action": "|"}]}`))[0];
      assert.strictEqual(first(`{"Federated": "${GITHUB}"}`).label, 'sts:AssumeRoleWithWebIdentity');
      assert.strictEqual(first('{"Federated": "arn:aws:iam::210987654321:saml-provider/Okta"}').label, 'sts:AssumeRoleWithSAML');
      assert.strictEqual(first('{"AWS": "arn:aws:iam::210987654321:role/Deployer"}').label, 'sts:AssumeRole');
      assert.strictEqual(first(`{"Federated": "${GITHUB}"}`).preselect, true);
    });

    it('ranks TagSession with AssumeRole for EKS Pod Identity, and leaves out actions already listed', () => {
      const items = sorted(complete('{"Statement": [{"Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": ["sts:AssumeRole", "|"]}]}'));
      assert.strictEqual(items[0].label, 'sts:TagSession');
      assert.ok(!labels(items).includes('sts:AssumeRole'));
      assert.strictEqual(items.length, 5);
    });

    it('offers the service principal catalogue with its documentation source', () => {
      const items = complete('{"Statement": [{"Principal": {"Service": "|"}}]}');
      const ecs = item(items, 'ecs-tasks.amazonaws.com');
      assert.match(docs(ecs), /aws:SourceAccount/);
      assert.match(docs(ecs), /\(https:\/\/docs\.aws\.amazon\.com\//);
      assert.ok(labels(items).includes('pods.eks.amazonaws.com'));
      assert.ok(!labels(complete('{"Statement": [{"Principal": {"Service": ["ecs-tasks.amazonaws.com", "|"]}}]}')).includes('ecs-tasks.amazonaws.com'));
    });

    it('builds role, account and user ARN templates from the configured accounts', () => {
      const items = complete('{"Statement": [{"Principal": {"AWS": "arn|"}}]}');
      assert.strictEqual(newText(item(items, 'arn:aws:iam::210987654321:role/…')), '"arn:aws:iam::210987654321:role/${1:ROLE_NAME}"');
      assert.ok(labels(items).includes('arn:aws:iam::210987654321:root'));
      assert.ok(labels(items).includes('arn:aws:iam::210987654321:user/…'));
      assert.match(docs(item(items, 'arn:aws:iam::310987654321:role/…')), /sts:ExternalId/);
      assert.strictEqual(sorted(items)[0].label, 'arn:aws:iam::210987654321:role/…', 'a specific role of your own account first');
    });

    it('uses an ACCOUNT_ID placeholder when no account is configured', () => {
      const items = complete('{"Statement": [{"Principal": {"AWS": "|"}}]}', NO_ZONE_CONFIG);
      assert.strictEqual(newText(sorted(items)[0]), '"arn:aws:iam::${1:ACCOUNT_ID}:role/${2:ROLE_NAME}"');
    });

    it('offers OIDC and SAML provider ARNs in your account and the web identity providers for Federated', () => {
      const items = complete('{"Statement": [{"Principal": {"Federated": "|"}}]}');
      const github = items.find((i) => newText(i).includes('token.actions.githubusercontent.com'));
      assert.strictEqual(github && newText(github), `"${GITHUB}"`);
      assert.match(docs(github!), /any of them can assume/);
      const eks = items.find((i) => newText(i).includes('oidc.eks.'));
      assert.strictEqual(eks && newText(eks), '"arn:aws:iam::210987654321:oidc-provider/oidc.eks.${1:REGION}.amazonaws.com/id/${2:CLUSTER_OIDC_ID}"');
      assert.ok(items.some((i) => newText(i) === '"arn:aws:iam::210987654321:saml-provider/${1:PROVIDER_NAME}"'));
      assert.ok(items.some((i) => newText(i).includes('app.terraform.io')));
      assert.ok(items.some((i) => newText(i).includes('gitlab.com')));
      assert.ok(labels(items).includes('cognito-identity.amazonaws.com'));
    });

    it('offers a choice of your accounts when there are several', () => {
      const config = { ...ZONE_CONFIG, ownAccountIds: ['210987654321', '210987654322'] };
      const items = complete('{"Statement": [{"Principal": {"Federated": "|"}}]}', config);
      assert.ok(items.some((i) => newText(i) === '"arn:aws:iam::${1|210987654321,210987654322|}:oidc-provider/gitlab.com"'));
    });

    it('offers object forms for a Principal that has no value yet', () => {
      assert.ok(complete('{"Statement": [{"Principal": |}]}').some((i) => newText(i) === '{ "Federated": "$1" }'));
    });
  });

  describe('conditions', () => {
    it('offers every operator with IfExists and set prefixes, the common ones first', () => {
      const items = complete('{"Statement": [{"Principal": {"AWS": "*"}, "Condition": {"|"}}]}');
      const names = labels(items);
      for (const op of ['StringEquals', 'StringLikeIfExists', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'ArnLike', 'Bool', 'Null', 'NumericLessThan', 'DateGreaterThan', 'IpAddress', 'BinaryEquals']) {
        assert.ok(names.includes(op), op);
      }
      assert.ok(!names.includes('NullIfExists'));
      assert.strictEqual(sorted(items)[0].label, 'StringEquals');
      assert.match(docs(item(items, 'ForAllValues:StringEquals')), /absent/);
      assert.match(docs(item(items, 'StringEqualsIfExists')), /optional/);
    });

    it('does not offer an operator the Condition already has', () => {
      assert.ok(!labels(complete('{"Statement": [{"Condition": {"StringEquals": {}, "|"}}]}')).includes('StringEquals'));
    });

    it('offers the provider claims of a GitHub principal first, with the audience filled in', () => {
      const items = sorted(complete(`{"Statement": [{"Principal": {"Federated": "${GITHUB}"}, "Condition": {"StringEquals": {"|"}}}]}`));
      assert.deepStrictEqual(labels(items.slice(0, 2)), ['token.actions.githubusercontent.com:aud', 'token.actions.githubusercontent.com:sub']);
      assert.strictEqual(newText(items[0]), '"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"');
      assert.match(newText(items[1]), /^"token\.actions\.githubusercontent\.com:sub": "repo:\$\{1:OWNER\}\/\$\{2:REPO\}:ref:refs\/heads\/\$\{3:BRANCH\}"$/);
      assert.ok(labels(items).includes('token.actions.githubusercontent.com:job_workflow_ref'));
      assert.ok(labels(items).includes('aws:SourceIp'), 'global keys are offered too');
      assert.ok(!labels(items).some((l) => l.startsWith('gitlab.com:')), 'no claims of other providers');
    });

    it('offers the narrowing keys for an AWS principal, and a fresh ExternalId with sts:ExternalId', () => {
      const items = complete('{"Statement": [{"Principal": {"AWS": "arn:aws:iam::310987654321:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"|"}}}]}');
      const top = labels(sorted(items).filter((i) => i.sortText!.startsWith('0')));
      for (const k of ['aws:PrincipalOrgID', 'aws:PrincipalArn', 'sts:ExternalId']) assert.ok(top.includes(k), k);
      assert.match(newText(item(items, 'sts:ExternalId')), /^"sts:ExternalId": "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
      assert.strictEqual(newText(item(items, 'aws:PrincipalOrgID')), '"aws:PrincipalOrgID": "o-a1b2c3d4e5"');
      assert.strictEqual(newText(item(items, 'aws:MultiFactorAuthPresent')), '"aws:MultiFactorAuthPresent": "true"');
      assert.match(docs(item(items, 'aws:PrincipalOrgID')), /Type: `String`/);
      assert.ok(labels(items).includes('sts:RoleSessionName'), 'keys of sts:AssumeRole');
    });

    it('offers aws:SourceAccount and aws:SourceArn first for a service principal', () => {
      const top = sorted(complete('{"Statement": [{"Principal": {"Service": "events.amazonaws.com"}, "Condition": {"StringEquals": {"|"}}}]}'));
      assert.deepStrictEqual(labels(top.slice(0, 2)), ['aws:SourceAccount', 'aws:SourceArn']);
      assert.strictEqual(newText(top[0]), '"aws:SourceAccount": "210987654321"');
    });

    it('offers the claims of EKS, Cognito and SAML principals', () => {
      const keys = (principal: string) => labels(complete(`{"Statement": [{"Principal": {"Federated": "${principal}"}, "Condition": {"StringEquals": {"|"}}}]}`));
      const eks = 'oidc.eks.eu-west-1.amazonaws.com/id/5C1E2B3A4D';
      assert.ok(keys(`arn:aws:iam::210987654321:oidc-provider/${eks}`).includes(`${eks}:sub`));
      assert.ok(keys('cognito-identity.amazonaws.com').includes('cognito-identity.amazonaws.com:amr'));
      assert.ok(keys('arn:aws:iam::210987654321:saml-provider/Okta').includes('SAML:aud'));
    });

    it('does not offer a key the operator block already has', () => {
      assert.ok(!labels(complete('{"Statement": [{"Principal": {"AWS": "*"}, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5", "|"}}}]}')).includes('aws:PrincipalOrgID'));
    });

    it('offers known values: the audience, the organization, a new ExternalId each time, true for Bool keys', () => {
      const value = (key: string, principal = '{"AWS": "*"}', config = ZONE_CONFIG) =>
        labels(sorted(complete(`{"Statement": [{"Principal": ${principal}, "Condition": {"StringEquals": {"${key}": "|"}}}]}`, config)));
      assert.deepStrictEqual(value('token.actions.githubusercontent.com:aud', `{"Federated": "${GITHUB}"}`), ['sts.amazonaws.com']);
      assert.deepStrictEqual(value('oidc.eks.us-east-1.amazonaws.com/id/AB12:aud'), ['sts.amazonaws.com']);
      assert.deepStrictEqual(value('aws:PrincipalOrgID'), ['o-a1b2c3d4e5']);
      assert.deepStrictEqual(value('aws:PrincipalOrgID', undefined, NO_ZONE_CONFIG), []);
      assert.deepStrictEqual(value('aws:MultiFactorAuthPresent'), ['true', 'false']);
      assert.deepStrictEqual(value('SAML:aud'), ['https://signin.aws.amazon.com/saml']);
      assert.deepStrictEqual(value('cognito-identity.amazonaws.com:amr'), ['authenticated', 'unauthenticated']);
      const [first] = value('sts:ExternalId');
      const [second] = value('sts:ExternalId');
      assert.match(first, /^[0-9a-f-]{36}$/);
      assert.notStrictEqual(first, second);
    });

    it('offers the subject forms of GitLab with a choice of ref type', () => {
      const items = complete('{"Statement": [{"Condition": {"StringEquals": {"gitlab.com:sub": "|"}}}]}');
      assert.strictEqual(newText(items[0]), '"project_path:${1:GROUP}/${2:PROJECT}:ref_type:${3|branch,tag|}:ref:${4:REF}"');
    });
  });

  describe('JSON templates', () => {
    it('completes a .json.tpl policy around its ${...} placeholders', () => {
      const items = complete('{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "${role_arn}"}, "|"}]}', ZONE_CONFIG, fileUri('roles/ci-trust.json.tpl'), 'plaintext');
      assert.deepStrictEqual(labels(items).sort(), ['Action', 'Condition', 'NotAction', 'Sid']);
    });
  });

  describe('snippets', () => {
    it('offers the whole-document trust patterns in an empty document', () => {
      const items = complete('|');
      assert.strictEqual(items.length, 15);
      for (const i of items) {
        assert.match(i.label, /^trust-/);
        assert.strictEqual(i.kind, CompletionItemKind.Snippet);
        assert.strictEqual(i.insertTextFormat, InsertTextFormat.Snippet);
        assert.match(docs(i), /```json\n\{\n {2}"Version": "2012-10-17"/);
      }
      assert.match(newText(item(items, 'trust-github-branch')), /token\.actions\.githubusercontent\.com:sub/);
    });

    it('offers them in an empty file whose name says trust policy, not in any other empty JSON file', () => {
      assert.strictEqual(complete('|', ZONE_CONFIG, fileUri('roles/deploy-trust.json')).length, 15);
      assert.deepStrictEqual(complete('|', ZONE_CONFIG, fileUri('app/settings.json')), []);
    });

    it('replaces the prefix typed at the root', () => {
      const items = complete('trust-gi|');
      const i = item(items, 'trust-github-branch');
      assert.deepStrictEqual((i.textEdit as TextEdit).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
      assert.strictEqual(i.filterText, 'trust-github-branch');
    });

    it('offers the statement patterns inside the Statement list, and no whole documents there', () => {
      const items = complete('{"Version": "2012-10-17", "Statement": [\n  |\n]}');
      assert.strictEqual(items.length, 15);
      for (const i of items) assert.match(i.label, /^stmt-/);
      assert.match(newText(item(items, 'stmt-third-party')), /sts:ExternalId/);
      assert.ok(complete('{"Statement": [{"Effect": "Allow"}, |]}').some((i) => i.label === 'stmt-eks-irsa'));
    });
  });

  describe('where it stays quiet', () => {
    it('offers nothing in JSON that is not a trust policy', () => {
      assert.deepStrictEqual(complete('{"name": "app", "scripts": {"|"}}', ZONE_CONFIG, fileUri('package.json')), []);
      assert.deepStrictEqual(complete('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "|"}]}', ZONE_CONFIG, fileUri('policy.json')), []);
    });

    it('offers nothing in .iam-trust.json, though its name matches the trust-policy globs', () => {
      assert.deepStrictEqual(complete('{"|"}', ZONE_CONFIG, fileUri('.iam-trust.json')), []);
    });

    it('offers nothing inside a comment, or after a value that lacks its comma', () => {
      assert.deepStrictEqual(complete('{"Statement": [{"Effect": "Allow" /* "|" */}]}'), []);
      assert.deepStrictEqual(complete('{"Statement": [{"Effect": "Allow" |}]}'), []);
    });

    it('offers nothing in documents that cannot hold a policy, and does not throw', () => {
      assert.deepStrictEqual(complete('# Trust\n|', ZONE_CONFIG, fileUri('README.md'), 'markdown'), []);
    });

    it('completes inside the AssumeRolePolicyDocument of a CloudFormation JSON template, and not elsewhere in it', () => {
      const template = (inner: string) =>
        `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {${inner}}}}}`;
      const inPolicy = complete(template('"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "|"}]}'), ZONE_CONFIG, fileUri('stack.json'));
      assert.ok(labels(inPolicy).includes('Principal'));
      assert.deepStrictEqual(complete(template('"RoleName": "x", "|"'), ZONE_CONFIG, fileUri('stack.json')), []);
    });

    it('never throws, at any offset of a policy cut anywhere', () => {
      const policy = `{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Principal": {"Federated": "${GITHUB}", "AWS": ["*", 1]}, "Action": ["sts:AssumeRoleWithWebIdentity"], "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:a/b:*"}, "Bool": {"aws:x": true}}}, // c\n null]}`;
      for (let cut = 0; cut <= policy.length; cut += 3) {
        const text = policy.slice(0, cut);
        for (let at = 0; at <= text.length; at += 7) complete(`${text.slice(0, at)}|${text.slice(at)}`);
      }
    });
  });
});
