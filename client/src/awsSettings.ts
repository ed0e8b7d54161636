import { loadSharedConfigFiles } from '@smithy/core/config';
import * as vscode from 'vscode';
import type { AwsConnectionOptions } from '../../server/src/assume';
import { DEFAULT_DURATION, DEFAULT_SESSION_NAME_TEMPLATE } from '../../server/src/assume';
import { ExplicitSettings } from './settings';
import { QuickInputs } from './assumeUi';

/**
 * The AWS side of the settings: which profile, region and endpoints the AWS commands use, and
 * the "Select AWS Profile" command. Profiles and endpoints decide where credentials go, so they
 * are read through ExplicitSettings: in an untrusted workspace only the user's own values count.
 * Profiles are listed from the shared config and credentials files as the SDK parses them
 * (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured); nothing but their names and kinds is
 * kept or shown.
 */

export const PROFILE_SETTING = 'aws.profile';

export interface AwsCommandSettings {
  connection: AwsConnectionOptions;
  /** `iamTrust.assume.sessionNameTemplate`. */
  sessionNameTemplate: string;
  /** `iamTrust.assume.durationSeconds`. */
  durationSeconds: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The profile's region, or us-east-1 when neither the setting, the environment nor the profile says (STS answers there). */
async function resolveRegion(profile: string | undefined): Promise<string | undefined> {
  if (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION) return undefined;
  const name = profile ?? process.env.AWS_PROFILE ?? 'default';
  try {
    const files = await loadSharedConfigFiles({ ignoreCache: true });
    if (files.configFile[name]?.region) return undefined;
  } catch {
    // No readable config file: the fallback below applies.
  }
  return 'us-east-1';
}

export async function readAwsSettings(settings: ExplicitSettings, scope: vscode.Uri | undefined): Promise<AwsCommandSettings> {
  const explicit = settings.read(scope) as { aws?: Record<string, unknown> };
  const aws = explicit.aws ?? {};
  const profile = text(aws.profile);
  const configuration = vscode.workspace.getConfiguration('iamTrust', scope);
  const duration = configuration.get<number>('assume.durationSeconds');
  return {
    connection: {
      profile,
      region: text(aws.region) ?? (await resolveRegion(profile)),
      endpoints: { sts: text(aws.stsEndpoint), iam: text(aws.iamEndpoint) },
    },
    sessionNameTemplate: text(configuration.get('assume.sessionNameTemplate')) ?? DEFAULT_SESSION_NAME_TEMPLATE,
    durationSeconds: typeof duration === 'number' ? duration : DEFAULT_DURATION,
  };
}

export interface ProfileSummary {
  name: string;
  /** How it gets credentials, in a few words: "SSO", "role arn:…", "access keys", "credential_process". */
  kind: string;
  region?: string;
}

/** The profiles of the shared config and credentials files, by name. */
export async function listProfiles(): Promise<ProfileSummary[]> {
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set<string>();
  // Other sections come back as "sso-session.NAME" and "services.NAME".
  for (const name of [...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)]) {
    if (!/^(sso-session|services)\./.test(name)) names.add(name);
  }
  return [...names].sort().map((name) => {
    const section = { ...files.credentialsFile[name], ...files.configFile[name] };
    const kind = section.sso_session || section.sso_start_url
      ? 'SSO'
      : section.role_arn
        ? `role ${section.role_arn}`
        : section.credential_process
          ? 'credential_process'
          : section.aws_access_key_id
            ? 'access keys'
            : section.web_identity_token_file
              ? 'web identity'
              : 'settings only';
    return { name, kind, region: section.region };
  });
}

export const DEFAULT_CHAIN_LABEL = 'Default credential chain';

interface ProfileItem extends vscode.QuickPickItem {
  profile: string;
}

export interface SelectProfileResult {
  profile?: string;
  /** Where the choice was stored. */
  target?: 'user' | 'workspace';
  cancelled?: boolean;
}

/**
 * "Select AWS Profile": the choice goes to the `iamTrust.aws.profile` user setting, because
 * profiles belong to the machine rather than the project and user values are the ones honoured
 * in untrusted workspaces. When a trusted workspace sets the profile itself, the workspace value
 * is updated instead, or the choice would have no effect.
 */
export async function selectProfile(ui: QuickInputs, log: vscode.LogOutputChannel): Promise<SelectProfileResult> {
  let profiles: ProfileSummary[] = [];
  let problem: string | undefined;
  try {
    profiles = await listProfiles();
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  const configuration = vscode.workspace.getConfiguration('iamTrust');
  const inspected = configuration.inspect<string>(PROFILE_SETTING);
  const workspaceOwned = vscode.workspace.isTrusted && inspected?.workspaceValue !== undefined;
  const current = (workspaceOwned ? inspected?.workspaceValue : inspected?.globalValue) ?? '';
  const mark = (name: string) => (name === current ? '$(check) ' : '');
  const items: ProfileItem[] = [
    { label: DEFAULT_CHAIN_LABEL, description: `${mark('')}AWS_PROFILE, environment keys, then the "default" profile`, profile: '' },
    ...profiles.map((p) => ({ label: p.name, description: `${mark(p.name)}${p.kind}${p.region ? ` · ${p.region}` : ''}`, profile: p.name })),
  ];
  const picked = await ui.pick('profile', items, {
    title: 'AWS profile for IAM Trust',
    placeHolder: profiles.length ? 'Profiles of ~/.aws/config and ~/.aws/credentials' : `No profiles found${problem ? ` (${problem})` : ''}: add one with "aws configure --profile NAME"`,
    matchOnDescription: true,
  });
  if (!picked) return { cancelled: true };
  const target = workspaceOwned ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await configuration.update(PROFILE_SETTING, picked.profile, target);
  const where = workspaceOwned ? 'workspace' : 'user';
  log.info(`AWS profile for IAM Trust: ${picked.profile || 'the default credential chain'} (${where} setting iamTrust.aws.profile)`);
  return { profile: picked.profile, target: where };
}
