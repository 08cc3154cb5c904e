// README features driven through the UI as a user does (rows, context menus, the Command Palette,
// quick inputs, the keyboard), in a real VS Code against real Airflow 2.x and 3.x: favourites, hide
// paused, "last run failed", Filter DAGs / Filter by Tags, mark a task success or skipped, mark a run
// success, clear a run, clear a task with its downstream, pause a multi-selection, copy a mapped
// task's id. Each test sets up the filter, runs and paused states it needs and puts them back.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FINAL_RUN_STATES, type AirflowClient, type DagRun, type TaskInstance } from '../../src/airflow';
import type { Node } from '../../src/views/explorer/nodes';
import { airflow, hooks, servedMajors, waitUntil } from './support/airflow';
import { clientFor, triggerAndWait, useAirflow } from './support/profiles';
import { pick } from './support/quickInput';
import {
  click,
  countElements,
  getAttribute,
  getAttributesOfAll,
  getText,
  pressKeys,
  screenshot,
  typeText,
  waitForSelector,
} from './support/screenshot';
import { children, dagNode, expand, row } from './support/tree';
import { TEST_DAG_IDS } from '../support/airflowServers';

const WIDGET = '.quick-input-widget:visible';
const MENU = '.context-view .monaco-menu';

/** The row of the Airflow view at tree depth `level` (1 = DAG) that shows `text`. */
const rowAt = (level: number, text: string) =>
  `.part.sidebar .monaco-list-row[aria-level="${level}"]:has-text(${JSON.stringify(text)})`;
const rowIcon = (selector: string, icon: string) => `${selector} .custom-view-tree-node-item-icon.codicon-${icon}`;

/**
 * The test DAGs whose rows the Airflow view draws, in the order it draws them: every DAG row's
 * accessible label (it starts with the DAG's name) and list position, read in one step in the page,
 * so a redraw cannot fall between two reads and mix the list before a filter with the list after it.
 */
async function shownDags(): Promise<string[]> {
  const rows = await getAttributesOfAll('.part.sidebar .monaco-list-row[aria-level="1"]', ['aria-label', 'data-index']);
  return rows
    .map(([label, index]) => ({ id: (label ?? '').split(',')[0], index: Number(index) }))
    .filter((r) => TEST_DAG_IDS.includes(r.id))
    .sort((a, b) => a.index - b.index)
    .map((r) => r.id);
}

