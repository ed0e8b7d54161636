import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Hover, MarkupContent } from 'vscode-languageserver-types';
import { provideHover } from '../../server/src/features/hover';
import { TrustConfig } from '../../server/src/config';
import { atCursor, fileUri, NO_ZONE_CONFIG, ZONE_CONFIG } from './cursorMarker';

function hover(marked: string, config: TrustConfig = ZONE_CONFIG, uri = fileUri('role-trust.json'), languageId = 'json'): Promise<Hover | null> {
  const { document, position } = atCursor(marked, uri, languageId);
  return provideHover(document, position, config);
}

async function text(marked: string, config?: TrustConfig, uri?: string, languageId?: string): Promise<string> {
  const h = await hover(marked, config, uri, languageId);
  assert.ok(h, `no hover at ${marked}`);
  return (h.contents as MarkupContent).value;
}

/** A policy with the cursor put just inside the first occurrence of `needle`. */
function at(policy: string, needle: string, occurrence = 0): string {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = policy.indexOf(needle, index + 1);
  assert.ok(index >= 0, `fixture lacks ${needle}`);
  return `${policy.slice(0, index + 1)}|${policy.slice(index + 1)}`;
}

/** A CloudFormation template of the format suites (test/fixtures/formats/cloudformation). */
function fixture(name: string): string {
  return fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/formats/cloudformation', name), 'utf8');
}

const CI_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Pipeline",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111111111111:role/CIPipelineRole" },
      "Action": "sts:AssumeRole",
      "Condition": { "StringEquals": { "sts:ExternalId": "7d1c9f0e-3b52-4c1e-9a57-2f4b8c6d0e13" } }
    }
  ]
}`;

const statement = (body: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ${body}}]}`;

