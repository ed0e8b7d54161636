import * as vscode from 'vscode';
import type { ConfirmRequest, ExternalIdRequest, MfaRequest, Prompter, RoleArnRequest, RoleChoice, RolePickRequest } from '../../server/src/assume';
import { QuickInputs } from './assumeUi';

/**
 * The assume and apply flows' questions as quick picks and input boxes. It also remembers which
 * role the user chose (to store it for the file) and lets the apply command show the diff editor
 * before the confirmation dialog.
 */

export const ENTER_ROLE_ARN = 'Enter a role ARN...';

interface RoleItem extends vscode.QuickPickItem {
  choice?: RoleChoice;
}

/** A modal dialog's detail is a few lines, not a document: the diff editor shows the whole diff. */
const DETAIL_MAX_LINES = 30;

export class QuickInputPrompter implements Prompter {
  /** The role the user picked or typed in this run, if they were asked. */
  chosenRoleArn?: string;

  constructor(
    private readonly ui: QuickInputs,
    private readonly beforeConfirm?: (request: ConfirmRequest) => Promise<void>,
  ) {}

  async pickRole({ choices, account }: RolePickRequest): Promise<RoleChoice | 'enter-arn' | undefined> {
    const items: RoleItem[] = choices.map((choice) => ({
      label: choice.name,
      description: [choice.matchesEditedPolicy ? '$(check) deployed trust policy equals this one' : '', choice.path !== '/' ? choice.path : ''].filter(Boolean).join('  '),
      detail: choice.arn,
      choice,
    }));
    items.push({ label: ENTER_ROLE_ARN, description: 'a role of another account, or one not listed', alwaysShow: true });
    const picked = await this.ui.pick('role', items, {
      title: `Which role of account ${account} should be assumed?`,
      placeHolder: 'Roles whose deployed trust policy equals the edited one come first',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    if (!picked.choice) return 'enter-arn';
    this.chosenRoleArn = picked.choice.arn;
    return picked.choice;
  }

  async enterRoleArn({ validate, reason }: RoleArnRequest): Promise<string | undefined> {
    const value = await this.ui.input('roleArn', {
      title: 'Role to assume',
      prompt: `${reason ? `${reason} ` : ''}The role's ARN, with its path if it has one.`,
      placeHolder: 'arn:aws:iam::123456789012:role/NAME',
      validateInput: (text) => (text.trim() ? validate(text.trim()) : 'Enter the ARN of the role to assume.'),
    });
    if (value === undefined) return undefined;
    this.chosenRoleArn = value.trim();
    return this.chosenRoleArn;
  }

  async enterExternalId({ prefill, candidates, reason }: ExternalIdRequest): Promise<string | undefined> {
    const others = candidates.filter((c) => c !== prefill);
    return this.ui.input('externalId', {
      title: 'sts:ExternalId',
      prompt: `${reason}${others.length ? ` The policy accepts: ${candidates.join(', ')}.` : ''} Leave it empty to send none.`,
      value: prefill,
    });
  }

  async enterMfa({ serialSuggestion, reason }: MfaRequest): Promise<{ serialNumber: string; tokenCode: string } | undefined> {
    const serialNumber = await this.ui.input('mfaSerial', {
      title: 'MFA device',
      prompt: `${reason} The device's ARN (leave it empty to send no MFA).`,
      value: serialSuggestion,
      placeHolder: 'arn:aws:iam::123456789012:mfa/NAME',
    });
    if (serialNumber === undefined) return undefined;
    if (!serialNumber.trim()) return { serialNumber: '', tokenCode: '' };
    const tokenCode = await this.ui.input('mfaCode', {
      title: 'MFA code',
      prompt: `The current code of ${serialNumber.trim()}.`,
      placeHolder: '123456',
      validateInput: (text) => (/^\d{6}$/.test(text.trim()) ? undefined : 'An MFA code is 6 digits.'),
    });
    if (tokenCode === undefined) return undefined;
    return { serialNumber: serialNumber.trim(), tokenCode: tokenCode.trim() };
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    await this.beforeConfirm?.(request);
    const lines = request.detail.split('\n');
    const detail = lines.length > DETAIL_MAX_LINES ? [...lines.slice(0, DETAIL_MAX_LINES), `… ${lines.length - DETAIL_MAX_LINES} more lines in the diff editor`].join('\n') : request.detail;
    const answer = await this.ui.message('confirm', 'warning', request.title, [request.action], { detail });
    return answer === request.action;
  }
}
