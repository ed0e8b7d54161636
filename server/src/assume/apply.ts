import { UpdateAssumeRolePolicyCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import { PolicySource } from '../documents';
import { Span, stringValue } from '../model/ast';
import { LineIndex } from '../text';
import { AwsProblem, describeAwsError, plainWords } from './awsErrors';
import { AwsClients, AwsConnectionOptions, callAws, createAwsClients, EndpointError, whoAmI } from './connection';
import { humanDuration, MAX_DURATION } from './duration';
import { EditedDocumentInput, readEditedPolicy } from './editedPolicy';
import { JsonValue, policyDiff } from './policyText';
import { FlowControl } from './prompter';
import { chooseRole, fetchRole, parseRoleArn, roleArnProblem } from './roles';

/**
 * "Apply": deploy the edited trust policy with iam:UpdateAssumeRolePolicy after showing the diff
 * and asking, and raise a role's MaxSessionDuration with iam:UpdateRole. IAM's refusals
 * (MalformedPolicyDocument, LimitExceeded, wire doc §2.3) come back on the document line they
 * are about, when the message lets us find it.
 */

export interface ApplyDependencies extends FlowControl {
  connection: AwsConnectionOptions;
}

export interface ApplyInput extends EditedDocumentInput {
  roleArn?: string;
}

/** Where in the document IAM's complaint is about: offsets plus 1-based line and column. */
export interface DocumentLocation {
  span: Span;
  line: number;
  column: number;
}

export type ApplyOutcome =
  | { kind: 'applied'; roleArn: string; diff?: string }
  | { kind: 'unchanged'; roleArn: string }
  | { kind: 'cancelled' }
  /** IAM refused the document: MalformedPolicyDocument, LimitExceeded… */
  | { kind: 'rejected'; roleArn: string; code: string; message: string; location?: DocumentLocation }
  /** Not sent, or failed for another reason (credentials, permissions, input). */
  | { kind: 'failed'; message: string; problem?: AwsProblem; location?: DocumentLocation };

export type MaxDurationOutcome = { kind: 'updated'; roleArn: string; seconds: number } | { kind: 'cancelled' } | { kind: 'failed'; message: string; problem?: AwsProblem };

function locate(text: string, span: Span): DocumentLocation {
  const pos = new LineIndex(text).position(span.offset);
  return { span, line: pos.line + 1, column: pos.character + 1 };
}

/** The element of the document an IAM error message is about, when it can be found. */
export function locateIamError(message: string, source: PolicySource): Span | undefined {
  const { policy } = source;
  const principal = /Invalid principal in policy: "(\w+)":"([^"]*)"/.exec(message);
  if (principal) {
    const [, type, value] = principal;
    const hit = policy.statements.flatMap((s) => s.principals).find((p) => p.type === type && p.value === value);
    return hit?.node.span;
  }
  if (/prohibited field Resource/i.test(message)) {
    const s = policy.statements.find((st) => st.resourceProperty || st.notResourceProperty);
    return (s?.resourceProperty ?? s?.notResourceProperty)?.keySpan;
  }
  if (/may only specify STS|actions can only be sts/i.test(message)) {
    return policy.statements.flatMap((s) => s.actions).find((a) => a.value !== undefined && !/^sts:/i.test(a.value))?.node.span;
  }
  if (/version/i.test(message) && policy.version) return policy.version.value?.span ?? policy.version.keySpan;
  if (/invalid Json|Syntax errors/i.test(message)) return source.syntaxProblems[0]?.span ?? source.root.span;
  return undefined;
}

async function connect(deps: ApplyDependencies): Promise<{ clients: AwsClients; account: string; partition: string } | { failed: string; problem?: AwsProblem }> {
  let clients: AwsClients;
  try {
    clients = createAwsClients(deps.connection);
  } catch (e) {
    if (e instanceof EndpointError) return { failed: e.message };
    throw e;
  }
  try {
    deps.progress?.('Asking STS who you are');
    const me = await whoAmI(clients, deps.signal);
    return { clients, account: me.account, partition: me.partition };
  } catch (e) {
    clients.destroy();
    const problem = describeAwsError(e);
    return { failed: plainWords(problem, deps.connection.profile), problem };
  }
}

function failure(e: unknown, deps: ApplyDependencies): { kind: 'cancelled' } | { kind: 'failed'; message: string; problem: AwsProblem } {
  const problem = describeAwsError(e);
  if (problem.kind === 'cancelled') return { kind: 'cancelled' };
  if (problem.kind === 'other' && !(e as { $metadata?: unknown })?.$metadata) throw e;
  return { kind: 'failed', message: plainWords(problem, deps.connection.profile), problem };
}

/** IAM writes only to the caller's own account. */
function wrongAccount(roleArn: string, account: string): string | undefined {
  const parts = parseRoleArn(roleArn);
  if (!parts) return roleArnProblem(roleArn);
  if (parts.account !== account) return `The role is in account ${parts.account}, but you are signed in to ${account}: IAM changes only your own account's roles. Sign in to ${parts.account} (another profile) to change it.`;
  return undefined;
}

