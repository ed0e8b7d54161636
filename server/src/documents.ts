import * as path from 'path';
import picomatch from 'picomatch';
import { getPropertyIgnoreCase, Node, Span, spanEnd } from './model/ast';
import { buildTrustPolicy, TrustPolicy } from './model/policy';
import { parseJson, ParsedJson, SyntaxProblem } from './parser/json';
import { parseYaml } from './parser/yaml';
import { hclFailure, initHcl } from './parser/hcl';
import { CONFIG_FILE_NAME, TrustConfig } from './config';
import { cloudFormationPolicies, isCloudFormationTemplate, mayHoldCloudFormationTrust } from './formats/cloudformation';
import { FoundPolicies } from './formats/found';
import { documentKind } from './formats/kind';
import { parseJsonTemplate } from './formats/template';
import { mayHoldTerraformTrust, terraformPolicies } from './formats/terraform';
import { looksLikeTrustPolicyTree } from './formats/trustShape';

/**
 * Deciding which files hold trust policies and where. Each format adapter (server/src/formats/)
 * yields the policies it finds: the policy's node tree in the neutral model plus what the
 * surrounding resource says about the role (CloudFormation `MaxSessionDuration`, Terraform
 * `max_session_duration`).
 *
 * Parser initialisation contract: JSON, JSON templates and YAML (CloudFormation/SAM) parse
 * synchronously at any time. Terraform needs the tree-sitter WebAssembly, which loads
 * asynchronously: call `await initParsers()` once at start-up (server, CLI) before analysing.
 * Until it has resolved, `analyseDocument` on a Terraform file returns a document with no policies
 * and `pending` set: analyse it again when `pending` resolves, or use `analyseDocumentAsync`, which
 * waits. `initParsers` never rejects; if the WebAssembly cannot be loaded, Terraform files come
 * back `skipped` with the reason and every other format keeps working.
 */

/**
 * How the policy is written, which decides how a quick fix must spell its edit:
 * `json` (a JSON file, a CloudFormation JSON template, a Terraform heredoc or JSON template),
 * `yaml` (CloudFormation/SAM YAML), `hcl` (Terraform `jsonencode({...})` or an
 * `aws_iam_policy_document` data source), `json-in-string` (JSON inside a quoted Terraform string,
 * where every `"` is written `\"`: an edit must be escaped to fit).
 */
export type PolicyFormat = 'json' | 'yaml' | 'hcl' | 'json-in-string';

export interface RoleFacts {
  /** Where the role is declared, which decides how its properties are spelled. */
  origin: 'cloudformation' | 'terraform';
  /** The role's name when the template names it (for the assume command). */
  roleName?: Node;
  /** `MaxSessionDuration` / `max_session_duration`, when set. */
  maxSessionDuration?: Node;
  /** Where the role resource is declared: the CloudFormation logical id, the Terraform block header. */
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
  /** Further roles that use this same policy (one Terraform policy document, several roles). */
  moreRoles?: RoleFacts[];
}

export interface AnalysedDocument {
  text: string;
  policies: PolicySource[];
  /** Set when the file was not analysed at all, with the reason a user can act on. */
  skipped?: string;
  /**
   * Set when the file needs a parser that is still loading (Terraform before initParsers has
   * resolved): `policies` is empty for now; analyse the file again once this resolves.
   */
  pending?: Promise<void>;
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
  // `**/*trust*.json` would otherwise take our own configuration file for a policy.
  if (path.posix.basename(normalised) === CONFIG_FILE_NAME) return false;
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
  return looksLikeTrustPolicyTree(root);
}

export function makeSource(format: PolicyFormat, root: Node, syntaxProblems: SyntaxProblem[], role?: RoleFacts, moreRoles?: RoleFacts[]): PolicySource {
  const source: PolicySource = { format, root, policy: buildTrustPolicy(root), syntaxProblems, role };
  if (moreRoles?.length) source.moreRoles = moreRoles;
  return source;
}

/**
 * Loads the parsers that need asynchronous set-up (tree-sitter's WebAssembly for Terraform). Call
 * and await it once at start-up; calling it again returns the same promise. Never rejects.
 */
export function initParsers(): Promise<void> {
  return initHcl();
}

/** A stand-in policy for a file so broken that no policy could be found, carrying its syntax problems. */
function brokenSource(format: PolicyFormat, problems: SyntaxProblem[]): PolicySource {
  const at = problems[0]?.span.offset ?? 0;
  return makeSource(format, { kind: 'unknown', span: { offset: at, length: 0 }, text: '' }, problems);
}

