// The page is not trusted: a message is accepted only in a known shape and naming what the page was shown.
import assert from 'node:assert/strict';
import { ganttModel } from '../../../src/runViews/ganttModel';
import { graphModel } from '../../../src/runViews/graphModel';
import { gridModel } from '../../../src/runViews/gridModel';
import { receive, ShownItems } from '../../../src/runViews/pageMessages';
import { readRunViewState } from '../../../src/runViews/protocol';
import { refKey } from '../../../src/runViews/refKeys';
import { dagStructure } from '../../../src/views/explorer/taskGroups';
import { RUNS, run, TASKS, ti, TIS } from './fixtures';

/** The page shown the Grid of RUNS; the extension also holds a task instance of an older run it did not show. */
function shownPage(): { shown: ShownItems; hidden: ReturnType<typeof ti> } {
  const hidden = ti('r0', 'extract', 'failed');
  const tis = [...TIS, hidden];
  const models = {
    grid: gridModel(
      'etl',
      RUNS,
      tis.filter((t) => t.runId !== 'r0'),
      dagStructure(TASKS),
    ),
    graph: graphModel(TASKS, tis, 'r2'),
    gantt: ganttModel('r2', tis),
  };
  const shown = new ShownItems();
  shown.show(models, [...RUNS, run('r0', 'failed', null, null)], tis);
  return { shown, hidden };
}

describe("the run view's messages from its page", () => {
  it('accepts a task instance it was shown, as the extension’s own object', () => {
    const { shown } = shownPage();
    const r = receive(
      { type: 'action', action: 'openLog', ref: refKey({ runId: 'r2', taskId: 'section.check' }) },
      shown,
    );
    assert.ok(r.ok);
    assert.equal(r.message.type, 'action');
    assert.equal(
      r.message.type === 'action' && r.message.ti,
      TIS.find((t) => t.runId === 'r2' && t.taskId === 'section.check'),
    );
    const expansion = receive({ type: 'select', ref: refKey({ runId: 'r1', taskId: 'process', mapIndex: 1 }) }, shown);
    assert.ok(expansion.ok, 'an expansion of a mapped cell');
  });

  it('refuses a message naming a task instance it was not shown', () => {
    const { shown, hidden } = shownPage();
    const forged = [
      refKey(hidden), // exists on the server, in a run the page was not shown
      refKey({ runId: 'r2', taskId: 'process', mapIndex: 7 }), // no such expansion
      refKey({ runId: 'r2', taskId: '../../dags/other' }),
      JSON.stringify(['r2', 'section.check']), // not the key's form
    ];
    for (const ref of forged) {
      for (const msg of [
        { type: 'select', ref },
        { type: 'action', action: 'openLog', ref },
        { type: 'action', action: 'clear', ref },
      ]) {
        const r = receive(msg, shown);
        assert.equal(r.ok, false, JSON.stringify(msg));
        assert.match(!r.ok ? r.reason : '', /a task instance it was not shown/);
      }
    }
  });

  it('refuses a run it was not shown, an unknown action, tab or type, and what is not a message', () => {
    const { shown } = shownPage();
    const ref = refKey({ runId: 'r2', taskId: 'extract' });
    assert.ok(receive({ type: 'selectRun', runId: 'r1' }, shown).ok);
    for (const bad of [
      { type: 'selectRun', runId: 'r0' },
      { type: 'selectRun', runId: { toString: () => 'r1' } },
      { type: 'action', action: 'delete', ref },
      { type: 'action', action: 'constructor', ref },
      { type: 'tab', tab: 'logs' },
      { type: 'eval', code: '1' },
      { type: 'select', ref: 'x'.repeat(2000) },
      { ref },
      'select',
      null,
      [{ type: 'ready' }],
    ])
      assert.equal(receive(bad, shown).ok, false, JSON.stringify(bad));
  });

  it('accepts the messages that name nothing', () => {
    const shown = new ShownItems();
    for (const type of ['ready', 'loadOlder', 'refresh'])
      assert.deepEqual(receive({ type }, shown), { ok: true, message: { type } });
    assert.deepEqual(receive({ type: 'tab', tab: 'gantt' }, shown), {
      ok: true,
      message: { type: 'tab', tab: 'gantt' },
    });
  });

  it('forgets what a later showing no longer names', () => {
    const { shown } = shownPage();
    const ref = refKey({ runId: 'r1', taskId: 'extract' });
    assert.ok(receive({ type: 'select', ref }, shown).ok);
    const onlyR2 = [RUNS[0]];
    shown.show(
      {
        grid: gridModel('etl', onlyR2, TIS, dagStructure(TASKS)),
        graph: graphModel(TASKS, TIS, 'r2'),
        gantt: undefined,
      },
      onlyR2,
      TIS,
    );
    assert.equal(receive({ type: 'select', ref }, shown).ok, false);
    assert.equal(receive({ type: 'selectRun', runId: 'r1' }, shown).ok, false);
  });
});

describe("the run view's saved state", () => {
  it('reads back what the page saved, and a default tab', () => {
    assert.deepEqual(readRunViewState({ dagId: 'etl', profileId: 'p', tab: 'graph', selectedRun: 'r1' }), {
      profileId: 'p',
      dagId: 'etl',
      tab: 'graph',
      selectedRun: 'r1',
      selectedRef: undefined,
    });
    assert.equal(readRunViewState({ dagId: 'etl', tab: 'nope' })?.tab, 'grid');
  });

  it('is no state without a DAG id', () => {
    for (const raw of [undefined, null, {}, { dagId: '' }, { dagId: 3 }, 'etl'])
      assert.equal(readRunViewState(raw), undefined);
  });
});
