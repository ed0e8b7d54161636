import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { fixed } from '../testing/fixes';
import { cloudFormationRole } from '../testing/statementDocuments';
import { rule } from './cross-account-no-external-id';
import { rule as externalIdWeak } from './external-id-weak';

const OWN = '210987654321';
const VENDOR = '348201957364';
const PARTNER = '572913468025';
const zone = { ownAccountIds: [OWN], partnerAccountIds: [PARTNER] };
const trust = (aws: unknown, extra: object = {}) => policy({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole', ...extra });
const withExternalId = { Condition: { StringEquals: { 'sts:ExternalId': 'f3a9c1e2-7b44-4d0e-9a51-2c6d8e0b7f13' } } };

ruleTester(rule, {
  valid: [
    { name: 'own account', code: trust(`arn:aws:iam::${OWN}:role/Deploy`), config: zone },
    { name: 'third party with an ExternalId', code: trust(`arn:aws:iam::${VENDOR}:root`, withExternalId), config: zone },
    { name: 'partner with an ExternalId, key in another case', code: trust(PARTNER, { Condition: { StringEquals: { 'STS:EXTERNALID': 'f3a9c1e2-7b44' } } }), config: zone },
    {
      name: 'same-organization trust by aws:PrincipalOrgID',
      code: trust(`arn:aws:iam::${VENDOR}:role/Deploy`, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      config: { ...zone, organizationId: 'o-a1b2c3d4e5' },
    },
    {
      name: 'organization guarded by a Deny',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ),
      config: zone,
    },
    {
      name: 'ExternalId required by a Deny',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'sts:ExternalId': 'f3a9c1e2-7b44' } } },
      ),
      config: zone,
    },
    { name: 'example accounts are left to principal-example-account', code: trust('arn:aws:iam::111122223333:root'), config: zone },
    { name: 'a Deny grants nothing', code: policy({ Effect: 'Deny', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' }), config: zone },
    { name: 'services are not accounts', code: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), config: zone },
  ],
  invalid: [
    {
      name: 'a third-party account with the zone of trust configured',
      code: trust(`arn:aws:iam::${VENDOR}:root`),
      config: zone,
      errors: [{ text: `"arn:aws:iam::${VENDOR}:root"`, message: [`Any principal in account ${VENDOR} can assume this role; third-party accounts need an sts:ExternalId condition`, 'confused-deputy', '"sts:ExternalId"'], severity: 'warning' }],
    },
    {
      name: 'a role of a known partner still needs an ExternalId',
      code: trust([`arn:aws:iam::${OWN}:role/Deploy`, `arn:aws:iam::${PARTNER}:role/Integration`]),
      config: zone,
      errors: [{ text: `"arn:aws:iam::${PARTNER}:role/Integration"`, message: ['Role Integration', 'known partner', 'sts:ExternalId'], severity: 'warning' }],
    },
    {
      name: 'no zone of trust: information naming the account and how to configure it',
      code: trust(VENDOR),
      errors: [{ text: `"${VENDOR}"`, message: [`account ${VENDOR}`, 'ownAccountIds', '.iam-trust.json', 'iamTrust.ownAccountIds'], severity: 'information' }],
    },
    {
      name: 'an org condition naming another organization is not the zone of trust',
      code: trust(VENDOR, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } } }),
      config: { ...zone, organizationId: 'o-a1b2c3d4e5' },
      errors: [{ text: `"${VENDOR}"`, severity: 'warning' }],
    },
    {
      name: 'an IfExists org condition does not vouch for the account',
      code: trust(VENDOR, { Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      config: zone,
      errors: [{ text: `"${VENDOR}"` }],
    },
  ],
});

describe('rule cross-account-no-external-id with values known only at deploy time', () => {
  it('stays quiet when the principal is not literal', () => assertQuietWithUnknowns(rule, trust('${var.vendor_account}'), zone));
  it('stays quiet when the Condition is not literal', () => assertQuietWithUnknowns(rule, trust(VENDOR, { Condition: '${local.vendor_condition}' }), zone));
  it('stays quiet when the ExternalId is not literal', () =>
    assertQuietWithUnknowns(rule, trust(VENDOR, { Condition: { StringEquals: { 'sts:ExternalId': '${var.external_id}' } } }), zone));
  it('stays quiet when the org id is not literal', () =>
    assertQuietWithUnknowns(rule, trust(VENDOR, { Condition: { StringEquals: { 'aws:PrincipalOrgID': '${var.org_id}' } } }), zone));
});

describe('rule cross-account-no-external-id quick fix', () => {
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;
  const vendorRoot = `arn:aws:iam::${VENDOR}:root`;

  it('requires a freshly generated ExternalId, and the rule is then satisfied', () => {
    const after = fixed(trust(vendorRoot), rule, zone);
    const id = UUID.exec(after)?.[0];
    assert.ok(id, after);
    assert.strictEqual(after, trust(vendorRoot, { Condition: { StringEquals: { 'sts:ExternalId': id } } }));
    assert.deepStrictEqual(lint(after, rule, zone), []);
    assert.deepStrictEqual(lint(after, externalIdWeak, zone), [], 'the generated id is not weak');
    assert.notStrictEqual(UUID.exec(fixed(trust(vendorRoot), rule, zone))?.[0], id, 'each offer has its own value');
  });

  it('says where the value comes from, and is not applied by "fix all"', () => {
    const [finding] = lint(trust(vendorRoot), rule, zone);
    assert.match(finding.fixes[0].title, /sts:ExternalId.*new random value/);
    assert.strictEqual(finding.fixes[0].preferred, undefined);
  });

  it('is offered for partners and when the zone of trust is not configured', () => {
    assert.strictEqual(lint(trust(PARTNER), rule, zone)[0].fixes.length, 1);
    assert.strictEqual(lint(trust(VENDOR), rule)[0].fixes.length, 1);
  });

  it('is not offered when the statement also trusts an own account or a service, which send no ExternalId', () => {
    const withOwn = lint(trust([`arn:aws:iam::${OWN}:role/Deploy`, vendorRoot]), rule, zone);
    assert.deepStrictEqual(withOwn.map((f) => f.fixes.length), [0]);
    const withService = lint(policy({ Effect: 'Allow', Principal: { AWS: vendorRoot, Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), rule, zone);
    assert.deepStrictEqual(withService.map((f) => f.fixes.length), [0]);
  });

  it('is not offered in CloudFormation YAML', () => {
    const yaml = cloudFormationRole(['- Effect: Allow', `  Principal: { AWS: "${vendorRoot}" }`, '  Action: sts:AssumeRole']);
    assert.deepStrictEqual(lint(yaml, rule, zone, 'template.yaml').map((f) => f.fixes.length), [0]);
  });
});
