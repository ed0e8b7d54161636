import * as path from 'path';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { startFakeAws, FakeAws } from '../fake-aws/server';

/** Shared by the AWS suites: the fixture, its keys, and real SDK clients pointed at the fake. */

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/aws/accounts.json');

export const TOOLS = '210987654321';
export const PRODUCTION = '345678901234';
export const VENDOR = '456789012345';

export const KEYS = {
  alice: { accessKeyId: 'AKIAZTOOLSALICE00001', secretAccessKey: 'aliceSecretKey0000000000000000000000000001' },
  bob: { accessKeyId: 'AKIAZTOOLSBOB0000001', secretAccessKey: 'bobSecretKey00000000000000000000000000001' },
  carol: { accessKeyId: 'AKIAZTOOLSCAROL00001', secretAccessKey: 'carolSecretKey000000000000000000000000001' },
  vendor: { accessKeyId: 'AKIAZVENDORBOT000001', secretAccessKey: 'vendorSecretKey00000000000000000000000001' },
  expired: {
    accessKeyId: 'ASIAZEXPIREDSESSION1',
    secretAccessKey: 'expiredSessionSecret00000000000000000001',
    sessionToken: 'IQoJb3JpZ2luX2VjEXPIREDexpiredEXPIREDexpiredEXPIREDexpiredEXPIREDexpiredEXPIREDexpired0001',
  },
  ec2: {
    accessKeyId: 'ASIAZEC2INSTANCE0001',
    secretAccessKey: 'ec2InstanceSecret0000000000000000000000001',
    sessionToken: 'IQoJb3JpZ2luX2VjEC2ec2EC2ec2EC2ec2EC2ec2EC2ec2EC2ec2EC2ec2EC2ec2EC2ec2EC2ec2EC2ec2EC2ec20001',
  },
} satisfies Record<string, AwsCredentialIdentity>;

export const ROLES = {
  deploy: `arn:aws:iam::${TOOLS}:role/deploy`,
  deployCopy: `arn:aws:iam::${TOOLS}:role/deploy-copy`,
  ciRunner: `arn:aws:iam::${TOOLS}:role/ci/ci-runner`,
  release: `arn:aws:iam::${TOOLS}:role/release`,
  mfaAdmin: `arn:aws:iam::${TOOLS}:role/mfa-admin`,
  automation: `arn:aws:iam::${TOOLS}:role/ops/automation`,
  prodOps: `arn:aws:iam::${PRODUCTION}:role/prod-ops`,
  prodReadonly: `arn:aws:iam::${PRODUCTION}:role/prod-readonly`,
  prodDeploy: `arn:aws:iam::${PRODUCTION}:role/deploy/prod-deploy`,
  prodGuarded: `arn:aws:iam::${PRODUCTION}:role/prod-guarded`,
  vendorAudit: `arn:aws:iam::${PRODUCTION}:role/vendor-audit`,
};

export function startFake(): Promise<FakeAws> {
  return startFakeAws({ fixture: FIXTURE });
}

export function sts(fake: FakeAws, credentials: AwsCredentialIdentity, region = 'eu-west-1'): STSClient {
  return new STSClient({ region, endpoint: fake.url, credentials, maxAttempts: 1 });
}

export function iam(fake: FakeAws, credentials: AwsCredentialIdentity, region = 'eu-west-1'): IAMClient {
  return new IAMClient({ region, endpoint: fake.url, credentials, maxAttempts: 1 });
}

/** Awaits a promise that must fail, and returns the error for assertions. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The policy text of a fixture role, as a user would have it in a file. */
export function policyFile(statements: unknown[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) + '\n';
}
