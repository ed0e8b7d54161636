import * as assert from 'assert';
import { readClientSettings, unwrapPushedSettings } from '../../server/src/settings';

function read(raw: unknown) {
  const logs: string[] = [];
  return { config: readClientSettings(raw, (m) => logs.push(m)), logs };
}

const EVERY_SETTING = {
  ownAccountIds: ['111111111112'],
  organizationId: 'o-a1b2c3d4e5',
  partnerAccountIds: ['210987654321'],
  exampleAccountIds: ['123456789012'],
  rules: { 'principal-any': 'warning' },
  trustPolicyQuota: 4096,
  trustPolicyGlobs: ['**/roles/*.json'],
  expectedSessionSeconds: 7200,
};

describe('settings', () => {
  it('reads every iamTrust setting that feeds the configuration', () => {
    const { config, logs } = read({ ...EVERY_SETTING, trace: { server: 'verbose' } });
    assert.deepStrictEqual(logs, []);
    assert.deepStrictEqual(config, EVERY_SETTING, 'every setting is read; keys that are not configuration are left out');
  });

  it('treats empty defaults as not set, so the team config file is not overridden', () => {
    assert.deepStrictEqual(read({ ownAccountIds: [], organizationId: '', rules: {}, trustPolicyQuota: null, trustPolicyGlobs: [] }), { config: {}, logs: [] });
  });

  it('drops bad values with a log line that names the setting', () => {
    const { config, logs } = read({ ownAccountIds: '111111111112', trustPolicyQuota: 'big', rules: { 'principal-any': 'loud', 'json-syntax': 'hint' } });
    assert.deepStrictEqual(config, { rules: { 'json-syntax': 'hint' } });
    assert.strictEqual(logs.length, 3);
    assert.ok(logs.some((l) => /iamTrust\.ownAccountIds must be a list of strings/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /iamTrust\.trustPolicyQuota must be a positive whole number/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /iamTrust\.rules: Rule "principal-any": severity must be one of/.test(l)), logs.join('\n'));
  });

  it('never throws on settings that are not an object', () => {
    for (const raw of [42, 'x', [1], true]) assert.deepStrictEqual(read(raw).config, {});
    assert.strictEqual(read(42).logs.length, 1);
    assert.deepStrictEqual(read(undefined), { config: {}, logs: [] });
  });

  it('accepts pushed settings wrapped in iamTrust or bare', () => {
    assert.deepStrictEqual(unwrapPushedSettings({ iamTrust: { rules: {} } }), { rules: {} });
    assert.deepStrictEqual(unwrapPushedSettings({ rules: {} }), { rules: {} });
  });
});
