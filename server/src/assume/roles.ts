import { GetRoleCommand, ListRolesCommand, Role } from '@aws-sdk/client-iam';
import { PARTITIONS } from '../aws/principals';
import { describeAwsError } from './awsErrors';
import { AwsClients, callAws } from './connection';
import { decodeDeployedPolicy, JsonValue, samePolicy } from './policyText';
import { FlowControl, RoleChoice } from './prompter';

/** Roles: their ARNs, what iam:GetRole says of one, and choosing one from iam:ListRoles. */

export interface RoleArnParts {
  partition: string;
  account: string;
  /** `/` or `/a/b/`. */
  path: string;
  name: string;
}

export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const m = /^arn:([\w-]+):iam::(\d{12}):role(\/(?:[\x21-\x7e]+\/)?)([\w+=,.@-]{1,64})$/.exec(arn.trim());
  if (!m || !PARTITIONS.includes(m[1])) return undefined;
  return { partition: m[1], account: m[2], path: m[3], name: m[4] };
}

export function roleArnProblem(value: string): string | undefined {
  if (parseRoleArn(value)) return undefined;
  return `"${value}" is not a role ARN; write it as arn:aws:iam::123456789012:role/NAME (with the role's path, if any, before the name).`;
}

export interface RoleDetails {
  arn: string;
  name: string;
  maxSessionDuration?: number;
  /** The deployed trust policy, URL-decoded (JS SDK v3 does not decode it, wire doc §2.1). */
  trustPolicy?: { text: string; json?: JsonValue };
}

function details(role: Role): RoleDetails {
  return {
    arn: role.Arn!,
    name: role.RoleName!,
    maxSessionDuration: role.MaxSessionDuration,
    trustPolicy: role.AssumeRolePolicyDocument === undefined ? undefined : decodeDeployedPolicy(role.AssumeRolePolicyDocument),
  };
}

export async function fetchRole(clients: AwsClients, name: string, signal?: AbortSignal): Promise<RoleDetails> {
  const out = await callAws('IAM GetRole', clients.timeoutMs, signal, (abortSignal) => clients.iam.send(new GetRoleCommand({ RoleName: name }), { abortSignal }));
  return details(out.Role!);
}

/** IAM lists at most 1,000 roles a page and accounts hold a few thousand: this bounds a broken Marker loop. */
const MAX_PAGES = 100;

/**
 * Every role of the caller's account (following Marker while IsTruncated: IAM may return fewer
 * than MaxItems even when more remain, wire doc §2.2), those whose deployed trust policy equals
 * the edited one first, then by name.
 */
export async function listRoleChoices(clients: AwsClients, edited: JsonValue | undefined, signal?: AbortSignal): Promise<RoleChoice[]> {
  const roles: Role[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await callAws('IAM ListRoles', clients.timeoutMs, signal, (abortSignal) =>
      clients.iam.send(new ListRolesCommand({ Marker: marker, MaxItems: 1000 }), { abortSignal }),
    );
    roles.push(...(out.Roles ?? []));
    if (!out.IsTruncated || !out.Marker) break;
    marker = out.Marker;
  }
  const choices = roles.map((r): RoleChoice => {
    const deployed = r.AssumeRolePolicyDocument === undefined ? undefined : decodeDeployedPolicy(r.AssumeRolePolicyDocument).json;
    return {
      arn: r.Arn!,
      name: r.RoleName!,
      path: r.Path ?? '/',
      matchesEditedPolicy: edited !== undefined && deployed !== undefined && samePolicy(deployed, edited),
      maxSessionDuration: r.MaxSessionDuration,
      description: r.Description,
    };
  });
  return choices.sort((a, b) => Number(b.matchesEditedPolicy) - Number(a.matchesEditedPolicy) || a.name.localeCompare(b.name));
}

/**
 * Asks which role: a pick list from iam:ListRoles plus "Enter a role ARN...", or straight to the
 * ARN box when the roles cannot be listed. Undefined when the user cancels.
 */
export async function chooseRole(
  clients: AwsClients,
  account: string,
  edited: JsonValue | undefined,
  control: FlowControl,
): Promise<string | undefined> {
  let choices: RoleChoice[] | undefined;
  let reason: string | undefined;
  control.progress?.('Listing the roles of your account');
  try {
    choices = await listRoleChoices(clients, edited, control.signal);
  } catch (e) {
    // Not being allowed to list is common and only costs the pick list; anything else is real.
    const problem = describeAwsError(e);
    if (problem.kind !== 'access-denied') throw e;
    reason = `The roles of account ${account} could not be listed: ${problem.message}`;
  }
  if (choices) {
    const picked = await control.prompter.pickRole({ choices, account });
    if (picked === undefined) return undefined;
    if (picked !== 'enter-arn') return picked.arn;
  }
  return control.prompter.enterRoleArn({ validate: roleArnProblem, reason });
}
