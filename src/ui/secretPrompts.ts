// The client factory's questions to the user: a missing secret, and whether to send a secret to a server it was not entered for.
import * as vscode from 'vscode';
import type { AskSecret, ConfirmSecret } from '../connection/clientFactory';

export const askSecret: AskSecret = (profile, prompt) =>
  Promise.resolve(
    vscode.window.showInputBox({ title: `Airflow: ${profile.name}`, prompt, password: true, ignoreFocusOut: true }),
  );

/** A quick pick with "Cancel" first (a stray Enter sends nothing), as the other confirmations. */
export const confirmSecret: ConfirmSecret = async (profile, question) => {
  type Item = vscode.QuickPickItem & { answer?: 'send' | 'new' };
  const items: Item[] = [
    { label: '$(close) Cancel', detail: 'Send nothing' },
    { label: '$(key) Enter a New Secret…', detail: 'For this server; the stored one is replaced', answer: 'new' },
    {
      label: `$(warning) Send It to ${new URL(profile.url).host}`,
      detail: 'Only if you trust this server with it',
      answer: 'send',
    },
  ];
  const title = `Airflow: ${profile.name}: ${question}`;
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: question, ignoreFocusOut: true });
  return picked?.answer;
};
