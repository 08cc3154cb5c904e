/**
 * Asks the outer test runner (scripts/vscode/run-in-code-server.mjs), which
 * drives the workbench in headless Chromium, to do something in the browser:
 * take a screenshot, hover or click an element, press keys, read text.
 *
 * Tests run inside the extension host and have no access to the UI, so this is
 * a small request/response protocol over files in $VSC_TEST_RESULTS_DIR:
 *   request:  <dir>/ui-requests/<id>.json   { id, action, ...args }
 *   response: <dir>/ui-responses/<id>.json  { id, ok: true, result } | { id, ok: false, error }
 * Both sides write to a temporary name and rename, so a file is never read half-written.
 *
 * Selectors are Playwright selectors (CSS, `text=...`, `role=...`, `:has-text()`, ...).
 * Under @vscode/test-electron there is no outer browser: uiAvailable() is false
 * there and tests that need the UI should skip (`if (!uiAvailable()) this.skip()`).
 */
import * as fs from 'fs';
import * as path from 'path';

export const RESULTS_DIR_ENV = 'VSC_TEST_RESULTS_DIR';

/**
 * One browser action. timeoutMs bounds the action in the browser (default
 * 10 s); the helper waits 20 s longer than that for the runner's answer.
 */
export type UiRequest = {
  timeoutMs?: number;
  /** The webview's iframe in the workbench (a selector): the action's selector is then one of the webview's page. */
  webview?: string;
} & (
  | { action: 'screenshot'; name: string; selector?: string; fullPage?: boolean }
  | { action: 'hover'; selector: string }
  | {
      action: 'click';
      selector: string;
      button?: 'left' | 'right' | 'middle';
      clickCount?: number;
      modifiers?: KeyModifier[];
    }
  | { action: 'press'; keys: string[] }
  | { action: 'type'; text: string }
  | { action: 'waitFor'; selector: string; state?: 'attached' | 'detached' | 'visible' | 'hidden' }
  | { action: 'text'; selector: string }
  | { action: 'value'; selector: string }
  | { action: 'textsOfAll'; selector: string }
  | { action: 'count'; selector: string }
  | { action: 'attribute'; selector: string; name: string }
  | { action: 'attributesOfAll'; selector: string; names: string[] }
  | { action: 'style'; selector: string; property: string }
  | { action: 'mouseMove'; x: number; y: number }
  | { action: 'windowFocus'; focused: boolean }
);

/** Keys held during a click, in Playwright's names: a Ctrl-click adds a row to a tree's selection. */
export type KeyModifier = 'Alt' | 'Control' | 'Meta' | 'Shift';

export const DEFAULT_ACTION_TIMEOUT_MS = 10_000;

export function resultsDir(): string | undefined {
  return process.env[RESULTS_DIR_ENV] || undefined;
}

/** True when an outer browser is driving this workbench (run-in-code-server). */
export function uiAvailable(): boolean {
  return resultsDir() !== undefined;
}

let seq = 0;

function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sends one request to the outer runner and waits for its answer. */
export async function uiAction<T = unknown>(
  request: UiRequest,
  timeoutMs = (request.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS) + 20_000,
): Promise<T> {
  const dir = resultsDir();
  if (!dir) {
    throw new Error(
      `uiAction(${request.action}): no outer browser (${RESULTS_DIR_ENV} is not set); guard the test with uiAvailable()`,
    );
  }
  const reqDir = path.join(dir, 'ui-requests');
  const resDir = path.join(dir, 'ui-responses');
  fs.mkdirSync(reqDir, { recursive: true });
  fs.mkdirSync(resDir, { recursive: true });
  const id = `${Date.now()}-${process.pid}-${++seq}`;
  writeAtomic(path.join(reqDir, `${id}.json`), JSON.stringify({ id, ...request }));
  const resFile = path.join(resDir, `${id}.json`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(resFile)) {
      const res = JSON.parse(fs.readFileSync(resFile, 'utf8')) as { ok: boolean; result?: T; error?: string };
      fs.rmSync(resFile, { force: true });
      if (!res.ok) throw new Error(`uiAction(${request.action}) failed in the browser: ${res.error}`);
      return res.result as T;
    }
    await sleep(50);
  }
  throw new Error(`uiAction(${request.action}): no answer from the outer runner within ${timeoutMs} ms`);
}

