// Issue 23: a notification that shows outside text holds no link for it, and a click on that text runs nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitUntil } from './airflow';
import { click, countElements, screenshot, waitForSelector } from './screenshot';

/** The command the outside text tries to run: it opens an editor, which a test can see. */
export const PROBE_COMMAND = 'workbench.action.files.newUntitledFile';
/** Link syntax VS Code's notifications obey, with `label` as what the user would click. */
export const linkTo = (label: string) => `[${label}](command:${PROBE_COMMAND})`;

const toastWith = (text: string) => `.notification-toast:has-text(${JSON.stringify(text)})`;
const untitled = () => vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
const tabs = () => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);

/**
 * Waits for the notification that shows `label`, checks that its message holds no `<a>`, clicks
 * on the label's text, and checks that no editor opened. Takes a screenshot named `shot`.
 */
export async function assertShownNotObeyed(label: string, shot: string): Promise<string> {
  const toast = toastWith(label);
  await waitForSelector(toast, 'visible', 30_000);
  const before = { untitled: untitled(), tabs: tabs() };
  assert.strictEqual(
    await countElements(`${toast} .notification-list-item-message a`),
    0,
    `a link in the notification showing "${label}"`,
  );
  const file = await screenshot(shot);
  // Where the text is: the message line that holds it (a link inside it, had it been one, would be
  // the element that matched); the click lands on its middle, in the outside text.
  await click(`${toast} .notification-list-item-message:has-text(${JSON.stringify(label)})`);
  await new Promise((r) => setTimeout(r, 1500)); // time for a command the click should not run
  assert.deepStrictEqual({ untitled: untitled(), tabs: tabs() }, before, 'a click on the text opened an editor');
  await vscode.commands.executeCommand('notifications.clearAll');
  return file;
}

/** The check above finds a link when there is one: our own message with link syntax shows an `<a>`. */
export async function assertProbeSeesLinks(): Promise<void> {
  const label = `Probe link ${Date.now()}`;
  void vscode.window.showInformationMessage(`A message of our own with ${linkTo(label)}`);
  const toast = toastWith('A message of our own');
  await waitForSelector(toast, 'visible', 30_000);
  await waitUntil(
    'the probe link',
    async () =>
      (await countElements(`${toast} .notification-list-item-message a:has-text(${JSON.stringify(label)})`)) === 1 ||
      undefined,
    10_000,
  );
  await vscode.commands.executeCommand('notifications.clearAll');
}
