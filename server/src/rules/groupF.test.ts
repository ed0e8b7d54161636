import * as assert from 'assert';
import * as fs from 'fs';
import { lint } from '../testing/ruleTester';
import { loadParsers } from '../testing/parsers';
import { assertDocsPageBasics, jsonUnder, ruleDocsPage, ruleExampleFile } from '../testing/ruleDocs';
import { GROUP_F } from './groupF';

/**
 * Each group F rule has a docs page whose Bad example fires it and whose Good example does not,
 * and an example policy (examples/rules/<id>.trust.json) on which it is the only group F rule
 * that speaks.
 */
function groupFFindings(text: string, file?: string): string[] {
  return GROUP_F.flatMap((r) => lint(text, r, {}, file).map((f) => f.ruleId));
}

describe('group F', () => {
  it('is registered in catalogue order', () => {
    assert.deepStrictEqual(
      GROUP_F.map((r) => r.id),
      ['oidc-no-condition', 'oidc-sub-missing', 'oidc-sub-broad', 'oidc-sub-malformed', 'oidc-aud', 'eks-irsa-sub', 'cognito-aud', 'cognito-amr', 'saml-aud'],
    );
    assert.ok(GROUP_F.every((r) => r.group === 'F'));
  });

  for (const rule of GROUP_F) {
    it(`${rule.id}: its example fires it and no other federation rule`, () => {
      const file = ruleExampleFile(rule.id);
      assert.deepStrictEqual(groupFFindings(fs.readFileSync(file, 'utf8'), file), [rule.id]);
    });

    it(`${rule.id}: its docs page's Bad example fires it and its Good example passes every federation rule`, () => {
      const page = ruleDocsPage(rule.id);
      assertDocsPageBasics(page, rule);
      assert.ok(lint(jsonUnder(page, 'Bad'), rule).length > 0, 'Bad example is quiet');
      assert.deepStrictEqual(groupFFindings(jsonUnder(page, 'Good')), []);
    });
  }

  describe('in Terraform', () => {
    loadParsers();

    const document = (principal: string, conditions: string) => `
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "deploy_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [${principal}]
    }
${conditions}
  }
}

resource "aws_iam_role" "deploy" {
  name               = "github-deploy"
  assume_role_policy = data.aws_iam_policy_document.deploy_trust.json
}
`;
    const condition = (test: string, variable: string, values: string) => `    condition {
      test     = "${test}"
      variable = "${variable}"
      values   = [${values}]
    }`;

    it('judges literal subjects of aws_iam_policy_document', () => {
      const tf = document(
        '"arn:aws:iam::318574629013:oidc-provider/token.actions.githubusercontent.com"',
        [condition('StringEquals', 'token.actions.githubusercontent.com:aud', '"sts.amazonaws.com"'), condition('StringLike', 'token.actions.githubusercontent.com:sub', '"repo:*"')].join('\n'),
      );
      const found = GROUP_F.flatMap((r) => lint(tf, r, {}, 'main.tf'));
      assert.deepStrictEqual(found.map((f) => [f.ruleId, tf.substr(f.span.offset, f.span.length)]), [['oidc-sub-broad', '"repo:*"']]);
    });

    it('says nothing that depends on a provider ARN or a subject known only at apply time', () => {
      const tf = document(
        'aws_iam_openid_connect_provider.github.arn',
        [condition('StringEquals', 'token.actions.githubusercontent.com:aud', '"sts.amazonaws.com"'), condition('StringLike', 'token.actions.githubusercontent.com:sub', '"repo:${var.github_org}/*"')].join('\n'),
      );
      assert.deepStrictEqual(groupFFindings(tf, 'main.tf'), []);
      const literalProvider = tf.replace('aws_iam_openid_connect_provider.github.arn', '"arn:aws:iam::318574629013:oidc-provider/token.actions.githubusercontent.com"');
      assert.deepStrictEqual(groupFFindings(literalProvider, 'main.tf'), []);
    });
  });
});
