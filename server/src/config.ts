import * as fs from 'fs';
import * as path from 'path';
import { parseJson } from './parser/json';
import { Node, Span } from './model/ast';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleSetting = Severity | 'off';

/**
 * Settings shared by the editor and the CLI. The same names are used in `.iam-trust.json` and,
 * prefixed with `iamTrust.`, in VS Code settings.
 */
export interface TrustConfig {
  /** Accounts that belong to the user: principals there are inside the zone of trust. */
  ownAccountIds: string[];
  /** The user's AWS Organization id (`o-...`): used for suggestions and the zone of trust. */
  organizationId?: string;
  /** Known third parties: cross-account trusts to them are expected (they still need ExternalId). */
  partnerAccountIds: string[];
  /** Documentation account ids that must never reach a deployed policy. */
  exampleAccountIds: string[];
  /** Per-rule severity or `off`. */
  rules: Record<string, RuleSetting>;
  /** Role trust-policy length quota in characters, white space not counted. */
  trustPolicyQuota: number;
  /** Globs of files that always hold trust policies. Other files are recognised by content. */
  trustPolicyGlobs: string[];
  /** Expected pipeline length in seconds, for `session-duration-short`; 0 turns it off. */
  expectedSessionSeconds: number;
}

/** The documentation account ids of the AWS docs (IAM User Guide and API reference examples). */
export const DEFAULT_EXAMPLE_ACCOUNTS = [
  '123456789012',
  '111122223333',
  '444455556666',
  '777788889999',
  '000000000000',
  '111111111111',
  '999999999999',
];

export const DEFAULT_CONFIG: TrustConfig = {
  ownAccountIds: [],
  organizationId: undefined,
  partnerAccountIds: [],
  exampleAccountIds: DEFAULT_EXAMPLE_ACCOUNTS,
  rules: {},
  // Role trust policy length: 2,048 by default, 4,096 after an increase (trust-checks.md, A).
  trustPolicyQuota: 2048,
  trustPolicyGlobs: ['**/*trust*.json', '**/*assume-role*.json', '**/*assume_role*.json', '**/*trust-policy*.json'],
  expectedSessionSeconds: 0,
};

export const CONFIG_FILE_NAME = '.iam-trust.json';

const SEVERITIES: RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface ConfigProblem {
  file: string;
  span: Span;
  message: string;
}

export interface LoadedConfigFile {
  file: string;
  config: Partial<TrustConfig>;
  problems: ConfigProblem[];
}

function stringArray(node: Node, key: string, file: string, problems: ConfigProblem[]): string[] | undefined {
  if (node.kind !== 'array' || node.items.some((i) => i.kind !== 'string')) {
    problems.push({ file, span: node.span, message: `"${key}" must be a list of strings` });
    return undefined;
  }
  return node.items.map((i) => (i as { value: string }).value);
}

/**
 * Reads a config object (from `.iam-trust.json`, or VS Code settings turned into the same shape),
 * keeping what is valid and describing what is not, with the span of each bad value.
 */
export function readConfigObject(root: Node | undefined, file: string, problems: ConfigProblem[]): Partial<TrustConfig> {
  const out: Partial<TrustConfig> = {};
  if (!root) return out;
  if (root.kind !== 'object') {
    problems.push({ file, span: root.span, message: 'The configuration must be a JSON object' });
    return out;
  }
  for (const prop of root.properties) {
    const v = prop.value;
    if (!v) continue;
    switch (prop.key) {
      case 'ownAccountIds':
      case 'partnerAccountIds':
      case 'exampleAccountIds': {
        const list = stringArray(v, prop.key, file, problems);
        if (!list) break;
        const bad = list.filter((a) => !/^\d{12}$/.test(a));
        if (bad.length) problems.push({ file, span: v.span, message: `"${prop.key}" holds values that are not 12-digit account ids: ${bad.join(', ')}` });
        out[prop.key] = list.filter((a) => /^\d{12}$/.test(a));
        break;
      }
      case 'trustPolicyGlobs': {
        const list = stringArray(v, prop.key, file, problems);
        if (list) out.trustPolicyGlobs = list;
        break;
      }
      case 'organizationId':
        if (v.kind === 'string' && /^o-[a-z0-9]{10,32}$/.test(v.value)) out.organizationId = v.value;
        else problems.push({ file, span: v.span, message: '"organizationId" must be an organization id such as "o-a1b2c3d4e5"' });
        break;
      case 'trustPolicyQuota':
        if (v.kind === 'number' && Number.isInteger(v.value) && v.value > 0) out.trustPolicyQuota = v.value;
        else problems.push({ file, span: v.span, message: '"trustPolicyQuota" must be a positive whole number of characters (2048 unless your account has an increase)' });
        break;
      case 'expectedSessionSeconds':
        if (v.kind === 'number' && Number.isInteger(v.value) && v.value >= 0) out.expectedSessionSeconds = v.value;
        else problems.push({ file, span: v.span, message: '"expectedSessionSeconds" must be a whole number of seconds (0 turns the check off)' });
        break;
      case 'rules': {
        if (v.kind !== 'object') {
          problems.push({ file, span: v.span, message: '"rules" must be an object of rule id to severity' });
          break;
        }
        const rules: Record<string, RuleSetting> = {};
        for (const r of v.properties) {
          const sev = r.value?.kind === 'string' ? (r.value.value as RuleSetting) : undefined;
          if (sev && SEVERITIES.includes(sev)) rules[r.key] = sev;
          else problems.push({ file, span: r.value?.span ?? r.keySpan, message: `Rule "${r.key}": severity must be one of ${SEVERITIES.join(', ')}` });
        }
        out.rules = rules;
        break;
      }
      case '$schema':
        break;
      default:
        problems.push({ file, span: prop.keySpan, message: `Unknown setting "${prop.key}"` });
    }
  }
  return out;
}

export function parseConfigText(text: string, file: string): LoadedConfigFile {
  const parsed = parseJson(text);
  const problems: ConfigProblem[] = parsed.problems.map((p) => ({ file, span: p.span, message: `Invalid JSON: ${p.message}` }));
  const config = readConfigObject(parsed.root, file, problems);
  return { file, config, problems };
}

/** Finds the nearest `.iam-trust.json` at or above `dir`, like ESLint's config lookup. */
export function findConfigFile(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function loadConfigFile(file: string): LoadedConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, config: {}, problems: [{ file, span: { offset: 0, length: 0 }, message: `Cannot read the configuration: ${(e as Error).message}` }] };
  }
  return parseConfigText(text, file);
}

/** Later layers win; `rules` merge key by key. */
export function mergeConfig(...layers: Partial<TrustConfig>[]): TrustConfig {
  const out: TrustConfig = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules } };
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      if (k === 'rules') out.rules = { ...out.rules, ...(v as Record<string, RuleSetting>) };
      else (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