/** Waits until the view draws exactly `expected` as its DAG rows; says what it drew when it does not. */
async function waitForDagRows(what: string, expected: string[], timeoutMs = 30_000): Promise<void> {
  let last: string[] = [];
  try {
    await waitUntil(
      `the Airflow view to show ${what}`,
      async () => {
        last = await shownDags();
        return JSON.stringify(last) === JSON.stringify(expected);
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(
      `${String(err)}: expected rows ${JSON.stringify(expected)}, the view draws ${JSON.stringify(last)}`,
    );
  }
}

/** Runs a command from the Command Palette: F1, its title, Enter on the highlighted row once it shows that title. */
async function fromPalette(title: string): Promise<void> {
  await waitForSelector(WIDGET, 'hidden');
  await pressKeys('F1');
  await waitForSelector(`${WIDGET} .monaco-list-row`);
  await typeText(title);
  await waitForSelector(`${WIDGET} .monaco-list-row.focused:has-text(${JSON.stringify(title)})`);
  await pressKeys('Enter');
}

/** Right-clicks a row and picks `label` from its context menu. */
async function fromMenu(rowSelector: string, label: string): Promise<void> {
  await waitForSelector(rowSelector);
  await click(rowSelector, 'right');
  const item = `${MENU} .action-label:text-is(${JSON.stringify(label)})`;
  await waitForSelector(item);
  await click(item);
  await waitForSelector(MENU, 'hidden');
}

/** The title of the confirmation that is open (a quick pick whose first item is Cancel). */
async function confirmTitle(): Promise<string> {
  await waitForSelector(`${WIDGET} .monaco-list-row:has-text("Cancel")`);
  return getText(`${WIDGET} .quick-input-title`);
}

async function runNode(dagId: string, runId: string): Promise<Extract<Node, { kind: 'run' }>> {
  const dag = await dagNode(dagId);
  await expand(dag);
  return waitUntil(`run ${runId} under ${dagId} in the tree`, async () => {
    (await hooks()).explorer.refreshNode(dag);
    return (await children(dag)).find(
      (n): n is Extract<Node, { kind: 'run' }> => n.kind === 'run' && n.run.runId === runId,
    );
  });
}

/** The paused state of each DAG on the server, to put back after a test that changes it. */
async function pausedStates(client: AirflowClient, ids: string[]): Promise<Map<string, boolean>> {
  return new Map(
    await Promise.all(ids.map(async (id) => [id, (await client.dagDetails(id)).isPaused] as [string, boolean])),
  );
}

async function restorePaused(client: AirflowClient, states: Map<string, boolean>): Promise<void> {
  for (const [id, paused] of states) await client.setPaused(id, paused);
  (await hooks()).explorer.refresh();
}

async function waitForClipboard(what: string, expected: string): Promise<void> {
  let last = '';
  try {
    await waitUntil(
      `the clipboard to hold ${what}`,
      async () => (last = await vscode.env.clipboard.readText()) === expected,
      15_000,
    );
  } catch (err) {
    throw new Error(`${String(err)}: expected ${JSON.stringify(expected)}, it holds ${JSON.stringify(last)}`);
  }
}

/** Try number of each task of a run, by task id (mapped tasks by `id[index]`). */
const triesOf = (tis: TaskInstance[]) =>
  Object.fromEntries(tis.map((t) => [t.mapIndex >= 0 ? `${t.taskId}[${t.mapIndex}]` : t.taskId, t.tryNumber]).sort());

for (const major of servedMajors()) {
  describe(`README features through the UI, Airflow ${major}.x (real VS Code, real Airflow)`, function () {
    this.timeout(400_000);
    const af = airflow(major);
    let client: AirflowClient;
    /** The finished runs the tests act on, one each, triggered together in before(): the server runs them side by side. */
    const runs: Record<'lastOk' | 'markTask' | 'clearRun' | 'clearDown' | 'copy', DagRun> = {} as never;
    let pausedAtStart: Map<string, boolean>;
    const RUN_DAGS = ['vsc_marker', 'vsc_chain', 'vsc_mapped'];

    before(async () => {
      const h = await hooks();
      // The settings guard puts this back after the suite.
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
      client = await clientFor(af);
      pausedAtStart = await pausedStates(client, RUN_DAGS);
      await client.setPausedMany({ dagIds: RUN_DAGS }, false);
      // Before the view shows this server: its rows are drawn once the runs have ended, not
      // redrawn by the live refresh under the first test's clicks.
      [runs.lastOk, runs.markTask, runs.clearRun, runs.clearDown, runs.copy] = await Promise.all([
        triggerAndWait(client, 'vsc_marker', `readme_last_ok${major}`),
        triggerAndWait(client, 'vsc_marker', `readme_mark_task${major}`),
        triggerAndWait(client, 'vsc_marker', `readme_clear_run${major}`),
        triggerAndWait(client, 'vsc_chain', `readme_clear_down${major}`),
        triggerAndWait(client, 'vsc_mapped', `readme_copy${major}`),
      ]);
      await useAirflow(h, af, `readme${major}`);
      await vscode.commands.executeCommand('workbench.view.extension.airflow');
    });

    after(async () => {
      if (pausedAtStart) await restorePaused(client, pausedAtStart);
    });

    beforeEach(async () => {
      // Each test starts from the whole list, every row collapsed, no favourite, nothing selected.
      const h = await hooks();
      await h.filters.setFilter({});
      for (const id of h.filters.favorites()) await h.filters.toggleFavorite(id);
      h.explorer.refresh();
      await vscode.commands.executeCommand('workbench.actions.treeView.airflow.explorer.collapseAll');
      // The list scrolled to its top: the test DAGs are its first rows, and only rows in view are drawn.
      // A live refresh (a run the last test restarted) can replace the rows between reading them
      // and revealing one: VS Code then no longer knows that node, and a fresh one is read.
      await waitUntil('the first DAG row to be revealed', async () => {
        const first = (await children()).find((n) => n.kind === 'dag');
        if (!first) return undefined;
        return h.treeView.reveal(first, { select: false, focus: false }).then(
          () => true,
          (err: unknown) => (String(err).includes('not found') ? undefined : Promise.reject(err)),
        );
      });
      if ((await countElements(WIDGET)) > 0) await pressKeys('Escape');
    });

    afterEach(async () => {
      const h = await hooks();
      await h.filters.setFilter({});
      for (const id of h.filters.favorites()) await h.filters.toggleFavorite(id);
      if ((await countElements(WIDGET)) > 0) await pressKeys('Escape');
      if ((await countElements(MENU)) > 0) await pressKeys('Escape');
    });

    it('Toggle Favourite from a DAG\'s context menu, then "Only Favourite DAGs" shows just those', async () => {
      const h = await hooks();
      await waitForDagRows('every test DAG', TEST_DAG_IDS);
      await fromMenu(rowAt(1, 'vsc_params'), 'Toggle Favourite');
      await fromMenu(rowAt(1, 'vsc_long'), 'Toggle Favourite');
      await waitUntil(
        'vsc_long and vsc_params to be the favourites',
        () => JSON.stringify([...h.filters.favorites()].sort()) === '["vsc_long","vsc_params"]',
      );
      // Favourites alone hide nothing.
      await waitForDagRows('every test DAG while no favourites filter is on', TEST_DAG_IDS);

      await fromPalette('Airflow: Toggle: Only Favourite DAGs');
      await waitForDagRows('only the two favourites', ['vsc_long', 'vsc_params']);
      await waitUntil('the view\'s title to say "favourites"', () => h.treeView.description?.endsWith('favourites'));
      await screenshot(`readme-favourites-${major}`);

      // Un-favouriting a DAG in the filtered view takes it out of the list.
      await fromMenu(rowAt(1, 'vsc_long'), 'Toggle Favourite');
      await waitForDagRows('the one favourite left', ['vsc_params']);

      await fromPalette('Airflow: Toggle: Only Favourite DAGs');
      await waitForDagRows('every test DAG once the favourites filter is off', TEST_DAG_IDS);
      assert.deepStrictEqual([...h.filters.favorites()], ['vsc_params'], 'the filter toggled off keeps the favourites');
    });

    it('"Hide Paused DAGs" hides a paused DAG and "Show Paused DAGs" brings it back', async () => {
      const h = await hooks();
      const before = await pausedStates(client, TEST_DAG_IDS);
      try {
        await client.setPausedMany({ dagIds: TEST_DAG_IDS.filter((id) => id !== 'vsc_params') }, false);
        await client.setPaused('vsc_params', true);
        h.explorer.refresh();
        await waitForSelector(`${rowAt(1, 'vsc_params')}:has-text("paused")`);
        await waitForDagRows('every test DAG, the paused one too', TEST_DAG_IDS);

        await fromPalette('Airflow: Hide Paused DAGs');
        await waitForDagRows(
          'every DAG but the paused vsc_params',
          TEST_DAG_IDS.filter((id) => id !== 'vsc_params'),
        );
        await waitUntil('the view\'s title to say "hiding paused"', () =>
          h.treeView.description?.endsWith('hiding paused'),
        );
        assert.strictEqual(h.filters.filter().paused, false);

        await fromPalette('Airflow: Show Paused DAGs');
        await waitForDagRows('every test DAG again', TEST_DAG_IDS);
        await waitForSelector(`${rowAt(1, 'vsc_params')}:has-text("paused")`);
        assert.strictEqual(h.filters.filter().paused, undefined);
      } finally {
        await restorePaused(client, before);
      }
    });

    it('"Only DAGs Whose Last Run Failed" lists a DAG whose newest run failed, not one whose newest run succeeded', async () => {
      const h = await hooks();
      const before = await pausedStates(client, ['vsc_marker', 'vsc_long']);
      const failedRunId = `readme_last_failed${major}__${Date.now()}`;
      let triggered = false;
      try {
        await client.setPausedMany({ dagIds: ['vsc_marker', 'vsc_long'] }, false);
        assert.strictEqual(runs.lastOk.state, 'success', "vsc_marker's newest run succeeded");
        await client.trigger('vsc_long', { runId: failedRunId });
        triggered = true;
        await client.setDagRunState('vsc_long', failedRunId, 'failed');
        h.explorer.refresh();
        await waitForSelector(rowIcon(rowAt(1, 'vsc_long'), 'error'));
        await waitForSelector(rowIcon(rowAt(1, 'vsc_marker'), 'pass-filled'));

        await fromPalette('Airflow: Toggle: Only DAGs Whose Last Run Failed');
        await waitUntil('the view\'s title to say "last run failed"', () =>
          h.treeView.description?.endsWith('last run failed'),
        );
        let shown: string[] = [];
        await waitUntil('the view to list vsc_long and not vsc_marker', async () => {
          shown = await shownDags();
          return shown.includes('vsc_long') && !shown.includes('vsc_marker');
        });
        // Whatever else is listed is a DAG whose newest run failed too, as its icon shows.
        for (const id of shown)
          assert.strictEqual(
            await countElements(rowIcon(rowAt(1, id), 'error')),
            1,
            `${id} is listed and shows a failed last run`,
          );
        await screenshot(`readme-last-run-failed-${major}`);

        await fromPalette('Airflow: Toggle: Only DAGs Whose Last Run Failed');
        await waitForDagRows('every test DAG once the filter is off', TEST_DAG_IDS);
      } finally {
        // The run made vsc_long's last run failed: gone, its last run is what it was.
        if (triggered) await client.deleteDagRun('vsc_long', failedRunId);
        await restorePaused(client, before);
      }
    });

    it('"Filter DAGs…" takes a text in its input box, "Filter DAGs by Tags…" the tags ticked in its list, "Clear Filter" shows all', async () => {
      const h = await hooks();
      await waitForDagRows('every test DAG', TEST_DAG_IDS);
      await fromPalette('Airflow: Filter DAGs…');
      await waitForSelector(`${WIDGET}:has-text("Part of a DAG id or display name")`);
      await typeText('ma');
      await pressKeys('Enter');
      await waitForDagRows('the DAGs whose id holds "ma"', ['vsc_mapped', 'vsc_marker']);
      await waitUntil("the view's title to show the text", () => h.treeView.description?.endsWith('"ma"'));

      // The box opens with the current text; emptying it shows every DAG.
      await fromPalette('Airflow: Filter DAGs…');
      await waitForSelector(`${WIDGET}:has-text("Part of a DAG id or display name")`);
      assert.strictEqual(h.filters.filter().text, 'ma');
      await pressKeys('Control+a', 'Backspace', 'Enter');
      await waitForDagRows('every test DAG once the text is emptied', TEST_DAG_IDS);

      await fromPalette('Airflow: Filter DAGs by Tags…');
      // Ticks two tags as a user finds one in a long list: types it, and once the list shows
      // that tag alone, clicks its label (a click on an item's label ticks its box). A click made
      // while the list was still filtering landed on another tag.
      // The command asks the server for the tags first: the list is there once it shows one.
      await waitForSelector(`${WIDGET} .monaco-list-row:visible:has-text("vsc-test")`);
      for (const tag of ['slow', 'marker']) {
        const shown = `${WIDGET} .monaco-list-row:visible`;
        const item = `${shown}:has-text(${JSON.stringify(tag)})`;
        await pressKeys('Control+a', 'Backspace');
        await typeText(tag);
        await waitUntil(
          `the tag list to show "${tag}" alone`,
          async () => (await countElements(shown)) === 1 && (await countElements(item)) === 1,
        );
        await click(`${item} label.quick-input-list-label`);
        await waitUntil(
          `the "${tag}" item to be ticked`,
          async () => (await getAttribute(item, 'aria-checked')) === 'true',
        );
      }
      await pressKeys('Control+a', 'Backspace');
      const ticked = await waitUntil('the whole tag list again', async () => {
        const all = await getAttributesOfAll(`${WIDGET} .monaco-list-row:visible`, ['aria-label', 'aria-checked']);
        return all.length > 2
          ? all.filter(([, checked]) => checked === 'true').map(([label]) => (label ?? '').split(',')[0])
          : undefined;
      });
      assert.deepStrictEqual(ticked, ['marker', 'slow'], "the tags ticked, in the list's order");
      await screenshot(`readme-filter-tags-pick-${major}`);
      await pressKeys('Enter');
      await waitForDagRows('the DAGs with either tag', ['vsc_long', 'vsc_marker']);
      await waitUntil(
        "the view's title to show the tags",
        () =>
          h.treeView.description?.endsWith('tags: slow, marker') ||
          h.treeView.description?.endsWith('tags: marker, slow'),
      );

      await fromPalette('Airflow: Clear Filter');
      await waitForDagRows('every test DAG after Clear Filter', TEST_DAG_IDS);
      assert.deepStrictEqual(h.filters.filter(), {});
    });

    it('"Mark Task as Skipped…" then "Mark Task as Success…" from a task\'s context menu change it on the server and in the row', async () => {
      const before = await pausedStates(client, ['vsc_marker']);
      try {
        await client.setPaused('vsc_marker', false);
        const run = runs.markTask;
        await expand(await runNode('vsc_marker', run.runId));
        const task = rowAt(3, 'say_marker');
        await waitForSelector(rowIcon(task, 'pass-filled'));

        await fromMenu(task, 'Mark Task as Skipped…');
        assert.strictEqual(await confirmTitle(), 'Mark 1 task instance: say_marker as skipped?');
        await pick('Cancel', 'Mark skipped');
        await waitUntil(
          'say_marker to be skipped on the server',
          async () => (await client.listTaskInstances('vsc_marker', run.runId))[0].state === 'skipped',
        );
        await waitForSelector(rowIcon(task, 'debug-step-over'));

        await fromMenu(task, 'Mark Task as Success…');
        assert.strictEqual(await confirmTitle(), 'Mark 1 task instance: say_marker as success?');
        await pick('Cancel', 'Mark success');
        await waitUntil(
          'say_marker to be success on the server',
          async () => (await client.listTaskInstances('vsc_marker', run.runId))[0].state === 'success',
        );
        await waitForSelector(rowIcon(task, 'pass-filled'));
      } finally {
        await restorePaused(client, before);
      }
    });

    it('"Mark Run as Success…" on a running run marks it and its running task success', async () => {
      const before = await pausedStates(client, ['vsc_long']);
      const runId = `readme_mark_run${major}__${Date.now()}`;
      try {
        await client.setPaused('vsc_long', false);
        await client.trigger('vsc_long', { runId });
        await waitUntil(
          `the task of ${runId} to be running`,
          async () => (await client.listTaskInstances('vsc_long', runId))[0]?.state === 'running',
          120_000,
        );
        await runNode('vsc_long', runId);
        await waitForSelector(rowIcon(row(runId), 'sync'));

        // The live refresh redraws a running run's row every interval: the menu is opened on a row
        // that stays put (the settings guard puts the interval back after this suite).
        await vscode.workspace
          .getConfiguration('airflow')
          .update('autoRefreshSeconds', 3600, vscode.ConfigurationTarget.Global);
        await fromMenu(row(runId), 'Mark Run as Success…');
        assert.strictEqual(await confirmTitle(), `Mark run ${runId} as success?`);
        await waitForSelector(`${WIDGET}:has-text("1 task instance: tick become success.")`);
        await pick('Cancel', 'success');
        await waitUntil(
          `${runId} to be success on the server`,
          async () => (await client.getDagRun('vsc_long', runId)).state === 'success',
        );
        assert.strictEqual(
          (await client.listTaskInstances('vsc_long', runId))[0].state,
          'success',
          'its running task was marked success',
        );
        await waitForSelector(rowIcon(row(runId), 'pass-filled'));
      } finally {
        await vscode.workspace
          .getConfiguration('airflow')
          .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
        await restorePaused(client, before);
      }
    });

    it('"Clear Run…" from a finished run\'s context menu runs its task again', async () => {
      const before = await pausedStates(client, ['vsc_marker']);
      try {
        await client.setPaused('vsc_marker', false);
        const run = runs.clearRun;
        await runNode('vsc_marker', run.runId);
        await waitForSelector(rowIcon(row(run.runId), 'pass-filled'));

        await fromMenu(row(run.runId), 'Clear Run…');
        await pick('Only failed tasks', 'All tasks');
        assert.strictEqual(await confirmTitle(), 'Clear 1 task instance: say_marker?');
        await pick('Cancel', 'Clear 1 in');
        const again = await waitUntil(
          `say_marker of ${run.runId} to run again and succeed`,
          async () => {
            const [ti] = await client.listTaskInstances('vsc_marker', run.runId);
            return ti.tryNumber === 2 && ti.state === 'success' ? ti : undefined;
          },
          240_000,
        );
        assert.strictEqual(again.tryNumber, 2);
        await waitUntil(
          `${run.runId} to end again`,
          async () => FINAL_RUN_STATES.has((await client.getDagRun('vsc_marker', run.runId)).state),
          120_000,
        );
        await expand(await runNode('vsc_marker', run.runId));
        await waitForSelector(`${rowAt(3, 'say_marker')}:has-text("try 2/")`, 'visible', 60_000);
      } finally {
        await restorePaused(client, before);
      }
    });

    it('"Clear Task…" with Downstream clears the task and the tasks after it, not the ones before or beside it', async () => {
      const before = await pausedStates(client, ['vsc_chain']);
      try {
        await client.setPaused('vsc_chain', false);
        const run = runs.clearDown;
        assert.deepStrictEqual(triesOf(await client.listTaskInstances('vsc_chain', run.runId)), {
          aside: 1,
          first: 1,
          last: 1,
          middle: 1,
        });
        await expand(await runNode('vsc_chain', run.runId));
        const middle = rowAt(3, 'middle');
        await waitForSelector(rowIcon(middle, 'pass-filled'));

        await fromMenu(middle, 'Clear Task…');
        // The options: Downstream ticked already; Enter keeps them.
        const downstream = `${WIDGET} .monaco-list-row:has-text("Downstream")`;
        await waitForSelector(downstream);
        assert.strictEqual(await getAttribute(downstream, 'aria-checked'), 'true', 'Downstream is ticked by default');
        assert.strictEqual(
          await getAttribute(`${WIDGET} .monaco-list-row:has-text("Upstream")`, 'aria-checked'),
          'false',
        );
        await pressKeys('Enter');
        const title = await confirmTitle();
        assert.match(
          title,
          /^Clear 2 task instances: (middle, last|last, middle)\?$/,
          'the preview names exactly middle and last',
        );
        await pick('Cancel', 'Clear 2 task instances');

        await waitUntil(
          `middle and last of ${run.runId} to run again and the run to end`,
          async () => {
            const tis = await client.listTaskInstances('vsc_chain', run.runId);
            const state = (await client.getDagRun('vsc_chain', run.runId)).state;
            return FINAL_RUN_STATES.has(state) && tis.every((t) => t.state === 'success') && triesOf(tis).last === 2
              ? true
              : undefined;
          },
          240_000,
        );
        assert.deepStrictEqual(
          triesOf(await client.listTaskInstances('vsc_chain', run.runId)),
          { aside: 1, first: 1, last: 2, middle: 2 },
          'only middle and its downstream last ran again',
        );
        await waitForSelector(`${rowAt(3, 'last')}:has-text("try 2/")`, 'visible', 60_000);
        await waitForSelector(`${middle}:has-text("try 2/")`, 'visible', 60_000);
        assert.strictEqual(await countElements(`${rowAt(3, 'first')}:has-text("try 2/")`), 0);
        assert.strictEqual(await countElements(`${rowAt(3, 'aside')}:has-text("try 2/")`), 0);
        await screenshot(`readme-clear-downstream-${major}`);
      } finally {
        await restorePaused(client, before);
      }
    });

    it('"Pause DAG" on two rows selected with Ctrl-click pauses both, and "Unpause DAG" both again; the third is left alone', async () => {
      const ids = ['vsc_mapped', 'vsc_marker'];
      const before = await pausedStates(client, [...ids, 'vsc_params']);
      try {
        await client.setPausedMany({ dagIds: [...ids, 'vsc_params'] }, false);
        (await hooks()).explorer.refresh();
        await waitForDagRows('every test DAG', TEST_DAG_IDS);
        const [mapped, marker] = ids.map((id) => rowAt(1, id));
        for (const [action, paused] of [
          ['Pause DAG', true],
          ['Unpause DAG', false],
        ] as const) {
          await click(mapped);
          await click(marker, 'left', ['Control']);
          for (const sel of [mapped, marker])
            await waitUntil(`${sel} to be selected`, async () => (await getAttribute(sel, 'aria-selected')) === 'true');
          assert.notStrictEqual(
            await getAttribute(rowAt(1, 'vsc_params'), 'aria-selected'),
            'true',
            'vsc_params is not selected',
          );
          if (paused) await screenshot(`readme-multi-select-${major}`);
          await fromMenu(marker, action);
          await waitUntil(`both DAGs to be ${paused ? 'paused' : 'active'} on the server`, async () =>
            (await Promise.all(ids.map(async (id) => (await client.dagDetails(id)).isPaused === paused))).every(
              Boolean,
            ),
          );
          for (const sel of [mapped, marker]) {
            await waitUntil(
              `${sel} to ${paused ? 'show' : 'drop'} "paused"`,
              async () => (await countElements(`${sel}:has-text("paused")`)) === (paused ? 1 : 0),
            );
          }
          assert.strictEqual(
            (await client.dagDetails('vsc_params')).isPaused,
            false,
            'the DAG that was not selected is not paused',
          );
        }
      } finally {
        await restorePaused(client, before);
      }
    });

    it('"Copy Id" on a mapped task and on one of its expansions puts their ids on the clipboard', async () => {
      const before = await pausedStates(client, ['vsc_mapped']);
      try {
        await client.setPaused('vsc_mapped', false);
        const run = runs.copy;
        const runRow = await runNode('vsc_mapped', run.runId);
        await expand(runRow);
        const group = (await children(runRow)).find((n) => n.kind === 'mapped');
        assert.ok(group, 'the run has a mapped task');
        await expand(group);
        const groupRow = rowAt(3, 'process [4 mapped]');
        const expansion = rowAt(4, 'item-b');

        await vscode.env.clipboard.writeText('before the copy');
        await fromMenu(groupRow, 'Copy Id');
        await waitForClipboard("the mapped task's id", 'process');

        await fromMenu(expansion, 'Copy Id');
        // The task id and the map index (the row shows the rendered index, item-b).
        await waitForClipboard("the expansion's id", 'process [1]');
      } finally {
        await restorePaused(client, before);
      }
    });
  });
}
