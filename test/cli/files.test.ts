import * as assert from 'assert';
import { CORE_RULES_CONFIG, fixture, parseJsonOutput, runCli, useTempTree } from './helpers';

const anyPrincipal = fixture('any-principal-trust.json');
const service = fixture('service-trust.json');

/** Files a project has that are JSON but never trust policies. */
const PROJECT_FILES = {
  'package.json': JSON.stringify({ name: 'infra', description: 'Statement and Principal appear in this text', scripts: { test: 'mocha' } }, null, 2),
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }, null, 2),
  'policies/identity-policy.json': fixture('identity-policy.json'),
  'docs/notes.md': 'A "Statement" with a "Principal".',
};

function filesIn(run: ReturnType<typeof runCli>): string[] {
  return parseJsonOutput(run).map((f) => f.file);
}

describe('iam-trust lint: which files are analysed', () => {
  const tree = useTempTree({
    ...PROJECT_FILES,
    '.iam-trust.json': CORE_RULES_CONFIG,
    // Recognised by name (default trustPolicyGlobs) ...
    'policies/any-principal-trust.json': anyPrincipal,
    // ... and by content.
    'policies/ci-role.json': service,
    'policies/nested/deeper/ec2.jsonc': service,
    // Never searched.
    'node_modules/some-lib/any-principal-trust.json': anyPrincipal,
    'dist/any-principal-trust.json': anyPrincipal,
    'out/any-principal-trust.json': anyPrincipal,
    '.git/any-principal-trust.json': anyPrincipal,
    // Not a policy format.
    'policies/service-trust.txt': service,
  });

  it('searches the current directory by default, skipping package.json, tsconfig.json, identity policies and build folders', () => {
    const run = runCli(['lint', '--format', 'json'], tree.dir);
    assert.deepStrictEqual(filesIn(run), ['policies/any-principal-trust.json', 'policies/ci-role.json', 'policies/nested/deeper/ec2.jsonc']);
  });

  it('analyses a file named on the command line even when it is not a trust policy', () => {
    const run = runCli(['lint', '--format', 'json', 'package.json', 'policies/service-trust.txt'], tree.dir);
    assert.deepStrictEqual(filesIn(run), ['package.json', 'policies/service-trust.txt']);
  });

  it('searches the files a glob matches, recognising trust policies the same way', () => {
    const run = runCli(['lint', '--format', 'json', 'policies/**/*.json*'], tree.dir);
    assert.deepStrictEqual(filesIn(run), ['policies/any-principal-trust.json', 'policies/ci-role.json', 'policies/nested/deeper/ec2.jsonc']);
    const brace = runCli(['lint', '--format', 'json', './policies/{ci-role,identity-policy}.json'], tree.dir);
    assert.deepStrictEqual(filesIn(brace), ['policies/ci-role.json']);
  });

  it('lists a file once when several arguments name it', () => {
    const run = runCli(['lint', '--format', 'json', 'policies', 'policies/ci-role.json', 'policies/*.json'], tree.dir);
    assert.deepStrictEqual(filesIn(run), ['policies/any-principal-trust.json', 'policies/ci-role.json', 'policies/nested/deeper/ec2.jsonc']);
  });

  it('says so, and exits 0, when a directory holds no trust policy', () => {
    const run = runCli(['lint', 'docs'], tree.dir);
    assert.strictEqual(run.code, 0);
    assert.strictEqual(run.stdout, '');
    assert.match(run.stderr, /no trust policies found in docs\. Name a file to analyse it anyway/);
  });
});

describe('iam-trust lint: files that cannot be analysed', () => {
  // The first bytes of a PNG: a NUL within them marks the file as binary.
  const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const tree = useTempTree({
    '.iam-trust.json': CORE_RULES_CONFIG,
    'logo.png': binary,
    'roles/binary-trust.json': binary,
    'roles/any-principal-trust.json': anyPrincipal,
  });

  it('a binary file named explicitly is skipped with a notice on stderr, not a crash', () => {
    const run = runCli(['lint', '--format', 'json', 'logo.png'], tree.dir);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(JSON.parse(run.stdout), []);
    assert.match(run.stderr, /logo\.png: skipped: .*binary/);
    assert.ok(!/internal error|no trust policies found/.test(run.stderr), run.stderr);
  });

  it('a binary file named like a trust policy is skipped while the others are linted', () => {
    const run = runCli(['lint', '--format', 'json', 'roles'], tree.dir);
    assert.strictEqual(run.code, 1);
    assert.deepStrictEqual(filesIn(run), ['roles/any-principal-trust.json']);
    assert.match(run.stderr, /roles\/binary-trust\.json: skipped: .*binary/);
  });

  it('a file larger than IAM Trust analyses is skipped with a notice', () => {
    // Past MAX_ANALYSED_LENGTH (5,000,000 characters): a log file renamed by mistake, say.
    tree.write('roles/huge-trust.json', `{"Statement": [], "Pad": "${'x'.repeat(5_000_001)}"}`);
    const run = runCli(['lint', '--format', 'json', 'roles/huge-trust.json'], tree.dir);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(JSON.parse(run.stdout), []);
    assert.match(run.stderr, /roles\/huge-trust\.json: skipped: .*more than/);
  });
});
