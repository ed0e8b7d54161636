/** Statements the group A rule tests start from: real roles, each valid as written. */

/** A vendor's cross-account role with an ExternalId, as SaaS monitoring vendors ask for. */
export const VENDOR_STATEMENT = {
  Sid: 'VendorAudit',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::464622532012:role/DatadogIntegration' },
  Action: 'sts:AssumeRole',
  Condition: { StringEquals: { 'sts:ExternalId': 'f3a9c1d27b8e4e06' } },
};

/** A GitHub Actions deploy role for one repository's production environment. */
export const GITHUB_STATEMENT = {
  Effect: 'Allow',
  Principal: { Federated: 'arn:aws:iam::318574629013:oidc-provider/token.actions.githubusercontent.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:acme-corp/payments-api:environment:production',
    },
  },
};
