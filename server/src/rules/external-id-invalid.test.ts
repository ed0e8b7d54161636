import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './external-id-invalid';

const trust = (operator: string, value: unknown) =>
  policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::348201957364:root' }, Action: 'sts:AssumeRole', Condition: { [operator]: { 'sts:ExternalId': value } } });

ruleTester(rule, {
  valid: [
    trust('StringEquals', 'f3a9c1e2-7b44-4d0e-9a51-2c6d8e0b7f13'),
    trust('StringEquals', 'Acme+Corp=1,2.3@x:y/z_w-v'),
    trust('StringEquals', 'ab'),
    trust('StringEquals', 'x'.repeat(1224)),
    { name: 'wildcards are pattern characters under StringLike', code: trust('StringLike', 'acme-*') },
    { name: 'Null takes true/false, not ids', code: trust('Null', 'false') },
  ],
  invalid: [
    { code: trust('StringEquals', 'XMode Social'), errors: [{ text: '"XMode Social"', message: ['a space', '2 to 1,224', 'never match'], severity: 'error' }] },
    { name: 'one character', code: trust('StringEquals', 'a'), errors: [{ text: '"a"', message: '1 character' }] },
    { name: 'empty', code: trust('StringEquals', ''), errors: [{ text: '""', message: 'is empty' }] },
    { name: 'too long', code: trust('StringEquals', 'x'.repeat(1225)), errors: [{ text: `"${'x'.repeat(1225)}"`, message: '1225 characters' }] },
    { name: 'angle-bracket placeholder in a list', code: trust('StringEquals', ['f3a9c1e2', '<external-id>']), errors: [{ text: '"<external-id>"', message: ['"<"', '">"'] }] },
    { name: '* is a character under StringEquals', code: trust('StringEquals', 'acme-*'), errors: [{ text: '"acme-*"', message: '"*"' }] },
  ],
});

describe('rule external-id-invalid with values known only at deploy time', () => {
  it('stays quiet on a deploy-time external id', () => assertQuietWithUnknowns(rule, trust('StringEquals', '${var.external_id}')));
});