/**
 * Sources from what an adapter found. Syntax problems of the file go with the policy whose
 * declaration holds them; when nothing could be found in a file that should hold a policy, they
 * still get reported, on a stand-in.
 */
function sourcesOf(found: FoundPolicies, fallbackFormat: PolicyFormat): PolicySource[] {
  const sources = found.policies.map((f) =>
    makeSource(
      f.format,
      f.root,
      [...f.problems, ...found.problems.filter((p) => p.span.offset >= f.scope.offset && p.span.offset <= spanEnd(f.scope))],
      f.role,
      f.moreRoles,
    ),
  );
  if (sources.length === 0 && found.problems.length) return [brokenSource(fallbackFormat, found.problems)];
  return sources;
}

/** A whole-file policy (JSON, JSON template, YAML): ours by name, or by content. */
function wholeFilePolicy(text: string, parsed: ParsedJson, format: PolicyFormat, byName: boolean): AnalysedDocument | undefined {
  if (!byName && !looksLikeTrustPolicy(parsed.root)) return undefined;
  // An empty or hopeless file still gets a source, so json-syntax can say what is wrong.
  const root: Node = parsed.root ?? { kind: 'unknown', span: { offset: 0, length: 0 }, text: '' };
  return { text, policies: [makeSource(format, root, parsed.problems)] };
}

/** Every trust policy spells these words. */
function mayHoldPlainTrust(text: string): boolean {
  return text.includes('Statement') && text.includes('Principal');
}

function analyseJson(text: string, byName: boolean): AnalysedDocument | undefined {
  const cloudFormation = mayHoldCloudFormationTrust(text);
  if (!byName && !cloudFormation && !mayHoldPlainTrust(text)) return undefined;
  const parsed = parseJson(text);
  if (isCloudFormationTemplate(parsed.root)) {
    if (!byName && !cloudFormation) return undefined;
    return { text, policies: sourcesOf({ policies: cloudFormationPolicies(parsed.root, text, 'json'), problems: parsed.problems }, 'json') };
  }
  return wholeFilePolicy(text, parsed, 'json', byName);
}

function analyseYaml(text: string, byName: boolean): AnalysedDocument | undefined {
  const cloudFormation = mayHoldCloudFormationTrust(text);
  // A YAML file without a role costs this substring test and nothing more.
  if (!byName && !cloudFormation) return undefined;
  const parsed = parseYaml(text);
  if (isCloudFormationTemplate(parsed.root) || (cloudFormation && !parsed.root)) {
    return { text, policies: sourcesOf({ policies: cloudFormationPolicies(parsed.root, text, 'yaml'), problems: parsed.problems }, 'yaml') };
  }
  // Named by the user or the globs but not a template: a trust policy written in YAML.
  if (byName && getPropertyIgnoreCase(parsed.root, 'Statement')) return wholeFilePolicy(text, parsed, 'yaml', true);
  return byName ? { text, policies: sourcesOf({ policies: [], problems: parsed.problems }, 'yaml') } : undefined;
}

function analyseTerraform(text: string, byName: boolean): AnalysedDocument | undefined {
  if (!mayHoldTerraformTrust(text)) return byName ? { text, policies: [] } : undefined;
  const found = terraformPolicies(text);
  if (!found) {
    const failure = hclFailure();
    if (failure) return { text, policies: [], skipped: `The Terraform parser could not be loaded (${failure}); Terraform files are not analysed.` };
    return { text, policies: [], pending: initParsers() };
  }
  return { text, policies: sourcesOf(found, 'hcl') };
}

function analyseTemplate(text: string, byName: boolean): AnalysedDocument | undefined {
  if (!byName && !mayHoldPlainTrust(text)) return undefined;
  return wholeFilePolicy(text, parseJsonTemplate(text), 'json', byName);
}

/**
 * Finds the trust policies in a file. Returns undefined when the file is not one of ours: the
 * caller publishes nothing for it. Synchronous; see the contract at the top for Terraform.
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
  const byNameFlag = !!byName;
  switch (documentKind(text, input.filePath, input.languageId)) {
    case 'yaml':
      return analyseYaml(text, byNameFlag);
    case 'terraform':
      return analyseTerraform(text, byNameFlag);
    case 'template':
      return analyseTemplate(text, byNameFlag);
    default:
      return analyseJson(text, byNameFlag);
  }
}

/** analyseDocument, after waiting for the parser a Terraform file needs. */
export async function analyseDocumentAsync(input: DocumentInput, config: TrustConfig): Promise<AnalysedDocument | undefined> {
  const doc = analyseDocument(input, config);
  if (!doc?.pending) return doc;
  await doc.pending;
  return analyseDocument(input, config);
}
