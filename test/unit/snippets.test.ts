import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../../server/src/testing/ruleTester';

const root = path.resolve(__dirname, '../../..');
const snippets: Record<string, { prefix: string; description: string; body: string[] }> = JSON.parse(
  fs.readFileSync(path.join(root, 'snippets/trust-policies.json'), 'utf8'),
);

/**
 * Expands a VS Code snippet the way a user accepting every default would: `${N:default}` and
 * `${N|first,...|}` take their default, a bare `${N}` mirrors tab stop N, `$0` disappears.
 */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  const withDefaults = body.replace(/\$\{(\d+)(?::([^}]*)|\|([^|]*)\|)\}/g, (_, n: string, def?: string, choices?: string) => {
    const value = def ?? choices!.split(',')[0];
    defaults.set(n, value);
    return value;
  });
  return withDefaults.replace(/\$\{(\d+)\}/g, (_, n: string) => defaults.get(n) ?? '').replace(/\$0/g, '');
}

/** Plausible values for the upper-case placeholder words the snippets use as defaults. */
const PLAUSIBLE: Record<string, string> = {
  ACCOUNT_ID: '210987654321',
  TOOLS_ACCOUNT_ID: '210987654322',
  VENDOR_ACCOUNT_ID: '310987654321',
  ROLE_NAME: 'DeployRole',
  ROLE_PREFIX: 'platform',
  VENDOR_ROLE_NAME: 'VendorIntegration',
  PIPELINE_ROLE_NAME: 'PipelineRole',
  EXTERNAL_ID: '7d1c9f0e-3b52-4c1e-9a57-2f4b8c6d0e13',
  ORG_ID: 'o-a1b2c3d4e5',
  SERVICE: 'events',
  RESOURCE: 'rule/nightly-export',
  OWNER: 'acme',
  REPO: 'payments-api',
  GROUP: 'acme',
  PROJECT: 'payments-api',
  CLUSTER_OIDC_ID: 'EXAMPLED539D4633E53DE1B71EXAMPLE',
  NAMESPACE: 'payments',
  SERVICE_ACCOUNT: 'payments-api',
  CLUSTER_NAME: 'production',
  PROVIDER_NAME: 'Okta',
  IDENTITY_POOL_UUID: '4f3e2d1c-0b9a-8877-6655-443322110099',
  TRUST_ANCHOR_ID: '4b1c2d3e-5f60-7182-93a4-b5c6d7e8f901',
  CERTIFICATE_CN: 'build-agent-01',
  SSO_ROLE_PREFIX: 'AWSReservedSSO_Engineer_',
};

function plausible(text: string): string {
  return text.replace(/\b[A-Z][A-Z0-9_]*[A-Z0-9]\b/g, (w) => PLAUSIBLE[w] ?? w);
}

const ZONE_OF_TRUST = {
  ownAccountIds: ['210987654321', '210987654322'],
  partnerAccountIds: ['310987654321'],
  organizationId: 'o-a1b2c3d4e5',
};

describe('snippets', () => {
  it('are generated from scripts/gen-snippets.mjs (the committed file is up to date)', () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/gen-snippets.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('cover every trust pattern of the brief, as a whole document and as a statement', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    for (const id of ['role', 'account-narrowed', 'organization', 'third-party', 'service', 'github-branch', 'github-environment', 'gitlab', 'eks-irsa', 'eks-pod-identity', 'saml', 'cognito', 'roles-anywhere', 'mfa-human', 'cicd-deploy']) {
      assert.ok(prefixes.includes(`trust-${id}`), `trust-${id}`);
      assert.ok(prefixes.includes(`stmt-${id}`), `stmt-${id}`);
    }
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`${snippet.prefix} expands to a policy that lints clean`, () => {
      const expanded = plausible(expandSnippet(snippet.body.join('\n')));
      assert.ok(!/\b[A-Z]{3,}_[A-Z_]+\b/.test(expanded.replace(/AWSReservedSSO_Engineer_/, '')), `placeholder left in ${name}:\n${expanded}`);
      const text = snippet.prefix.startsWith('stmt-') ? `{"Version": "2012-10-17", "Statement": [${expanded}]}` : expanded;
      JSON.parse(text);
      const findings = lint(text, undefined, ZONE_OF_TRUST).filter((f) => f.severity !== 'hint');
      assert.deepStrictEqual(
        findings.map((f) => `${f.ruleId}: ${f.message} @ ${text.substr(f.span.offset, f.span.length)}`),
        [],
        text,
      );
    });
  }
});
