import * as assert from 'assert';
import { lint, policy } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { Rule } from './types';

/**
 * Test support for the group F (federation) rules: trust statements for each provider, written
 * as people write them, and a check that a quick fix settles its finding.
 */

export const ACCOUNT = '318574629013';
export const GITHUB = 'token.actions.githubusercontent.com';
export const GITHUB_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`;
export const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/5C2F8E1A9B7D4E3F6A0B1C2D3E4F5A6B';
export const EKS_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS}`;
export const COGNITO = 'cognito-identity.amazonaws.com';
export const POOL_ID = 'eu-west-1:4f3e2d1c-0b9a-4877-a655-443322110099';
export const SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;

/** A web identity statement for a Federated principal, with an optional Condition. */
export function webIdentity(federated: string | string[], condition?: object, action: string | string[] = 'sts:AssumeRoleWithWebIdentity'): object {
  return { Effect: 'Allow', Principal: { Federated: federated }, Action: action, ...(condition ? { Condition: condition } : {}) };
}

/** A whole policy trusting GitHub Actions with `condition`. */
export function github(condition?: object): string {
  return policy(webIdentity(GITHUB_PROVIDER, condition));
}

/** The GitHub audience condition everyone should have, merged into a `StringEquals` block. */
export function githubAud(more: object = {}): object {
  return { [`${GITHUB}:aud`]: 'sts.amazonaws.com', ...more };
}

export function eks(condition?: object): string {
  return policy(webIdentity(EKS_PROVIDER, condition));
}

export function cognito(condition?: object): string {
  return policy(webIdentity(COGNITO, condition));
}

export function saml(condition?: object): string {
  return policy({ Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: 'sts:AssumeRoleWithSAML', ...(condition ? { Condition: condition } : {}) });
}

/** Applies the rule's only fix and checks that the rule has nothing more to say; returns the fixed text. */
export function assertFixSettles(rule: Rule, code: string): string {
  const after = fixed(code, rule);
  JSON.parse(after);
  assert.deepStrictEqual(
    lint(after, rule).map((f) => f.message),
    [],
    after,
  );
  return after;
}
