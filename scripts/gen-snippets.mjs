// Generates snippets/trust-policies.json from one definition per trust pattern: each pattern
// yields a whole-document snippet (prefix `trust-…`) and a single-statement snippet (`stmt-…`).
// The file is committed (VS Code reads it; the language server bundles it); a unit test fails when
// it is out of date. Run: node scripts/gen-snippets.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Placeholder defaults are upper-case words (ACCOUNT_ID, ROLE_NAME...): they can never be mistaken
// for a real value, and the snippet test swaps them for plausible ones before linting.
const REGIONS = 'us-east-1,us-east-2,us-west-2,eu-west-1,eu-central-1,ap-southeast-2';

/** Each pattern: name, description, statement lines (tab stops numbered from 1). */
const patterns = [
  {
    id: 'role',
    name: 'Specific role',
    description: 'One IAM role in another (or the same) account may assume this role.',
    statement: [
      '"Sid": "${1:TrustDeployRole}",',
      '"Effect": "Allow",',
      '"Principal": { "AWS": "arn:aws:iam::${2:ACCOUNT_ID}:role/${3:ROLE_NAME}" },',
      '"Action": "sts:AssumeRole"',
    ],
  },
  {
    id: 'account-narrowed',
    name: 'Account root narrowed by aws:PrincipalArn',
    description: 'Trust an account, but only the roles whose ARN matches a pattern.',
    statement: [
      '"Sid": "${1:TrustAccountRoles}",',
      '"Effect": "Allow",',
      '"Principal": { "AWS": "arn:aws:iam::${2:ACCOUNT_ID}:root" },',
      '"Action": "sts:AssumeRole",',
      '"Condition": {',
      '  "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::${2:ACCOUNT_ID}:role/${3:ROLE_PREFIX}-*" }',
      '}',
    ],
  },
  {
    id: 'organization',
    name: 'Organization-wide (aws:PrincipalOrgID)',
    description: 'Any principal of your AWS Organization may assume this role; nobody outside it.',
    statement: [
      '"Sid": "${1:TrustOrganization}",',
      '"Effect": "Allow",',
      '"Principal": { "AWS": "*" },',
      '"Action": "sts:AssumeRole",',
      '"Condition": {',
      '  "StringEquals": { "aws:PrincipalOrgID": "${2:ORG_ID}" }',
      '}',
    ],
  },
  {
    id: 'third-party',
    name: 'Third party with ExternalId',
    description: 'A vendor account assumes this role; the ExternalId guards against the confused deputy.',
    statement: [
      '"Sid": "${1:TrustVendor}",',
      '"Effect": "Allow",',
      '"Principal": { "AWS": "arn:aws:iam::${2:VENDOR_ACCOUNT_ID}:role/${3:VENDOR_ROLE_NAME}" },',
      '"Action": "sts:AssumeRole",',
      '"Condition": {',
      '  "StringEquals": { "sts:ExternalId": "${4:EXTERNAL_ID}" }',
      '}',
    ],
  },
  {
    id: 'service',
    name: 'Service with confused-deputy guard',
    description: 'An AWS service assumes this role, only on behalf of your account and resource.',
    statement: [
      '"Sid": "${1:TrustService}",',
      '"Effect": "Allow",',
      '"Principal": { "Service": "${2|events.amazonaws.com,scheduler.amazonaws.com,states.amazonaws.com,codebuild.amazonaws.com,codepipeline.amazonaws.com,sns.amazonaws.com|}" },',
      '"Action": "sts:AssumeRole",',
      '"Condition": {',
      '  "StringEquals": { "aws:SourceAccount": "${3:ACCOUNT_ID}" },',
      '  "ArnLike": { "aws:SourceArn": "arn:aws:${4:SERVICE}:${5|' + REGIONS + '|}:${3:ACCOUNT_ID}:${6:RESOURCE}" }',
      '}',
    ],
  },
  {
    id: 'github-branch',
    name: 'GitHub Actions OIDC (repository + branch)',
    description: 'Workflows of one repository, on one branch, assume this role with GitHub\'s OIDC token.',
    statement: [
      '"Sid": "${1:TrustGitHubBranch}",',
      '"Effect": "Allow",',
      '"Principal": { "Federated": "arn:aws:iam::${2:ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com" },',
      '"Action": "sts:AssumeRoleWithWebIdentity",',
      '"Condition": {',
      '  "StringEquals": {',
      '    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",',
      '    "token.actions.githubusercontent.com:sub": "repo:${3:OWNER}/${4:REPO}:ref:refs/heads/${5:main}"',
      '  }',
      '}',
    ],
  },
  {
    id: 'github-environment',
    name: 'GitHub Actions OIDC (repository + environment)',
    description: 'Jobs of one repository that target one GitHub environment (with its protection rules).',
    statement: [
      '"Sid": "${1:TrustGitHubEnvironment}",',
      '"Effect": "Allow",',
      '"Principal": { "Federated": "arn:aws:iam::${2:ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com" },',
      '"Action": "sts:AssumeRoleWithWebIdentity",',
      '"Condition": {',
      '  "StringEquals": {',
      '    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",',
      '    "token.actions.githubusercontent.com:sub": "repo:${3:OWNER}/${4:REPO}:environment:${5|production,staging|}"',
      '  }',
      '}',
    ],
  },
  {
    id: 'gitlab',
    name: 'GitLab OIDC',
    description: 'GitLab CI jobs of one project on one branch or tag assume this role.',
    statement: [
      '"Sid": "${1:TrustGitLab}",',
      '"Effect": "Allow",',
      '"Principal": { "Federated": "arn:aws:iam::${2:ACCOUNT_ID}:oidc-provider/gitlab.com" },',
      '"Action": "sts:AssumeRoleWithWebIdentity",',
      '"Condition": {',
      '  "StringEquals": {',
      '    "gitlab.com:aud": "${3:https://gitlab.com}",',
      '    "gitlab.com:sub": "project_path:${4:GROUP}/${5:PROJECT}:ref_type:${6|branch,tag|}:ref:${7:main}"',
      '  }',
      '}',
    ],
  },
  {
    id: 'eks-irsa',
    name: 'EKS IAM Roles for Service Accounts (IRSA)',
    description: 'One Kubernetes service account of one EKS cluster assumes this role.',
    statement: [
      '"Sid": "${1:TrustServiceAccount}",',
      '"Effect": "Allow",',
      '"Principal": { "Federated": "arn:aws:iam::${2:ACCOUNT_ID}:oidc-provider/oidc.eks.${3|' + REGIONS + '|}.amazonaws.com/id/${4:CLUSTER_OIDC_ID}" },',
      '"Action": "sts:AssumeRoleWithWebIdentity",',
      '"Condition": {',
      '  "StringEquals": {',
      '    "oidc.eks.${3}.amazonaws.com/id/${4}:aud": "sts.amazonaws.com",',
      '    "oidc.eks.${3}.amazonaws.com/id/${4}:sub": "system:serviceaccount:${5:NAMESPACE}:${6:SERVICE_ACCOUNT}"',
      '  }',
      '}',
    ],
  },
  {
    id: 'eks-pod-identity',
    name: 'EKS Pod Identity',
    description: 'Pods of your EKS clusters get this role through an EKS Pod Identity association.',
    statement: [
      '"Sid": "${1:TrustPodIdentity}",',
      '"Effect": "Allow",',
      '"Principal": { "Service": "pods.eks.amazonaws.com" },',
      '"Action": ["sts:AssumeRole", "sts:TagSession"],',
      '"Condition": {',
      '  "StringEquals": { "aws:SourceAccount": "${2:ACCOUNT_ID}" },',
      '  "ArnEquals": { "aws:SourceArn": "arn:aws:eks:${3|' + REGIONS + '|}:${2:ACCOUNT_ID}:cluster/${4:CLUSTER_NAME}" }',
      '}',
    ],
  },
  {
    id: 'saml',
    name: 'SAML federation',
    description: 'Users of your SAML identity provider sign in to the AWS console with this role; their IdP-set source identity follows them into CloudTrail.',
    statement: [
      '"Sid": "${1:TrustSaml}",',
      '"Effect": "Allow",',
      '"Principal": { "Federated": "arn:aws:iam::${2:ACCOUNT_ID}:saml-provider/${3:PROVIDER_NAME}" },',
      '"Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],',
      '"Condition": {',
      '  "StringEquals": { "SAML:aud": "https://signin.aws.amazon.com/saml" },',
      '  "StringLike": { "sts:SourceIdentity": "${4:*@example.com}" }',
      '}',
    ],
  },
  {
    id: 'cognito',
    name: 'Cognito identity pool (authenticated)',
    description: 'Signed-in users of one Cognito identity pool assume this role.',
    statement: [
      '"Sid": "${1:TrustCognitoAuthenticated}",',
      '"Effect": "Allow",',
      '"Principal": { "Federated": "cognito-identity.amazonaws.com" },',
      '"Action": "sts:AssumeRoleWithWebIdentity",',
      '"Condition": {',
      '  "StringEquals": { "cognito-identity.amazonaws.com:aud": "${2|' + REGIONS + '|}:${3:IDENTITY_POOL_UUID}" },',
      '  "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" }',
      '}',
    ],
  },
  {
    id: 'roles-anywhere',
    name: 'IAM Roles Anywhere',
    description: 'Workloads outside AWS with a certificate from one trust anchor assume this role.',
    statement: [
      '"Sid": "${1:TrustRolesAnywhere}",',
      '"Effect": "Allow",',
      '"Principal": { "Service": "rolesanywhere.amazonaws.com" },',
      '"Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],',
      '"Condition": {',
      '  "ArnEquals": { "aws:SourceArn": "arn:aws:rolesanywhere:${2|' + REGIONS + '|}:${3:ACCOUNT_ID}:trust-anchor/${4:TRUST_ANCHOR_ID}" },',
      '  "StringEquals": { "aws:PrincipalTag/x509Subject/CN": "${5:CERTIFICATE_CN}" }',
      '}',
    ],
  },
  {
    id: 'mfa-human',
    name: 'Human role with MFA required',
    description: 'People signed in to one account with MFA assume this role; the session name must be their user name.',
    statement: [
      '"Sid": "${1:TrustHumansWithMfa}",',
      '"Effect": "Allow",',
      '"Principal": { "AWS": "arn:aws:iam::${2:ACCOUNT_ID}:root" },',
      '"Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],',
      '"Condition": {',
      '  "Bool": { "aws:MultiFactorAuthPresent": "true" },',
      '  "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::${2:ACCOUNT_ID}:role/${3:SSO_ROLE_PREFIX}*" },',
      '  "StringLike": { "sts:SourceIdentity": "${4:*@example.com}" }',
      '}',
    ],
  },
  {
    id: 'cicd-deploy',
    name: 'Cross-account CI/CD deploy role',
    description: 'The pipeline role of a tools account deploys into this account.',
    statement: [
      '"Sid": "${1:TrustPipeline}",',
      '"Effect": "Allow",',
      '"Principal": { "AWS": "arn:aws:iam::${2:TOOLS_ACCOUNT_ID}:role/${3:PIPELINE_ROLE_NAME}" },',
      '"Action": ["sts:AssumeRole", "sts:TagSession"],',
      '"Condition": {',
      '  "StringEquals": { "aws:PrincipalOrgID": "${4:ORG_ID}" }',
      '}',
    ],
  },
];

/** The tab stop numbers used in a pattern, shifted so a document snippet keeps $0 last. */
function documentBody(statement) {
  return ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {', ...statement.map((l) => '      ' + l), '    }$0', '  ]', '}'];
}

function statementBody(statement) {
  return ['{', ...statement.map((l) => '  ' + l), '}$0'];
}

const out = {};
for (const p of patterns) {
  out[`Trust policy: ${p.name}`] = { prefix: `trust-${p.id}`, description: `Whole trust policy. ${p.description}`, body: documentBody(p.statement) };
  out[`Trust statement: ${p.name}`] = { prefix: `stmt-${p.id}`, description: `One trust policy statement. ${p.description}`, body: statementBody(p.statement) };
}

const file = path.join(root, 'snippets', 'trust-policies.json');
const text = JSON.stringify(out, null, 2) + '\n';
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== text) {
    console.error('snippets/trust-policies.json is out of date: run node scripts/gen-snippets.mjs');
    process.exit(1);
  }
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote ${Object.keys(out).length} snippets to ${path.relative(root, file)}`);
}
