import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns, lintWithUnknowns } from '../testing/unknownValues';
import { fixed } from '../testing/fixes';
import { cloudFormationRole } from '../testing/statementDocuments';
import { ORG_ID_PLACEHOLDER, rule } from './principal-any';

const anyone = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };
const denyOutsideOrg = {
  Sid: 'OnlyMyOrg',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'sts:AssumeRole',
  Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
};

ruleTester(rule, {
  valid: [
    policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: 'sts:AssumeRole' }),
    policy({ ...anyone, Effect: 'Deny' }),
    { name: 'service principals are not "any AWS principal"', code: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    { code: policy(anyone), errors: [{ text: '"*"', message: ['Any principal in any AWS account', 'aws:PrincipalOrgID'], severity: 'error' }] },
    {
      name: 'in a list',
      code: policy({ ...anyone, Principal: { AWS: ['arn:aws:iam::210987654321:root', '*'] } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'narrowed by org id: hint naming the restriction',
      code: policy({ ...anyone, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }),
      errors: [{ text: '"*"', message: ['aws:PrincipalOrgID', 'organization o-abcdefghij'], severity: 'hint' }],
    },
    {
      name: 'condition keys are case-insensitive',
      code: policy({ ...anyone, Condition: { StringEquals: { 'AWS:principalorgid': 'o-abcdefghij' } } }),
      errors: [{ text: '"*"', severity: 'hint' }],
    },
    {
      name: 'narrowed by the principal ARN',
      code: policy({ ...anyone, Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/ci-*' } } }),
      errors: [{ text: '"*"', message: 'arn:aws:iam::210987654321:role/ci-*', severity: 'hint' }],
    },
    {
      name: 'a Deny that refuses everyone outside the organization narrows it',
      code: policy(anyone, denyOutsideOrg),
      errors: [{ text: '"*"', message: ['statement "OnlyMyOrg"', 'organization o-abcdefghij'], severity: 'hint' }],
    },
    {
      name: 'a Deny with one more condition refuses only sometimes: no narrowing',
      code: policy(anyone, { ...denyOutsideOrg, Condition: { ...denyOutsideOrg.Condition, Bool: { 'aws:SecureTransport': 'false' } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'a ForAnyValue: refusal lets callers without the key through: no narrowing',
      code: policy(anyone, { ...denyOutsideOrg, Condition: { 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'a Deny on other actions does not guard AssumeRole',
      code: policy(anyone, { ...denyOutsideOrg, Action: 'sts:TagSession' }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'IfExists does not narrow',
      code: policy({ ...anyone, Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'a negated operator in the Allow does not narrow',
      code: policy({ ...anyone, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'a role name in any account does not narrow',
      code: policy({ ...anyone, Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'one catch-all value among others opens the condition',
      code: policy({ ...anyone, Condition: { StringLike: { 'aws:PrincipalOrgID': ['o-abcdefghij', 'o-*'] } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
    {
      name: 'a principal tag does not narrow: anyone can tag a role in their own account',
      code: policy({ ...anyone, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
  ],
});

describe('rule principal-any with values known only at deploy time', () => {
  it('stays quiet when the Condition block is not literal', () => {
    assertQuietWithUnknowns(rule, policy({ ...anyone, Condition: { StringEquals: '${local.org_condition}' } }));
  });
  it('stays quiet when the principal is not literal', () => {
    assertQuietWithUnknowns(rule, policy({ ...anyone, Principal: { AWS: '${var.trusted}' } }));
  });
  it('stays quiet when a Deny that may guard it has a deploy-time principal', () => {
    assertQuietWithUnknowns(rule, policy(anyone, { ...denyOutsideOrg, Principal: { AWS: '${var.everyone}' } }));
  });
  it('treats a deploy-time org id as narrowing (hint, not error), and fires once the Condition is gone', () => {
    const narrowed = policy({ ...anyone, Condition: { StringEquals: { 'aws:PrincipalOrgID': '${var.org_id}' } } });
    assert.deepStrictEqual(lintWithUnknowns(narrowed, rule).map((f) => f.severity), ['hint']);
    assert.deepStrictEqual(lintWithUnknowns(policy(anyone), rule).map((f) => f.severity), ['error']);
  });
});

describe('rule principal-any quick fix', () => {
  const ORG_ID = 'o-a1b2c3d4e5';
  const onlyOrg = (orgId: string) => policy({ ...anyone, Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } } });

  it('narrows to the configured organization, as the preferred fix; the error becomes a hint', () => {
    const [finding] = lint(policy(anyone), rule, { organizationId: ORG_ID });
    assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [[`Allow only principals of organization ${ORG_ID} (aws:PrincipalOrgID)`, true]]);
    const after = fixed(policy(anyone), rule, { organizationId: ORG_ID });
    assert.strictEqual(after, onlyOrg(ORG_ID));
    assert.deepStrictEqual(lint(after, rule, { organizationId: ORG_ID }).map((f) => f.severity), ['hint']);
  });

  it('writes a placeholder when no organization is configured, and says so', () => {
    const [finding] = lint(policy(anyone), rule);
    assert.match(finding.fixes[0].title, new RegExp(`replace ${ORG_ID_PLACEHOLDER}`));
    assert.strictEqual(finding.fixes[0].preferred, undefined, 'a placeholder is not a fix to apply blindly');
    assert.strictEqual(fixed(policy(anyone), rule), onlyOrg(ORG_ID_PLACEHOLDER));
  });

  it('adds to the Condition that is there', () => {
    const tagged = { ...anyone, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } };
    assert.strictEqual(
      fixed(policy(tagged), rule, { organizationId: ORG_ID }),
      policy({ ...anyone, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform', 'aws:PrincipalOrgID': ORG_ID } } }),
    );
  });

  it('is not offered when the condition would also bind other principals of the statement', () => {
    const [finding] = lint(policy({ ...anyone, Principal: { AWS: ['arn:aws:iam::210987654321:root', '*'] } }), rule, { organizationId: ORG_ID });
    assert.deepStrictEqual(finding.fixes, []);
  });

  it('is not offered when the org key is already there with an empty value: that value is the author\'s to fix', () => {
    const [finding] = lint(policy({ ...anyone, Condition: { StringEquals: { 'aws:PrincipalOrgID': '' } } }), rule, { organizationId: ORG_ID });
    assert.deepStrictEqual(finding.fixes, []);
  });

  it('is not offered in CloudFormation YAML, where inserting JSON would be wrong', () => {
    const yaml = cloudFormationRole(['- Effect: Allow', "  Principal: { AWS: '*' }", '  Action: sts:AssumeRole']);
    const found = lint(yaml, rule, { organizationId: ORG_ID }, 'template.yaml');
    assert.deepStrictEqual(found.map((f) => [yaml.substr(f.span.offset, f.span.length), f.fixes.length]), [["'*'", 0]]);
  });
});
