import type { ConfirmRequest, ExternalIdRequest, MfaRequest, Prompter, RoleArnRequest, RoleChoice, RolePickRequest } from '../../server/src/assume';

/**
 * A Prompter answered by the test, the way a person answers quick picks and input boxes. Every
 * question is recorded; a question the test did not script fails the test.
 */
export interface Script {
  pickRole?: (r: RolePickRequest) => RoleChoice | 'enter-arn' | undefined;
  enterRoleArn?: (r: RoleArnRequest) => string | undefined;
  enterExternalId?: (r: ExternalIdRequest) => string | undefined;
  enterMfa?: (r: MfaRequest) => { serialNumber: string; tokenCode: string } | undefined;
  confirm?: (r: ConfirmRequest) => boolean;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: { question: keyof Script; request: unknown }[] = [];
  constructor(private readonly script: Script = {}) {}

  private answer<K extends keyof Script>(question: K, request: Parameters<NonNullable<Script[K]>>[0]): ReturnType<NonNullable<Script[K]>> {
    this.asked.push({ question, request });
    const handler = this.script[question] as ((r: unknown) => ReturnType<NonNullable<Script[K]>>) | undefined;
    if (!handler) throw new Error(`The flow asked "${question}", which this test did not expect: ${JSON.stringify(request)}`);
    return handler(request);
  }

  async pickRole(r: RolePickRequest) {
    return this.answer('pickRole', r);
  }
  async enterRoleArn(r: RoleArnRequest) {
    return this.answer('enterRoleArn', r);
  }
  async enterExternalId(r: ExternalIdRequest) {
    return this.answer('enterExternalId', r);
  }
  async enterMfa(r: MfaRequest) {
    return this.answer('enterMfa', r);
  }
  async confirm(r: ConfirmRequest) {
    return this.answer('confirm', r);
  }
}
