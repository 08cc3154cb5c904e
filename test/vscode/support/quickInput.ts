// Answers VS Code's quick inputs the way a user does: in the browser, with the keyboard.
import {
  click,
  countElements,
  getText,
  getTextsOfAll,
  getValue,
  pressKeys,
  typeText,
  waitForSelector,
} from './screenshot';

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
 * Answers VS Code's own file dialog (the quick-input one of VS Code in the browser) titled
 * `title` (any, when undefined) with `file`, as a user does: types the path and presses Enter, and Enter again while
 * the dialog stays open. The dialog lists the typed path's folder as it is typed; an Enter that
 * comes before that listing caught up with the path only brings the list up to date (VS Code's
 * SimpleFileDialog.onDidAccept: "If the items have updated, don't try to resolve"), and a user
 * presses Enter again. Fails, saying what the dialog shows, when three presses did not close it.
 */
export async function answerFileDialog(title: string | undefined, file: string): Promise<void> {
  // Without a title: whatever file dialog is open (a save dialog titled by VS Code itself).
  const dialog =
    title === undefined
      ? `${WIDGET}:visible input:not([type="checkbox"])`
      : `${WIDGET}:visible:has-text(${JSON.stringify(title)})`;
  await waitForSelector(dialog, 'visible', 20_000);
  // The dialog is told by its whole title: the next one can hold this one's words ("Client
  // certificate (PEM)", then "Private key of the client certificate"), and an Enter meant for
  // this one must not accept that one.
  // Read in one step: the dialog may close between a count and a read of its title.
  const titleNow = async () => (await getTextsOfAll(`${WIDGET}:visible .quick-input-title`))[0];
  const shown = await titleNow();
  await pressKeys('Control+a');
  await typeText(file);
  for (let press = 1; press <= 3; press++) {
    await pressKeys('Enter');
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if ((await titleNow()) !== shown) return; // closed, or another dialog in its place
      await new Promise((r) => setTimeout(r, 100));
    }
    // Still open: the Enter updated the list (see above); the next press accepts the path.
  }
  throw new Error(
    `the file dialog "${title ?? 'Save As'}" stayed open after three presses of Enter on ${file}; it shows: ${await getText(WIDGET)}`,
  );
}

/**
 * Waits until the quick pick lists an item with `text` (placeholders are attributes, not text,
 * so an item is what tells one pick from another), filters by `filter` and picks the first match.
 */
export async function pick(text: string, filter: string): Promise<void> {
  await waitForSelector(`${WIDGET}:visible .monaco-list-row:has-text(${JSON.stringify(text)})`, 'visible', 20_000);
  await chooseFiltered(filter);
}

/** Waits for a quick pick titled `title`, types `filter` and picks the first row that shows it (long lists scroll). */
export async function pickByTitle(title: string, filter: string): Promise<void> {
  await waitForSelector(`${WIDGET}:visible:has-text(${JSON.stringify(title)})`, 'visible', 20_000);
  await chooseFiltered(filter);
}

const FILTER_BOX = `${WIDGET}:visible .quick-input-filter input:not([type="checkbox"])`;

/**
 * Types `filter` into the quick pick's filter box, waits until the *highlighted* row shows it (the
 * row was visible before the filter applied, so waiting for the row alone let Enter pick whatever
 * was highlighted then), then presses Enter. Keys sent while the keyboard is elsewhere are lost:
 * when the quick input does not have it, the box is clicked first, as a user does; and when the box
 * still does not hold the filter a few seconds on, it is typed again, as a user who sees their
 * typing lost does. Fails saying what the box holds and which row is highlighted. Callers await
 * their command with `settled()`, which says so if Enter was lost.
 */
async function chooseFiltered(filter: string): Promise<void> {
  await waitForSelector(FILTER_BOX, 'visible', 20_000);
  // Polled (not a waitFor, whose failure the runner reports with a screenshot): up to 3 s.
  const hasKeyboard = async () => {
    for (const end = Date.now() + 3_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
      if ((await countElements(`${WIDGET}:visible:focus-within`)) > 0) return true;
    return false;
  };
  if (!(await hasKeyboard())) await click(FILTER_BOX);
  if (filter) await typeText(filter);
  const focused = `${WIDGET}:visible .monaco-list-row.focused`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await waitForSelector(`${focused}:has-text(${JSON.stringify(filter)})`, 'visible', 5_000);
      break;
    } catch (err) {
      const typed = await getValue(FILTER_BOX).catch(() => '(no filter box)');
      if (Date.now() > deadline) {
        const row = (await countElements(focused)) ? await getText(focused) : '(none)';
        throw new Error(
          `timed out waiting for the highlighted row of the quick pick to show "${filter}": the filter box holds ` +
            `${JSON.stringify(typed)}, the highlighted row shows ${JSON.stringify(row)} ` +
            `(${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
        );
      }
      if (typed !== filter) {
        await pressKeys('Control+a');
        await typeText(filter);
      }
    }
  }
  await pressKeys('Enter');
}