export const hover = (selector: string) => uiAction<void>({ action: 'hover', selector });
export const click = (selector: string, button: 'left' | 'right' | 'middle' = 'left', modifiers?: KeyModifier[]) =>
  uiAction<void>({ action: 'click', selector, button, modifiers });
/** Keys in Playwright's notation, pressed one after the other: 'F1', 'Escape', 'Control+Shift+P'. */
export const pressKeys = (...keys: string[]) => uiAction<void>({ action: 'press', keys });
export const typeText = (text: string) => uiAction<void>({ action: 'type', text });
export const waitForSelector = (
  selector: string,
  state: 'attached' | 'detached' | 'visible' | 'hidden' = 'visible',
  timeoutMs = 20_000,
) => uiAction<void>({ action: 'waitFor', selector, state, timeoutMs });
/** innerText of the first element matching the selector. */
export const getText = (selector: string) => uiAction<string>({ action: 'text', selector });
/** The innerText of every element matching the selector, read at once without waiting (none: an empty list). */
export const getTextsOfAll = (selector: string) => uiAction<string[]>({ action: 'textsOfAll', selector });
/** The value of the first input matching the selector (what its user typed). */
export const getValue = (selector: string) => uiAction<string>({ action: 'value', selector });
export const countElements = (selector: string) => uiAction<number>({ action: 'count', selector });
export const getAttribute = (selector: string, name: string) =>
  uiAction<string | null>({ action: 'attribute', selector, name });
/**
 * The attributes `names` of every element matching the selector, read in one step in the page (a
 * redraw cannot fall between two of them): one array of values per element, in document order.
 */
export const getAttributesOfAll = (selector: string, names: string[]) =>
  uiAction<(string | null)[][]>({ action: 'attributesOfAll', selector, names });
/** A computed style property of the first element matching the selector (`color`, or a CSS variable such as `--vscode-foo`), as the browser resolves it. */
export const getStyle = (selector: string, property: string) =>
  uiAction<string>({ action: 'style', selector, property });
export const mouseMove = (x: number, y: number) => uiAction<void>({ action: 'mouseMove', x, y });
/** Makes the workbench window lose or regain focus, as switching to another application does. */
export const setWindowFocus = (focused: boolean) => uiAction<void>({ action: 'windowFocus', focused });

/** The visible webview's iframe (a webview panel's page): pass it as `webview` to act inside the page. */
export const VISIBLE_WEBVIEW = 'iframe.webview.ready:visible';

/**
 * The same actions inside a webview's page: selectors are the page's own (its content frame). The
 * keyboard goes wherever the focus is, as for the workbench.
 */
export function inWebview(webview = VISIBLE_WEBVIEW) {
  return {
    click: (selector: string, button: 'left' | 'right' | 'middle' = 'left') =>
      uiAction<void>({ action: 'click', selector, button, webview }),
    waitFor: (
      selector: string,
      state: 'attached' | 'detached' | 'visible' | 'hidden' = 'visible',
      timeoutMs = 20_000,
    ) => uiAction<void>({ action: 'waitFor', selector, state, timeoutMs, webview }),
    text: (selector: string) => uiAction<string>({ action: 'text', selector, webview }),
    count: (selector: string) => uiAction<number>({ action: 'count', selector, webview }),
    attribute: (selector: string, name: string) =>
      uiAction<string | null>({ action: 'attribute', selector, name, webview }),
    attributesOfAll: (selector: string, names: string[]) =>
      uiAction<(string | null)[][]>({ action: 'attributesOfAll', selector, names, webview }),
    style: (selector: string, property: string) => uiAction<string>({ action: 'style', selector, property, webview }),
    screenshot: (name: string, selector: string) => uiAction<string>({ action: 'screenshot', name, selector, webview }),
  };
}
