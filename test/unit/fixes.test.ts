import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyseDocument, AnalysedDocument, initParsers } from '../../server/src/documents';
import { mergeConfig, TrustConfig } from '../../server/src/config';
import { validateDocument } from '../../server/src/validation';
import { ALL_RULES } from '../../server/src/rules';
import { Finding, Fix } from '../../server/src/rules/types';
import { spanEnd } from '../../server/src/model/ast';
import { applyEdits, fixAllText, remainingFinding } from '../../server/src/features/fixAll';
import { cloudFormationRole } from '../../server/src/testing/statementDocuments';

/**
 * The net under every quick fix of every rule: each fix offered anywhere in the corpus (the example
 * policies, the docs pages' Bad examples, and the cases below) is applied; the document must still
 * parse (as JSON when it was JSON), and the rule must not fire again where it fired. Rules added
 * later are covered as soon as a corpus document makes them offer a fix.
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface CorpusDocument {
  name: string;
  text: string;
  filePath: string;
  config: Partial<TrustConfig>;
}

/** A zone of trust in which cross-account, organization and session rules all have something to say. */
const ZONE: Partial<TrustConfig> = {
  ownAccountIds: ['210987654321'],
  partnerAccountIds: ['572913468025'],
  organizationId: 'o-a1b2c3d4e5',
  expectedSessionSeconds: 7200,
};

const EXTENSION_OF_FENCE: Record<string, string> = { json: 'trust.json', yaml: 'template.yaml', yml: 'template.yaml', hcl: 'tf', terraform: 'tf' };

/** Every fenced block under a page's "## Bad" heading, with the file name its language calls for. */
function badExamples(page: string): { code: string; extension: string }[] {
  const start = page.indexOf('\n## Bad');
  if (start < 0) return [];
  const next = page.indexOf('\n## ', start + 1);
  const section = page.slice(start, next < 0 ? undefined : next);
  const out: { code: string; extension: string }[] = [];
  for (const m of section.matchAll(/```(\w+)\n([^]*?)```/g)) {
    const extension = EXTENSION_OF_FENCE[m[1].toLowerCase()];
    if (extension) out.push({ code: m[2], extension });
  }
  return out;
}

function withBothConfigs(name: string, text: string, filePath: string): CorpusDocument[] {
  return [
    { name: `${name} (default settings)`, text, filePath, config: {} },
    { name: `${name} (zone of trust configured)`, text, filePath, config: ZONE },
  ];
}

function corpusFromRepository(): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  const examples = path.join(REPO_ROOT, 'examples', 'rules');
  for (const file of fs.readdirSync(examples).sort()) {
    const filePath = path.join(examples, file);
    docs.push(...withBothConfigs(`examples/rules/${file}`, fs.readFileSync(filePath, 'utf8'), filePath));
  }
  const pages = path.join(REPO_ROOT, 'docs', 'rules');
  for (const file of fs.readdirSync(pages).filter((f) => f.endsWith('.md')).sort()) {
    badExamples(fs.readFileSync(path.join(pages, file), 'utf8')).forEach(({ code, extension }, i) =>
      docs.push(...withBothConfigs(`docs/rules/${file} Bad #${i + 1}`, code, `/docs/bad-${i}.${extension}`)),
    );
  }
  return docs;
}

const statement = (s: object) => ({ Version: '2012-10-17', Statement: [s] });
const ANYONE = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };
const VENDOR_ROOT = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::348201957364:root' }, Action: 'sts:AssumeRole' };

