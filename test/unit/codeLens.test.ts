import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeLens } from 'vscode-languageserver-types';
import { ASSUME_ROLE_COMMAND, provideCodeLenses, SUMMARY_MAX_LENGTH } from '../../server/src/features/codeLens';
import { fileUri, ZONE_CONFIG } from './cursorMarker';

function lenses(text: string, uri = fileUri('role-trust.json'), languageId = 'json'): Promise<CodeLens[]> {
  return provideCodeLenses(TextDocument.create(uri, languageId, 1, text), ZONE_CONFIG);
}

/** The summary lens titles, in order. */
async function summaries(text: string, uri?: string, languageId?: string): Promise<string[]> {
  return (await lenses(text, uri, languageId)).filter((l) => l.command?.command === '').map((l) => l.command!.title);
}

function fixture(folder: string, name: string): string {
  return fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/formats', folder, name), 'utf8');
}

const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const CI_POLICY = policy([
  {
    Sid: 'Pipeline',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111111111111:role/CIPipelineRole' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': '7d1c9f0e-3b52-4c1e-9a57-2f4b8c6d0e13' } },
  },
]);

describe('code lenses', () => {
  it('puts "Assume this role" (document and policy index as arguments) and who is trusted on the policy\'s first line', async () => {
    const uri = fileUri('ci-trust.json');
    const found = await lenses(`\n\n${CI_POLICY}`, uri);
    assert.strictEqual(found.length, 2);
    const [assume, summary] = found;
    assert.deepStrictEqual(assume.command, { title: 'Assume this role', command: ASSUME_ROLE_COMMAND, arguments: [uri, 0] });
    assert.deepStrictEqual(assume.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
    assert.deepStrictEqual(summary.range, assume.range);
    // Display only: an empty command id is shown as text by VS Code.
    assert.deepStrictEqual(summary.command, { title: 'Trusts: role CIPipelineRole in 111111111111 · requires ExternalId', command: '' });
  });

  it('gives each role of a CloudFormation template its own pair, numbered as the assume command reads them', async () => {
    const uri = fileUri('roles.yaml');
    const text = fixture('cloudformation', 'roles.yaml');
    const found = await lenses(text, uri, 'yaml');
    const assume = found.filter((l) => l.command?.command === ASSUME_ROLE_COMMAND);
    assert.deepStrictEqual(
      assume.map((l) => l.command!.arguments),
      [
        [uri, 0],
        [uri, 1],
        [uri, 2],
      ],
      'the bucket policy is not a trust policy and gets none',
    );
    // Each pair sits on the first line of its AssumeRolePolicyDocument.
    const lines = text.split('\n');
    assert.deepStrictEqual(
      assume.map((l) => lines[l.range.start.line].trim()),
      ['Version: "2012-10-17"', 'Version: "2012-10-17"', 'Version: "2012-10-17"'],
    );
    assert.deepStrictEqual(await summaries(text, uri, 'yaml'), [
      'Trusts: anyone ({"AWS": "*"})',
      'Trusts: role Pipeline in 210987654321 · requires organization o-abcdefghij',
      'Trusts: service ec2.amazonaws.com',
    ]);
  });

  it('summarises Terraform policies once the parser has loaded', async () => {
    const text = fixture('terraform', 'roles.tf');
    const titles = await summaries(text, fileUri('roles.tf'), 'terraform');
    assert.ok(titles.length >= 3, JSON.stringify(titles));
    assert.strictEqual(titles[0], 'Trusts: anyone ({"AWS": "*"})');
  });

  it('says what Deny statements refuse, and that nobody is trusted without an Allow', async () => {
    const withDeny = policy([
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::210987654321:user/intern' }, Action: 'sts:AssumeRole' },
    ]);
    assert.deepStrictEqual(await summaries(withDeny), ['Trusts: account 210987654321 (whole account) | Refuses: user intern in 210987654321']);
    const denyOnly = policy([{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]);
    assert.deepStrictEqual(await summaries(denyOnly), ['Trusts: nobody (no Allow statement) | Refuses: anyone ({"AWS": "*"})']);
  });

  it('lists several statements, says what is known only at deploy time, and stays one short line', async () => {
    const cfn = fixture('cloudformation', 'intrinsics.yaml');
    const cfnTitles = await summaries(cfn, fileUri('intrinsics.yaml'), 'yaml');
    assert.ok(cfnTitles.some((t) => t.includes('known only at deploy time')), JSON.stringify(cfnTitles));
    for (const title of cfnTitles) {
      assert.ok(title.length <= SUMMARY_MAX_LENGTH, title);
      assert.doesNotMatch(title, /`/, 'lens titles are plain text');
    }
    const many = policy(
      Array.from({ length: 12 }, (_, i) => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::210987654321:role/PipelineStage${i}` }, Action: 'sts:AssumeRole' })),
    );
    const [title] = await summaries(many);
    assert.strictEqual(title.length, SUMMARY_MAX_LENGTH);
    assert.match(title, /^Trusts: role PipelineStage0 in 210987654321; role PipelineStage1 in 210987654321; .*…$/);
    const unknown = '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "${var.deployer}"}, "Action": "sts:AssumeRole"}]}';
    assert.deepStrictEqual(await summaries(unknown, fileUri('deployer.json.tpl'), 'json'), ['Trusts: a principal known only at deploy time']);
  });

  it('tells a statement with no Effect (IAM rejects the policy) from one whose Effect is known only at deploy time', async () => {
    const principal = '"Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole"';
    assert.deepStrictEqual(await summaries(`{"Version": "2012-10-17", "Statement": [{${principal}}]}`), [
      'Trusts: nobody (no Allow statement) | No Effect, so IAM rejects the policy: account 210987654321 (whole account)',
    ]);
    assert.deepStrictEqual(await summaries(`{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", ${principal}}]}`), [
      'Trusts: nobody (no Allow statement) | Effect neither Allow nor Deny, so IAM rejects the policy: account 210987654321 (whole account)',
    ]);
    assert.deepStrictEqual(await summaries(`{"Version": "2012-10-17", "Statement": [{"Effect": "\${effect}", ${principal}}]}`, fileUri('role.json.tpl'), 'json'), [
      'Trusts: nobody (no Allow statement) | Effect known only at deploy time: account 210987654321 (whole account)',
    ]);
  });

  it('gives nothing for files that hold no trust policy, and never throws on broken text', async () => {
    assert.deepStrictEqual(await lenses('{"name": "app", "version": "1.0.0"}', fileUri('package.json')), []);
    assert.deepStrictEqual(await lenses('{"rules": {}}', fileUri('.iam-trust.json')), []);
    assert.deepStrictEqual(await lenses('# Trust', fileUri('README.md'), 'markdown'), []);
    const broken = await lenses('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ', fileUri('half-trust.json'));
    assert.ok(broken.every((l) => l.command !== undefined));
  });
});
