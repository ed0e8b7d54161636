import * as vscode from 'vscode';

/**
 * The questions and answers of the AWS commands go through QuickInputs: quick picks, input boxes
 * and messages. The real one is VS Code's; the scripted one answers from a script a test passes
 * to the command (`executeCommand('iamTrust.assumeRole', uri, 0, { answers })`), so everything
 * above the bare widgets (which items are offered, what is prefilled, how answers are validated)
 * runs as it does for a person. Scripts are honoured only when the extension runs under test or
 * development (ExtensionMode), so another extension cannot answer "Apply?" for the user.
 */

/** Which question: also the key of its answer in a script. */
export type PromptId = 'policy' | 'role' | 'roleArn' | 'externalId' | 'mfaSerial' | 'mfaCode' | 'confirm' | 'result' | 'profile';

export type MessageLevel = 'info' | 'warning' | 'error';

export interface QuickInputs {
  pick<T extends vscode.QuickPickItem>(id: PromptId, items: T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  input(id: PromptId, options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A notification with buttons, or a modal dialog; resolves with the button's title. */
  message(id: PromptId, level: MessageLevel, text: string, actions: string[], modal?: { detail?: string }): Promise<string | undefined>;
  /** True for scripted answers: commands then wait for what a chosen action does. */
  readonly scripted: boolean;
}

export const vscodeInputs: QuickInputs = {
  scripted: false,
  pick: (_id, items, options) => Promise.resolve(vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options })),
  input: (_id, options) => Promise.resolve(vscode.window.showInputBox({ ignoreFocusOut: true, ...options })),
  message(_id, level, text, actions, modal) {
    const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return Promise.resolve(modal ? show(text, { modal: true, detail: modal.detail }, ...actions) : show(text, ...actions));
  },
};

/**
 * One answer per question: a pick's item label, an input's text (`true` accepts what is
 * prefilled), a message's button title (`true` for a confirmation's only action, `false` to
 * refuse). An array answers the same question several times, in order.
 */
export type ScriptedAnswer = string | boolean;
export type ScriptedAnswers = Partial<Record<PromptId, ScriptedAnswer | ScriptedAnswer[]>>;

/** What a scripted run was asked, returned to the test (never holds a secret). */
export interface AskedPrompt {
  id: PromptId;
  /** Picks: the labels offered. */
  items?: string[];
  /** Inputs: the prefilled value. Messages: the text. */
  value?: string;
  title?: string;
  prompt?: string;
  actions?: string[];
  level?: MessageLevel;
  detail?: string;
  /** The scripted input failed the box's validation: the message the user would have seen. */
  rejected?: string;
  /** No answer was scripted: the question was cancelled. */
  unanswered?: boolean;
}

export class ScriptedInputs implements QuickInputs {
  readonly scripted = true;
  readonly asked: AskedPrompt[] = [];
  private readonly used = new Map<PromptId, number>();

  constructor(private readonly answers: ScriptedAnswers) {}

  private next(asked: AskedPrompt): ScriptedAnswer | undefined {
    this.asked.push(asked);
    const scripted = this.answers[asked.id];
    const count = this.used.get(asked.id) ?? 0;
    this.used.set(asked.id, count + 1);
    const answer = Array.isArray(scripted) ? scripted[count] : count === 0 ? scripted : undefined;
    if (answer === undefined) asked.unanswered = true;
    return answer;
  }

  async pick<T extends vscode.QuickPickItem>(id: PromptId, items: T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const answer = this.next({ id, items: items.map((i) => i.label), title: options.title });
    return items.find((i) => i.label === answer);
  }

  async input(id: PromptId, options: vscode.InputBoxOptions): Promise<string | undefined> {
    const asked: AskedPrompt = { id, value: options.value, title: options.title, prompt: options.prompt };
    const answer = this.next(asked);
    if (answer === undefined || answer === false) return undefined;
    const value = answer === true ? (options.value ?? '') : answer;
    const problem = await options.validateInput?.(value);
    const message = typeof problem === 'string' ? problem : problem?.message;
    if (message) {
      asked.rejected = message;
      return undefined;
    }
    return value;
  }

  async message(id: PromptId, level: MessageLevel, text: string, actions: string[], modal?: { detail?: string }): Promise<string | undefined> {
    const answer = this.next({ id, level, value: text, actions, detail: modal?.detail });
    if (answer === true) return actions[0];
    return typeof answer === 'string' && actions.includes(answer) ? answer : undefined;
  }
}

/** The command's optional last argument, from tests. */
export interface ScriptOption {
  answers?: ScriptedAnswers;
}

/** Scripted inputs when a script was passed and the extension runs under test or development. */
export function inputsFor(option: unknown, mode: vscode.ExtensionMode): QuickInputs {
  const answers = (option as ScriptOption | undefined)?.answers;
  if (answers && typeof answers === 'object' && mode !== vscode.ExtensionMode.Production) return new ScriptedInputs(answers);
  return vscodeInputs;
}
