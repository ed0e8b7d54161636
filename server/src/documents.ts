import * as path from 'path';
import picomatch from 'picomatch';
import { Node, Span } from './model/ast';
import { buildTrustPolicy, TrustPolicy } from './model/policy';
import { parseJson, SyntaxProblem } from './parser/json';
import { TrustConfig } from './config';

/**
 * Deciding which files hold trust policies and where. Each format adapter yields PolicySources:
 * the policy's node tree in the neutral model plus what the surrounding resource says about the
 * role (CloudFormation `MaxSessionDuration`, Terraform `max_session_duration`).
 */

/** How the policy is written, which decides how a quick fix must spell its edit. */
export type PolicyFormat = 'json' | 'yaml' | 'hcl';

export interface RoleFacts {
  /** The role's name when the template names it (for the assume command). */
  roleName?: Node;
  /** `MaxSessionDuration` / `max_session_duration`, when set. */
  maxSessionDuration?: Node;
  /** Where the role resource is declared. */
  span: Span;
}

export interface PolicySource {
  format: PolicyFormat;
  /** The policy document node. */
  root: Node;
  policy: TrustPolicy;
  /** Syntax problems inside this policy (a JSON string embedded in a template has its own). */
  syntaxProblems: SyntaxProblem[];
  role?: RoleFacts;
}

export interface AnalysedDocument {
  text: string;
  policies: PolicySource[];
  /** Set when the file was not analysed at all, with the reason a user can act on. */
  skipped?: string;
}

export interface DocumentInput {
  text: string;
  /** File system path, when there is one; used for the globs. */
  filePath?: string;
  /** The editor's language id, when known. */
  languageId?: string;
  /** Analyse even when neither the globs nor the content say trust policy (files named on the CLI). */
  force?: boolean;
}

/**
 * Larger than any template CloudFormation accepts (1 MB) with a wide margin: bigger files are
 * reported as skipped instead of parsed, so a 10 MB log opened by mistake costs nothing.
 */
export const MAX_ANALYSED_LENGTH = 5_000_000;

const globCache = new Map<string, (p: string) => boolean>();

function globMatcher(globs: string[]): (p: string) => boolean {
  const key = globs.join('\0');
  let m = globCache.get(key);
  if (!m) {
    m = globs.length ? picomatch(globs, { dot: true, nocase: true }) : () => false;
    globCache.set(key, m);
  }
  return m;
}

export function matchesTrustGlobs(filePath: string, config: TrustConfig): boolean {
  const normalised = filePath.split(path.sep).join('/');
  const match = globMatcher(config.trustPolicyGlobs);
  return match(normalised) || match(path.posix.basename(normalised));
}

/** True when the text looks like binary data (a NUL character in the first 8 KB). */
function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/**
 * A document is a trust policy by content when its statements carry a Principal and only `sts:`
 * actions, and none has a Resource (trust-checks.md: resource policies have Resource; identity
 * policies have no Principal).
 */
export function looksLikeTrustPolicy(root: Node | undefined): boolean {
  const policy = root && buildTrustPolicy(root);
  if (!policy || policy.statements.length === 0) return false;
  let sawSts = false;
  for (const s of policy.statements) {
    if (s.resourceProperty || s.notResourceProperty) return false;
    if (!s.principalProperty && !s.notPrincipalProperty) return false;
    for (const a of s.actions) {
      if (a.value === undefined) continue;
      if (/^sts:/i.test(a.value)) sawSts = true;
    }
  }
  return sawSts;
}

export function makeSource(format: PolicyFormat, root: Node, syntaxProblems: SyntaxProblem[], role?: RoleFacts): PolicySource {
  return { format, root, policy: buildTrustPolicy(root), syntaxProblems, role };
}

/**
 * Finds the trust policies in a file. Returns undefined when the file is not one of ours: the
 * caller publishes nothing for it.
 */
export function analyseDocument(input: DocumentInput, config: TrustConfig): AnalysedDocument | undefined {
  const { text } = input;
  const byName = input.force || (input.filePath !== undefined && matchesTrustGlobs(input.filePath, config));
  if (text.length > MAX_ANALYSED_LENGTH || looksBinary(text)) {
    if (!byName) return undefined;
    return {
      text,
      policies: [],
      skipped: looksBinary(text)
        ? 'This file looks binary, not like a JSON trust policy; it was not analysed.'
        : `This file has ${text.length} characters, more than the ${MAX_ANALYSED_LENGTH} that IAM Trust analyses; it was not analysed.`,
    };
  }
  // Cheap gate before parsing: every trust policy spells these words.
  if (!byName && !(text.includes('Statement') && text.includes('Principal'))) return undefined;

  const parsed = parseJson(text);
  if (!byName && !looksLikeTrustPolicy(parsed.root)) return undefined;
  // An empty or hopeless file still gets a source, so json-syntax can say what is wrong.
  const root: Node = parsed.root ?? { kind: 'unknown', span: { offset: 0, length: 0 }, text: '' };
  return { text, policies: [makeSource('json', root, parsed.problems)] };
}
