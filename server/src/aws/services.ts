import catalogue from '../../data/service-principals.json';
import { closest } from '../util/closest';
import { memoizeByText } from '../model/memo';

/**
 * The service principals IAM Trust knows (server/data/service-principals.json: each entry names
 * the AWS documentation page that shows it) and the DNS suffix of each partition. Answers what
 * service-principal-unknown asks (../shared/trust-checks.md, B): is this a known service
 * principal, which is the closest one, which partition does its suffix belong to.
 */

export interface ServicePrincipalInfo {
  /** The global form, `lambda.amazonaws.com`. */
  principal: string;
  /** The service, for messages: `AWS Lambda`. */
  service: string;
  /** The AWS documentation page that shows the principal. */
  source: string;
}

export const SERVICE_PRINCIPALS: readonly ServicePrincipalInfo[] = catalogue.principals;

/** partition → DNS suffix (`aws-cn` → `amazonaws.com.cn`). */
export const PARTITION_SUFFIXES: Readonly<Record<string, string>> = catalogue.partitionSuffixes.suffixes;

/** The suffix every partition accepts: service principal names were standardized on it. */
export const GLOBAL_SUFFIX = 'amazonaws.com';

const byName = new Map(SERVICE_PRINCIPALS.map((p) => [p.principal.slice(0, -GLOBAL_SUFFIX.length - 1), p]));
const byLowerName = new Map([...byName].map(([name, p]) => [name.toLowerCase(), p]));
const NAMES = [...byName.keys()];
/** Longest first, so `x.amazonaws.com.cn` is read as the China suffix. */
const SUFFIXES = [...new Set(Object.values(PARTITION_SUFFIXES))].sort((a, b) => b.length - a.length);
/** A region inside a regional principal: `logs.eu-west-1.amazonaws.com`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The partitions whose DNS suffix is `suffix`. */
export function partitionsForSuffix(suffix: string): string[] {
  return Object.entries(PARTITION_SUFFIXES)
    .filter(([, s]) => s === suffix)
    .map(([p]) => p);
}

export type ServicePrincipalLookup =
  /**
   * A catalogue principal, maybe in a regional form or with a partition suffix. `partitions` are
   * those where the suffix is at home; `amazonaws.com` is accepted everywhere whatever it lists.
   */
  | { kind: 'known'; info: ServicePrincipalInfo; suffix: string; partitions: string[]; region?: string }
  /** A known principal written with capitals: IAM compares service principals case-sensitively. */
  | { kind: 'wrong-case'; info: ServicePrincipalInfo; written: string }
  /** Shaped like a service principal (`NAME.amazonaws.com`) but not in the catalogue. */
  | { kind: 'unknown-service'; suffix: string; suggestion?: string }
  /** Not shaped like a service principal at all (`lambda`, `https://...`, an ARN). */
  | { kind: 'malformed'; suggestion?: string };

function splitSuffix(value: string): { head: string; suffix: string } | undefined {
  const lower = value.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (lower.endsWith(`.${suffix}`) && lower.length > suffix.length + 1) {
      return { head: value.slice(0, -suffix.length - 1), suffix };
    }
  }
  return undefined;
}

function nameAndRegion(head: string): { name: string; region?: string } {
  const dot = head.lastIndexOf('.');
  if (dot > 0 && REGION.test(head.slice(dot + 1))) return { name: head.slice(0, dot), region: head.slice(dot + 1) };
  return { name: head };
}

/** The closest catalogue principal to what was written, when close enough to be a typo. */
export function closestServicePrincipal(value: string): string | undefined {
  const parts = splitSuffix(value);
  const name = parts ? nameAndRegion(parts.head).name : value.replace(/^[a-z]+:\/\//i, '').split(/[./]/)[0];
  const near = byName.has(name) ? name : closest(name, NAMES);
  return near && byName.get(near)!.principal;
}

/** What a `Service` principal value is. Several rules look up the same values: each is looked up once. */
export function lookupServicePrincipal(value: string): ServicePrincipalLookup {
  return lookups(value);
}

const lookups = memoizeByText(readServicePrincipal);

function readServicePrincipal(value: string): ServicePrincipalLookup {
  const parts = splitSuffix(value);
  if (!parts) {
    const bare = value.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
    const asName = byName.get(bare) ?? byLowerName.get(bare.toLowerCase());
    return { kind: 'malformed', suggestion: asName?.principal ?? closestServicePrincipal(bare) };
  }
  const { name, region } = nameAndRegion(parts.head);
  const info = byName.get(name);
  if (info && value !== value.toLowerCase()) return { kind: 'wrong-case', info, written: value };
  if (info) return { kind: 'known', info, suffix: parts.suffix, partitions: partitionsForSuffix(parts.suffix), region };
  const folded = byLowerName.get(name.toLowerCase());
  if (folded) return { kind: 'wrong-case', info: folded, written: value };
  return { kind: 'unknown-service', suffix: parts.suffix, suggestion: closestServicePrincipal(value) };
}

export function isKnownServicePrincipal(value: string): boolean {
  return lookupServicePrincipal(value).kind === 'known';
}
