import { Node } from './model/ast';
import { ConfigProblem, readConfigObject, TrustConfig } from './config';

/**
 * Client settings (VS Code `iamTrust.*`, or the `settings` of another editor's LSP client) turned
 * into the same partial TrustConfig a `.iam-trust.json` yields, with the same validation.
 */

/** The `workspace/configuration` section the server asks for. */
export const SETTINGS_SECTION = 'iamTrust';

/** The settings that feed TrustConfig. Other `iamTrust.*` keys (trace, commands) are not ours here. */
export const CONFIG_SETTING_KEYS = [
  'ownAccountIds',
  'organizationId',
  'partnerAccountIds',
  'exampleAccountIds',
  'rules',
  'trustPolicyQuota',
  'trustPolicyGlobs',
  'expectedSessionSeconds',
] as const;

const NO_SPAN = { offset: 0, length: 0 };

/** A plain JS value as a neutral tree, so readConfigObject can validate settings like a file. */
function toNode(value: unknown): Node {
  if (typeof value === 'string') return { kind: 'string', span: NO_SPAN, value };
  if (typeof value === 'number') return { kind: 'number', span: NO_SPAN, value };
  if (typeof value === 'boolean') return { kind: 'boolean', span: NO_SPAN, value };
  if (value === null) return { kind: 'null', span: NO_SPAN };
  if (Array.isArray(value)) return { kind: 'array', span: NO_SPAN, items: value.map(toNode) };
  if (typeof value === 'object') {
    return {
      kind: 'object',
      span: NO_SPAN,
      properties: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, keySpan: NO_SPAN, value: toNode(v), span: NO_SPAN })),
    };
  }
  return { kind: 'unknown', span: NO_SPAN, text: String(value) };
}

/**
 * An editor sends every declared setting, set or not. A value left at an empty default must not
 * override the team's `.iam-trust.json`, so null, "", [] and {} mean "not set here".
 */
function isUnset(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

/**
 * Reads the `iamTrust` settings object. A bad value is dropped and described through `log`; it
 * never throws, whatever the client sends.
 */
export function readClientSettings(raw: unknown, log: (message: string) => void): Partial<TrustConfig> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    log(`IAM Trust: the "${SETTINGS_SECTION}" settings must be an object; they were ignored.`);
    return {};
  }
  let config: Partial<TrustConfig> = {};
  for (const key of CONFIG_SETTING_KEYS) {
    const value = (raw as Record<string, unknown>)[key];
    if (isUnset(value)) continue;
    // One key at a time, so each problem is logged under the setting's full name.
    const problems: ConfigProblem[] = [];
    config = { ...config, ...readConfigObject(toNode({ [key]: value }), 'settings', problems) };
    for (const p of problems) {
      const message = p.message.startsWith(`"${key}"`) ? p.message.replace(`"${key}"`, `${SETTINGS_SECTION}.${key}`) : `${SETTINGS_SECTION}.${key}: ${p.message}`;
      log(`IAM Trust: a setting was ignored: ${message}`);
    }
  }
  return config;
}

/**
 * Settings pushed by the client (initializationOptions, or didChangeConfiguration for clients
 * without `workspace/configuration`) come either wrapped as `{ iamTrust: {...} }` or bare.
 */
export function unwrapPushedSettings(settings: unknown): unknown {
  if (settings && typeof settings === 'object' && SETTINGS_SECTION in settings) return (settings as Record<string, unknown>)[SETTINGS_SECTION];
  return settings;
}
