// The generated trust policy that scripts/bench.mjs and scripts/profile-rules.mjs measure: a
// realistic mix of statements (a role of another account, a vendor with an ExternalId, GitHub
// OIDC, a service), numbered so no two statements are alike.

/** Statement number i of the mix. */
export function statement(i) {
  const acct = String(200000000000 + i);
  switch (i % 4) {
    case 0:
      return { Sid: `Deploy${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:role/Deploy${i}` }, Action: 'sts:AssumeRole' };
    case 1:
      return { Sid: `Vendor${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': `vendor-${i}-6f1c2e` } } };
    case 2:
      return {
        Sid: `GitHub${i}`,
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${acct}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': `repo:org/app${i}:ref:refs/heads/main` } },
      };
    default:
      return { Sid: `Service${i}`, Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' };
  }
}

/** The policy of n statements, as JSON indented by two spaces. */
export function policyText(n) {
  return JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => statement(i)) }, null, 2);
}
