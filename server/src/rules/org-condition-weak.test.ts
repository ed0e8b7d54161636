import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './org-condition-weak';

const trust = (condition: object, effect = 'Allow') => policy({ Effect: effect, Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: condition });

ruleTester(rule, {
  valid: [
    trust({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
    trust({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } }),
    { name: 'a refusal in a Deny is the strong form', code: trust({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, 'Deny') },
    { name: '* under StringEquals is left to condition-wildcard-without-like', code: trust({ StringEquals: { 'aws:PrincipalOrgID': '*' } }) },
  ],
  invalid: [
    { name: 'IfExists (on the key)', code: trust({ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }), errors: [{ text: '"aws:PrincipalOrgID"', message: ['absent', 'Use StringEquals'], severity: 'warning' }] },
    { name: 'a negated operator on an Allow', code: trust({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }), errors: [{ text: '"aws:PrincipalOrgID"', message: ['outside the listed organization', 'Deny'] }] },
    { name: 'any organization', code: trust({ StringLike: { 'aws:principalOrgId': 'o-*' } }), errors: [{ text: '"o-*"', message: 'every organization' }] },
    { name: 'any path', code: trust({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/*', '*'] } }), errors: [{ text: '"*"' }] },
    { name: 'Null false only asks for some organization', code: trust({ Null: { 'aws:PrincipalOrgID': 'false' } }), errors: [{ text: '"aws:PrincipalOrgID"', message: 'some organization' }] },
  ],
});

describe('rule org-condition-weak with values known only at deploy time', () => {
  it('stays quiet on a deploy-time pattern', () => assertQuietWithUnknowns(rule, trust({ StringLike: { 'aws:PrincipalOrgID': '${var.org_pattern}' } })));
});