describe('hover', async () => {
  describe('on the policy', async () => {
    it('summarises who is trusted and the size against the quota, on the Version key', async () => {
      const value = await text(at(CI_POLICY, '"Version"'));
      assert.match(value, /Trusted:\n- role CIPipelineRole in 111111111111; requires ExternalId/);
      assert.match(value, /Size: \d+ of 2,048 characters \(\d+%\), white space not counted\./);
    });

    it('gives the same summary on the Statement key and on the opening brace', async () => {
      const summary = await text(at(CI_POLICY, '"Version"'));
      assert.strictEqual(await text(at(CI_POLICY, '"Statement"')), summary);
      assert.strictEqual(await text(`|${CI_POLICY}`), summary);
    });

    it('tells a statement with no Effect or an invalid one (IAM rejects the policy) from one whose Effect is known only at deploy time', async () => {
      const withEffect = (effect: string) => `{"Version": "2012-10-17", "Statement": [{${effect}"Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole"}]}`;
      const missing = await text(at(withEffect(''), '"Version"'));
      assert.match(missing, /\n\nNo Effect, so IAM rejects the policy:\n- account 210987654321/);
      assert.doesNotMatch(missing, /deploy time/);
      const invalid = await text(at(withEffect('"Effect": "allow", '), '"Version"'));
      assert.match(invalid, /\n\nEffect neither Allow nor Deny, so IAM rejects the policy:\n- account 210987654321/);
      const deployTime = await text(at(withEffect('"Effect": "${effect}", '), '"Version"'), ZONE_CONFIG, fileUri('role-trust.json.tpl'));
      assert.match(deployTime, /\n\nEffect known only at deploy time:\n- account 210987654321/);
      assert.doesNotMatch(deployTime, /rejects/);
    });

    it('says when the policy is over the configured quota', async () => {
      assert.match(await text(at(CI_POLICY, '"Version"'), { ...ZONE_CONFIG, trustPolicyQuota: 100 }), /of 100 characters .*\*\*Over the quota\*\*/);
    });

    it('says nobody is trusted without an Allow statement, and lists Deny statements', async () => {
      const value = await text(at('{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}', '"Version"'));
      assert.match(value, /Trusted: nobody/);
      assert.match(value, /Refused:\n- anyone/);
    });

    it('lists the conditions of a statement when hovering its brace', async () => {
      const policy = statement('"Sid": "Org", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}');
      const value = await text(policy.replace('[{', '[|{'));
      assert.match(value, /Statement "Org"/);
      assert.match(value, /requires organization `o-a1b2c3d4e5`/);
    });
  });

  describe('on a principal', async () => {
    it('names one role in one of your own accounts as the tightest scope', async () => {
      const value = await text(at(statement('"Principal": {"AWS": "arn:aws:iam::210987654321:role/Deployer"}, "Action": "sts:AssumeRole"'), 'arn:'));
      assert.match(value, /Only the role `Deployer` in account 210987654321/);
      assert.match(value, /Scope: \*\*one specific role\*\*/);
      assert.match(value, /one of your own accounts/);
    });

    it('says a root ARN admits the whole account, here a partner', async () => {
      const value = await text(at(statement('"Principal": {"AWS": "arn:aws:iam::310987654321:root"}, "Action": "sts:AssumeRole"'), 'arn:'));
      assert.match(value, /Every role and user in account 310987654321/);
      assert.match(value, /\*\*a whole account\*\*/);
      assert.match(value, /known partner account/);
    });

    it('says "*" means anyone, and what narrows it when a condition does', async () => {
      const open = await text(at(statement('"Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"'), '"*"'));
      assert.match(open, /Anyone with AWS credentials, in any AWS account\. Nothing in the conditions narrows it/);
      assert.match(open, /\*\*anyone\*\*/);
      const narrowed = await text(at(statement('"Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}'), '"*"'));
      assert.match(narrowed, /Narrowed by the conditions to principals in organization o-a1b2c3d4e5/);
    });

    it('flags documentation accounts, and asks for the zone of trust when none is configured', async () => {
      assert.match(await text(at(statement('"Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"'), '"1234')), /example account id from the AWS documentation/);
      assert.match(await text(at(statement('"Principal": {"AWS": "987654321098"}, "Action": "sts:AssumeRole"'), '"9876'), NO_ZONE_CONFIG), /set `ownAccountIds`/);
    });

    it('explains a service principal and whether it is held to your resources', async () => {
      const loose = await text(at(statement('"Principal": {"Service": "events.amazonaws.com"}, "Action": "sts:AssumeRole"'), 'events'));
      assert.match(loose, /Amazon EventBridge|EventBridge/);
      assert.match(loose, /add `aws:SourceAccount`/);
      const held = await text(at(statement('"Principal": {"Service": "events.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "210987654321"}}'), 'events'));
      assert.match(held, /Only on behalf of the resources/);
    });

    it('warns that any GitHub user can assume when nothing checks the subject', async () => {
      const github = '"Principal": {"Federated": "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"';
      const open = await text(at(statement(github), 'arn:'));
      assert.match(open, /GitHub Actions/);
      assert.match(open, /every customer of GitHub Actions .* any of them can assume this role/);
      const tight = await text(at(statement(`${github}, "Condition": {"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main"}}`), 'arn:'));
      assert.match(tight, /Required: sub `repo:acme\/app:ref:refs\/heads\/main`/);
      assert.doesNotMatch(tight, /any of them/);
    });

    it('says a bare "*" principal means everyone', async () => {
      assert.match(await text(at(statement('"Principal": "*", "Action": "sts:AssumeRole"'), '"*"')), /Everyone/);
    });
  });

  describe('on conditions', async () => {
    it('describes a condition key with its type and operators from the IAM data', async () => {
      const value = await text(at(CI_POLICY, '"sts:ExternalId"'));
      assert.match(value, /\*\*sts:ExternalId\*\* \(condition key\)/);
      assert.match(value, /confused deputy/);
      assert.match(value, /Type: `String`\. Operators: `StringEquals`/);
      assert.match(value, /In this statement: requires ExternalId/);
    });

    it('describes a provider claim from the provider table', async () => {
      const policy = statement('"Principal": {"Federated": "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}}');
      assert.match(await text(at(policy, '"token.actions')), /which repository and which branch/);
    });

    it('says a key is unknown to it', async () => {
      assert.match(await text(at(statement('"Principal": {"AWS": "*"}, "Condition": {"StringEquals": {"aws:PrincipalOrgIdentifier": "x"}}'), '"aws:PrincipalOrgIdentifier"')), /does not know this condition key/);
    });

    it('explains an operator, with what IfExists and ForAllValues do to the requirement', async () => {
      const policy = (op: string) => statement(`"Principal": {"AWS": "*"}, "Condition": {"${op}": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`);
      assert.match(await text(at(policy('StringEqualsIfExists'), '"StringEquals')), /also holds when the request has no such key/);
      assert.match(await text(at(policy('ForAllValues:StringEquals'), '"ForAll')), /alone it requires nothing/);
      assert.match(await text(at(policy('StringEqualz'), '"StringEqualz')), /not an IAM condition operator/);
    });
  });

  describe('on other elements', async () => {
    it('explains actions, wildcards included', async () => {
      assert.match(await text(at(CI_POLICY, '"sts:AssumeRole"')), /\*\*sts:AssumeRole\*\*/);
      assert.match(await text(at(statement('"Principal": {"AWS": "*"}, "Action": "sts:*"'), '"sts:*"')), /grants `sts:AssumeRole`, .*`sts:SetContext`/);
    });

    it('explains Effect, Version and element keys', async () => {
      assert.match(await text(at(statement('"Principal": {"AWS": "*"}'), '"Allow"')), /can assume the role/);
      assert.match(await text(at(CI_POLICY, '"2012-10-17"')), /policy variables/);
      assert.match(await text(at(CI_POLICY, '"Condition"')), /keys are AND-ed/);
      assert.match(await text(at(CI_POLICY, '"AWS"')), /Principal type AWS/);
      assert.match(await text(at(statement('"Principal": {"AWS": "*"}, "Resource": "*"'), '"Resource"')), /cannot have `Resource`/);
    });

    it('puts the hover range on the hovered token', async () => {
      const marked = at(CI_POLICY, '"sts:ExternalId"');
      const h = (await hover(marked))!;
      const start = CI_POLICY.indexOf('"sts:ExternalId"');
      const line = CI_POLICY.slice(0, start).split('\n').length - 1;
      const character = start - CI_POLICY.lastIndexOf('\n', start) - 1;
      assert.deepStrictEqual(h.range, { start: { line, character }, end: { line, character: character + '"sts:ExternalId"'.length } });
    });
  });

  describe('in other formats and documents', async () => {
    it('reads CloudFormation YAML: a role, a service principal, an intrinsic known only at deploy time', async () => {
      const roles = fixture('roles.yaml');
      const uri = fileUri('roles.yaml');
      assert.match(await text(at(roles, 'arn:aws:iam::210987654321:role/Pipeline'), ZONE_CONFIG, uri, 'yaml'), /Only the role `Pipeline`/);
      assert.match(await text(at(roles, 'ec2.amazonaws'), ZONE_CONFIG, uri, 'yaml'), /Amazon EC2/);
      const intrinsics = fixture('intrinsics.yaml');
      assert.match(await text(at(intrinsics, '!GetAtt Pipeline'), ZONE_CONFIG, fileUri('intrinsics.yaml'), 'yaml'), /`!GetAtt Pipeline.Arn` \(known only at deploy time\)/);
    });

    it('reads Terraform, waiting for its parser the first time', async () => {
      const tf = [
        'resource "aws_iam_role" "ci" {',
        '  name = "ci"',
        '  assume_role_policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [{',
        '      Effect    = "Allow"',
        '      Principal = { AWS = "arn:aws:iam::210987654321:role/Deployer" }',
        '      Action    = "sts:AssumeRole"',
        '    }]',
        '  })',
        '}',
        '',
      ].join('\n');
      assert.match(await text(at(tf, 'arn:'), ZONE_CONFIG, fileUri('main.tf'), 'terraform'), /Only the role `Deployer`/);
    });

    it('gives nothing outside trust policies', async () => {
      assert.strictEqual(await hover('{"name": "a|pp"}', ZONE_CONFIG, fileUri('package.json')), null);
      assert.strictEqual(await hover('# Tru|st', ZONE_CONFIG, fileUri('README.md'), 'markdown'), null);
    });

    it('never throws on broken documents', async () => {
      const broken = CI_POLICY.slice(0, 200);
      for (let i = 0; i <= broken.length; i += 5) await hover(`${broken.slice(0, i)}|${broken.slice(i)}`);
    });
  });
});