/** Layouts and formats the corpus files do not show, and rules whose fixes need a particular shape. */
const OWN_CASES: CorpusDocument[] = [
  { name: 'principal-any, 2-space JSON, org id configured', text: JSON.stringify(statement(ANYONE), null, 2), filePath: '/w/a.trust.json', config: ZONE },
  { name: 'principal-any, 4-space JSON, no org id', text: JSON.stringify(statement(ANYONE), null, 4), filePath: '/w/a.trust.json', config: {} },
  { name: 'principal-any, tabs and CRLF', text: JSON.stringify(statement(ANYONE), null, '\t').replace(/\n/g, '\r\n'), filePath: '/w/a.trust.json', config: ZONE },
  { name: 'principal-any, one line', text: JSON.stringify(statement(ANYONE)), filePath: '/w/a.trust.json', config: ZONE },
  {
    name: 'principal-any, operator block exists',
    text: JSON.stringify(statement({ ...ANYONE, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }), null, 2),
    filePath: '/w/a.trust.json',
    config: ZONE,
  },
  { name: 'principal-any, empty Condition', text: JSON.stringify(statement({ ...ANYONE, Condition: {} }), null, 2), filePath: '/w/a.trust.json', config: ZONE },
  {
    name: 'cross-account, Condition with another operator',
    text: JSON.stringify(statement({ ...VENDOR_ROOT, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), null, 2),
    filePath: '/w/a.trust.json',
    config: ZONE,
  },
  {
    name: 'CloudFormation JSON template',
    text: JSON.stringify(
      { AWSTemplateFormatVersion: '2010-09-09', Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: statement(VENDOR_ROOT) } } } },
      null,
      2,
    ),
    filePath: '/w/template.json',
    config: ZONE,
  },
  {
    name: 'CloudFormation YAML',
    text: cloudFormationRole([
      '- Effect: Allow',
      '  Principal:',
      '    AWS: [arn:aws:iam::348201957364:root, "572913468025"]',
      '  Action: sts:AssumeRole',
      '- Effect: Allow',
      "  Principal: { AWS: '*' }",
      '  Action: sts:AssumeRole',
    ]),
    filePath: '/w/template.yaml',
    config: ZONE,
  },
  {
    name: 'Terraform jsonencode, heredoc and quoted JSON',
    text: [
      'resource "aws_iam_role" "a" {',
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::348201957364:root" }, Action = "sts:AssumeRole" }]',
      '  })',
      '}',
      'resource "aws_iam_role" "b" {',
      '  assume_role_policy = <<-EOF',
      '    {',
      '      "Version": "2012-10-17",',
      '      "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }]',
      '    }',
      '  EOF',
      '}',
      'resource "aws_iam_role" "c" {',
      '  assume_role_policy = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"348201957364\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}"',
      '}',
      '',
    ].join('\n'),
    filePath: '/w/main.tf',
    config: ZONE,
  },
  {
    name: 'misspelt elements, operator and version; Resource; bare wildcard',
    text: JSON.stringify(
      { Version: '2012-10-18', Statement: [{ Efect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringEqual: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] },
      null,
      2,
    ),
    filePath: '/w/a.trust.json',
    config: ZONE,
  },
  {
    name: 'Terraform quoted JSON with misspelt element, effect and version',
    text: [
      'resource "aws_iam_role" "quoted" {',
      '  assume_role_policy = "{\\"Version\\":\\"2012-10-18\\",\\"Statement\\":[{\\"Efect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"ec2.amazonaws.com\\"},\\"Action\\":\\"sts:AssumeRole\\",\\"Condition\\":{\\"StringEqual\\":{\\"aws:SourceAccount\\":\\"210987654321\\"}}},{\\"Effect\\":\\"allow\\",\\"Principal\\":{\\"Services\\":\\"ec2.amazonaws.com\\"},\\"Action\\":\\"AssumeRole\\"}]}"',
      '}',
      '',
    ].join('\n'),
    filePath: '/w/quoted.tf',
    config: ZONE,
  },
  {
    name: 'principal key, action without prefix, SAML without SAML:aud',
    text: JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Services: 'ec2.amazonaws.com' }, Action: 'AssumeRole' },
          { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::210987654321:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' },
        ],
      },
      null,
      2,
    ),
    filePath: '/w/a.trust.json',
    config: ZONE,
  },
  {
    name: 'a suppression comment naming a misspelt rule id',
    text: [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      // iam-trust-ignore principal-acount-root: the whole audit account is trusted on purpose',
      '      "Principal": { "AWS": "arn:aws:iam::348201957364:root" },',
      '      "Action": "sts:AssumeRole",',
      '      "Condition": { "StringEquals": { "sts:ExternalId": "5f0c2a8e-9d41-4b7a-b3e6-1c8d7f2a9e04" } }',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n'),
    filePath: '/w/audit.trust.json',
    config: ZONE,
  },
  {
    name: 'services: Pod Identity without TagSession, a service without a source condition',
    text: JSON.stringify(
      statement({ Effect: 'Allow', Principal: { Service: ['pods.eks.amazonaws.com', 'lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' }),
      null,
      2,
    ),
    filePath: '/w/a.trust.json',
    config: { ownAccountIds: ['210987654321'] },
  },
];

function analyse(doc: CorpusDocument, text: string): AnalysedDocument {
  const analysed = analyseDocument({ text, filePath: doc.filePath, force: true }, mergeConfig(doc.config));
  assert.ok(analysed && !analysed.pending && !analysed.skipped, `${doc.name}: not analysed`);
  return analysed;
}

function lintText(doc: CorpusDocument, text: string): { analysed: AnalysedDocument; findings: Finding[] } {
  const analysed = analyse(doc, text);
  const findings = validateDocument(analysed, mergeConfig(doc.config), {
    rules: ALL_RULES,
    onRuleError: (id, e) => {
      throw new Error(`rule ${id} threw: ${(e as Error).stack}`);
    },
  });
  return { analysed, findings };
}

const syntaxProblemCount = (analysed: AnalysedDocument) => analysed.policies.reduce((n, p) => n + p.syntaxProblems.length, 0);
const countOf = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).length;

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with one fix, or undefined when it does what it says. */
function checkFix(doc: CorpusDocument, before: { analysed: AnalysedDocument; findings: Finding[] }, finding: Finding, fix: Fix): string | undefined {
  const sorted = [...fix.edits].sort((a, b) => a.span.offset - b.span.offset);
  if (sorted.length === 0) return 'has no edits';
  for (let i = 1; i < sorted.length; i++) if (sorted[i].span.offset < spanEnd(sorted[i - 1].span)) return 'has overlapping edits';
  if (spanEnd(sorted[sorted.length - 1].span) > doc.text.length) return 'edits past the end of the file';
  const text = applyEdits(doc.text, fix.edits);
  if (parsesAsJson(doc.text) && !parsesAsJson(text)) return `leaves invalid JSON:\n${text}`;
  const after = lintText(doc, text);
  if (after.analysed.policies.length !== before.analysed.policies.length) return `changes how many policies the file holds:\n${text}`;
  if (syntaxProblemCount(after.analysed) > syntaxProblemCount(before.analysed)) return `breaks the syntax:\n${text}`;
  for (const id of ['json-syntax', 'duplicate-key']) {
    if (countOf(after.findings, id) > countOf(before.findings, id)) return `introduces ${id}:\n${text}`;
  }
  const again = remainingFinding(finding, fix.edits, after.findings);
  if (again) return `leaves the finding in place: ${again.severity} "${again.message}" on ${JSON.stringify(text.substr(again.span.offset, again.span.length))} in:\n${text}`;
  return undefined;
}

describe('quick fixes of every rule', function () {
  this.timeout(60000);
  const corpus = [...corpusFromRepository(), ...OWN_CASES];

  before(() => initParsers());

  for (const doc of corpus) {
    it(`each fix on ${doc.name} removes its finding and keeps the file valid`, () => {
      const before = lintText(doc, doc.text);
      const problems: string[] = [];
      for (const finding of before.findings) {
        for (const fix of finding.fixes) {
          const problem = checkFix(doc, before, finding, fix);
          if (problem) problems.push(`${doc.name}: ${finding.ruleId}: "${fix.title}" ${problem}`);
        }
      }
      assert.deepStrictEqual(problems, []);
    });
  }

  it('"fix all" on every corpus document keeps it valid and removes findings', () => {
    const problems: string[] = [];
    for (const doc of corpus) {
      const before = lintText(doc, doc.text);
      const autoFixable = (list: Finding[]) => list.filter((f) => f.fixes.some((x) => x.preferred)).length;
      if (autoFixable(before.findings) === 0) continue;
      const text = fixAllText(doc.text, before.findings, (t) => lintText(doc, t).findings);
      if (text === doc.text) problems.push(`${doc.name}: fix all changed nothing`);
      if (parsesAsJson(doc.text) && !parsesAsJson(text)) problems.push(`${doc.name}: invalid JSON after fix all:\n${text}`);
      const after = lintText(doc, text);
      if (syntaxProblemCount(after.analysed) > syntaxProblemCount(before.analysed)) problems.push(`${doc.name}: broken syntax after fix all:\n${text}`);
      for (const id of ['json-syntax', 'duplicate-key']) {
        if (countOf(after.findings, id) > countOf(before.findings, id)) problems.push(`${doc.name}: fix all introduces ${id}:\n${text}`);
      }
      if (autoFixable(after.findings) >= autoFixable(before.findings)) problems.push(`${doc.name}: fix all left as many auto-fixable problems:\n${text}`);
    }
    assert.deepStrictEqual(problems, []);
  });

  it('exercised the fixes of every rule known to offer them (a rule missing here lost its corpus case)', () => {
    /** rule id → how many fixes the corpus offers. */
    const exercised = new Map<string, number>();
    for (const doc of corpus) {
      for (const f of lintText(doc, doc.text).findings) if (f.fixes.length) exercised.set(f.ruleId, (exercised.get(f.ruleId) ?? 0) + f.fixes.length);
    }
    const expected = [
      ...['version-invalid', 'version-old', 'version-missing', 'unknown-element', 'effect-invalid', 'action-missing', 'sid-invalid'],
      ...['trust-resource', 'principal-bare-wildcard', 'principal-partial-wildcard', 'principal-key-invalid', 'principal-arn-invalid'],
      ...['service-principal-unknown', 'federated-principal-invalid', 'action-not-sts', 'action-unknown', 'action-principal-mismatch'],
      ...['principal-any', 'cross-account-no-external-id', 'principal-account-root', 'redundant'],
      ...['max-session-duration-range', 'role-chaining-cap', 'session-duration-short'],
      ...['condition-operator-unknown', 'condition-type-mismatch', 'condition-wildcard-without-like', 'condition-forallvalues-single', 'condition-null-ifexists'],
      ...['oidc-aud', 'oidc-sub-malformed', 'eks-irsa-sub', 'cognito-amr', 'saml-aud'],
      ...['service-confused-deputy', 'pod-identity-tag-session', 'roles-anywhere-actions'],
    ];
    assert.deepStrictEqual(
      expected.filter((id) => !exercised.has(id)),
      [],
      `fixes applied per rule: ${JSON.stringify(Object.fromEntries(exercised))}`,
    );
  });
});
