// Answers VS Code's quick inputs the way a user does: in the browser, with the keyboard.
import { pressKeys, typeText, waitForSelector } from './screenshot';

const WIDGET = '.quick-input-widget';

/** Waits until the quick input shows `text` (a title, prompt or item), replaces its value with `value` and presses Enter. */
export async function answer(text: string, value: string): Promise<void> {
  await waitForSelector(`${WIDGET}:visible:has-text(${JSON.stringify(text)})`, 'visible', 20_000);
  await pressKeys('Control+a');
  if (value) await typeText(value);
  else await pressKeys('Backspace');
  await pressKeys('Enter');
}

/**
 * Waits until the quick pick lists an item with `text` (placeholders are attributes, not text,
 * so an item is what tells one pick from another), filters by `filter` and picks the first match.
 */
export async function pick(text: string, filter: string): Promise<void> {
  await waitForSelector(`${WIDGET}:visible .monaco-list-row:has-text(${JSON.stringify(text)})`, 'visible', 20_000);
  if (filter) await typeText(filter);
  await waitForSelector(`${WIDGET} .monaco-list-row:has-text(${JSON.stringify(filter)})`, 'visible', 10_000);
  await pressKeys('Enter');
}

/** Waits for a quick pick titled `title`, types `filter` and picks the first row that shows it (long lists scroll). */
export async function pickByTitle(title: string, filter: string): Promise<void> {
  await waitForSelector(`${WIDGET}:visible:has-text(${JSON.stringify(title)})`, 'visible', 20_000);
  await typeText(filter);
  await waitForSelector(`${WIDGET} .monaco-list-row:has-text(${JSON.stringify(filter)})`, 'visible', 10_000);
  await pressKeys('Enter');
}
