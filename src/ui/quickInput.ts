// Multi-step quick input helpers (text, pick, confirm, back/forward between steps).
import * as vscode from 'vscode';
import { outsideText } from './outsideText';

/** Thrown when the user presses Back in a multi-step input. */
export class BackSignal extends Error {}

interface StepBase {
  title: string;
  step: number;
  totalSteps: number;
}

/** One text step of a multi-step input, validating as the user types; `warning` is shown but does not block. */
export function askText(
  opts: StepBase & {
    prompt: string;
    value?: string;
    placeholder?: string;
    password?: boolean;
    validate?: (v: string) => string | undefined;
    warning?: string;
  },
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const box = vscode.window.createInputBox();
    Object.assign(box, {
      title: opts.title,
      step: opts.step,
      totalSteps: opts.totalSteps,
      prompt: opts.prompt,
      value: opts.value ?? '',
      placeholder: opts.placeholder,
      password: opts.password ?? false,
      ignoreFocusOut: true,
    });
    box.buttons = opts.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    // A validation message takes the prompt's place, so the warning repeats what the step asks for.
    const warning = opts.warning
      ? { message: `${opts.prompt}\n\n${opts.warning}`, severity: vscode.InputBoxValidationSeverity.Warning }
      : undefined;
    const check = (v: string) => (box.validationMessage = opts.validate?.(v) ?? warning);
    if (box.value) check(box.value);
    else box.validationMessage = warning;
    let done = false;
    const finish = (f: () => void) => {
      done = true;
      f();
      box.dispose();
    };
    box.onDidChangeValue(check);
    box.onDidTriggerButton(() => finish(() => reject(new BackSignal())));
    box.onDidAccept(() => {
      const problem = opts.validate?.(box.value);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      finish(() => resolve(box.value));
    });
    box.onDidHide(() => {
      if (!done) finish(() => resolve(undefined));
    });
    box.show();
  });
}

/** One pick step of a multi-step input. */
export function askPick<T extends vscode.QuickPickItem>(
  opts: StepBase & { placeholder: string; items: T[]; active?: T },
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const pick = vscode.window.createQuickPick<T>();
    Object.assign(pick, {
      title: opts.title,
      step: opts.step,
      totalSteps: opts.totalSteps,
      placeholder: opts.placeholder,
      ignoreFocusOut: true,
    });
    pick.items = opts.items;
    if (opts.active) pick.activeItems = [opts.active];
    pick.buttons = opts.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    let done = false;
    const finish = (f: () => void) => {
      done = true;
      f();
      pick.dispose();
    };
    pick.onDidTriggerButton(() => finish(() => reject(new BackSignal())));
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems;
      if (chosen) finish(() => resolve(chosen));
    });
    pick.onDidHide(() => {
      if (!done) finish(() => resolve(undefined));
    });
    pick.show();
  });
}

/**
 * Runs steps in order; Back re-runs the previous step. Each step returns the index of the
 * next step (usually i + 1) or undefined to cancel.
 */
export async function runSteps(steps: Array<() => Promise<boolean>>): Promise<boolean> {
  let i = 0;
  while (i < steps.length) {
    try {
      if (!(await steps[i]())) return false;
      i++;
    } catch (err) {
      if (err instanceof BackSignal) i = Math.max(0, i - 1);
      else throw err;
    }
  }
  return true;
}

/**
 * Asks before a destructive action with a quick pick ("Cancel" first, so a stray Enter is safe).
 * A quick pick rather than a modal dialog: keyboard-first, and it can be answered in tests.
 */
export async function confirm(title: string, action: string, detail?: string): Promise<boolean> {
  const items: (vscode.QuickPickItem & { yes: boolean })[] = [
    { label: '$(close) Cancel', yes: false },
    {
      label: `$(warning) ${outsideText(action)}`,
      detail: detail === undefined ? undefined : outsideText(detail, 600),
      yes: true,
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: outsideText(title),
    placeHolder: outsideText(title, 600),
    ignoreFocusOut: true,
  });
  return picked?.yes === true;
}
