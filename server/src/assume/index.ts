/**
 * "Assume this role" and "Apply trust policy": the vscode-free core shared by the extension and
 * the CLI. Front ends supply a Prompter (quick picks, or errors naming CLI flags), an AbortSignal
 * and a progress callback; everything else is here.
 */
export { assumeRoleFlow } from './flow';
export type { AssumeInput, AssumeDependencies, AssumeOutcome, AssumeSuccess, AssumeFailure, AssumeFailureKind, DeployedComparison } from './flow';
export { applyTrustPolicy, setMaxSessionDuration, locateIamError } from './apply';
export type { ApplyInput, ApplyDependencies, ApplyOutcome, MaxDurationOutcome, DocumentLocation } from './apply';
export type { Prompter, FlowControl, RoleChoice, RolePickRequest, RoleArnRequest, ExternalIdRequest, MfaRequest, ConfirmRequest } from './prompter';
export { createAwsClients, resolveEndpoint, whoAmI, EndpointError, CancelledError, CallTimeoutError, DEFAULT_TIMEOUT_MS } from './connection';
export type { AwsConnectionOptions, AwsClients } from './connection';
export { runPreflight, requestContext, statementLabel } from './preflight';
export type { Preflight, StatementVerdict, AssumeRequestFacts, Verdict } from './preflight';
export { checkDuration, durationRangeProblem, humanDuration, MIN_DURATION, MAX_DURATION, CHAINING_CAP, DEFAULT_DURATION } from './duration';
export type { DurationProblem } from './duration';
export { DEFAULT_SESSION_NAME_TEMPLATE, sessionNameFromTemplate, sessionNameProblem } from './sessionName';
export { describeCaller, isRoleChaining } from './identity';
export type { CallerIdentity } from './identity';
export { SessionCredentials } from './credentials';
export { redactSecrets, safeErrorMessage, REDACTED } from './redact';
export { parseRoleArn, roleArnProblem, listRoleChoices } from './roles';
export { policyDiff, decodeDeployedPolicy } from './policyText';
export { describeAwsError, signInAdvice } from './awsErrors';
export type { AwsProblem, AwsProblemKind } from './awsErrors';
