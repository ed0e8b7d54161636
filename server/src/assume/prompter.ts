/**
 * What the assume and apply flows ask the person in front of them. The extension answers with
 * quick picks and input boxes; the CLI, which never prompts, answers by throwing an error that
 * names the flag to pass. A method that returns undefined means the user cancelled.
 */

export interface RoleChoice {
  arn: string;
  name: string;
  path: string;
  /** The role's deployed trust policy has the same content as the edited one. */
  matchesEditedPolicy: boolean;
  maxSessionDuration?: number;
  description?: string;
}

export interface RolePickRequest {
  /** Roles of the caller's account, those whose trust policy equals the edited one first. */
  choices: RoleChoice[];
  account: string;
}

export interface RoleArnRequest {
  /** Returns what is wrong with a typed value, or undefined when it is a role ARN. */
  validate(value: string): string | undefined;
  /** Why the user is asked (for instance: iam:ListRoles is not permitted). */
  reason?: string;
}

export interface ExternalIdRequest {
  /** The value the policy asks for, when it names exactly one literal. */
  prefill?: string;
  /** Every value the statements that could let the caller in accept. */
  candidates: string[];
  reason: string;
}

export interface MfaRequest {
  /** `arn:aws:iam::<account>:mfa/<user>`, the usual device name, when the caller is a user. */
  serialSuggestion?: string;
  reason: string;
}

export interface ConfirmRequest {
  title: string;
  /** What will change: a diff, or what could not be compared. */
  detail: string;
  /** The button: "Apply", "Update". */
  action: string;
}

export interface Prompter {
  /** `'enter-arn'`: the user chose "Enter a role ARN...". */
  pickRole(request: RolePickRequest): Promise<RoleChoice | 'enter-arn' | undefined>;
  enterRoleArn(request: RoleArnRequest): Promise<string | undefined>;
  /** An empty string sends no ExternalId (to see what STS says without one). */
  enterExternalId(request: ExternalIdRequest): Promise<string | undefined>;
  /** An empty serial number sends no MFA. */
  enterMfa(request: MfaRequest): Promise<{ serialNumber: string; tokenCode: string } | undefined>;
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** Progress and cancellation, shared by the extension (notification with cancel) and the CLI. */
export interface FlowControl {
  prompter: Prompter;
  signal?: AbortSignal;
  /** One short line per step: "Asking STS who you are". */
  progress?: (message: string) => void;
}