export async function applyTrustPolicy(input: ApplyInput, deps: ApplyDependencies): Promise<ApplyOutcome> {
  const edited = readEditedPolicy(input);
  if ('problem' in edited) return { kind: 'failed', message: edited.problem };
  if (edited.json === undefined) {
    const p = edited.jsonProblem!;
    return { kind: 'failed', message: p.message, location: locate(input.text, p.span) };
  }
  const json: JsonValue = edited.json;
  const connected = await connect(deps);
  if ('failed' in connected) return { kind: 'failed', message: connected.failed, problem: connected.problem };
  const { clients, account, partition } = connected;
  try {
    const named = stringValue(edited.source.role?.roleName);
    const roleArn = input.roleArn ?? (named ? `arn:${partition}:iam::${account}:role/${named}` : await chooseRole(clients, account, json, deps));
    if (roleArn === undefined) return { kind: 'cancelled' };
    const refused = wrongAccount(roleArn, account);
    if (refused) return { kind: 'failed', message: refused };
    const name = parseRoleArn(roleArn)!.name;

    deps.progress?.(`Reading role ${name} (iam:GetRole)`);
    let detail: string;
    let diff: string | undefined;
    try {
      const deployed = (await fetchRole(clients, name, deps.signal)).trustPolicy?.json;
      diff = deployed === undefined ? undefined : policyDiff(deployed, json);
      if (deployed !== undefined && diff === undefined) return { kind: 'unchanged', roleArn };
      detail = diff ?? 'The deployed trust policy could not be parsed; it will be replaced by the file.';
    } catch (e) {
      const problem = describeAwsError(e);
      if (problem.kind !== 'access-denied') throw e;
      detail = `The deployed trust policy could not be read (${problem.message}), so there is no diff: it will be replaced by the file's policy.`;
    }
    const ok = await deps.prompter.confirm({ title: `Replace the trust policy of ${roleArn}?`, detail, action: 'Apply' });
    if (!ok) return { kind: 'cancelled' };

    deps.progress?.(`Updating the trust policy of ${name} (iam:UpdateAssumeRolePolicy)`);
    // Compact JSON: IAM counts the document against the 2,048-character quota (ACLSizePerRole).
    const document = JSON.stringify(json);
    try {
      await callAws('IAM UpdateAssumeRolePolicy', clients.timeoutMs, deps.signal, (abortSignal) =>
        clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: document }), { abortSignal }),
      );
    } catch (e) {
      const problem = describeAwsError(e);
      if (problem.kind === 'malformed-policy' || problem.kind === 'limit-exceeded' || problem.kind === 'unmodifiable') {
        const span = problem.kind === 'limit-exceeded' ? edited.source.root.span : locateIamError(problem.message, edited.source);
        const message =
          problem.kind === 'limit-exceeded'
            ? `IAM refused the policy: ${problem.message}. Sent without white space it has ${document.length} characters; shorten it (merge statements, drop duplicates) or ask AWS for a larger trust-policy quota.`
            : `IAM refused the policy: ${problem.message}`;
        return { kind: 'rejected', roleArn, code: problem.code, message, location: span ? locate(input.text, span) : undefined };
      }
      throw e;
    }
    return { kind: 'applied', roleArn, diff };
  } catch (e) {
    return failure(e, deps);
  } finally {
    clients.destroy();
  }
}

/** Sets the role's MaxSessionDuration (3,600-43,200 s), after asking. */
export async function setMaxSessionDuration(input: { roleArn: string; seconds: number }, deps: ApplyDependencies): Promise<MaxDurationOutcome> {
  const { roleArn, seconds } = input;
  if (!Number.isInteger(seconds) || seconds < 3600 || seconds > MAX_DURATION) {
    return { kind: 'failed', message: `MaxSessionDuration must be a whole number of seconds from 3600 (1 hour) to ${MAX_DURATION} (12 hours); ${seconds} is not.` };
  }
  const connected = await connect(deps);
  if ('failed' in connected) return { kind: 'failed', message: connected.failed, problem: connected.problem };
  const { clients, account } = connected;
  try {
    const refused = wrongAccount(roleArn, account);
    if (refused) return { kind: 'failed', message: refused };
    const name = parseRoleArn(roleArn)!.name;
    const ok = await deps.prompter.confirm({
      title: `Set the MaxSessionDuration of ${roleArn} to ${seconds} seconds?`,
      detail: `Sessions of this role could then last up to ${humanDuration(seconds)}.`,
      action: 'Update',
    });
    if (!ok) return { kind: 'cancelled' };
    deps.progress?.(`Updating role ${name} (iam:UpdateRole)`);
    await callAws('IAM UpdateRole', clients.timeoutMs, deps.signal, (abortSignal) =>
      clients.iam.send(new UpdateRoleCommand({ RoleName: name, MaxSessionDuration: seconds }), { abortSignal }),
    );
    return { kind: 'updated', roleArn, seconds };
  } catch (e) {
    return failure(e, deps);
  } finally {
    clients.destroy();
  }
}
