// The Grid: runs as columns oldest first, rows in the tree's order and nesting, group and mapped cells.
import assert from 'node:assert/strict';
import { gridModel, type GridRow } from '../../../src/runViews/gridModel';
import { refKey } from '../../../src/runViews/refKeys';
import { dagStructure } from '../../../src/views/explorer/taskGroups';
import { RUNS, run, TASKS, ti, TIS } from './fixtures';

/** The rows as text, children indented: `label: state state` per column (`-` for no cell). */
function text(rows: GridRow[]): string[] {
  return rows.flatMap((r) => [
    `${'  '.repeat(r.depth)}${r.label}${r.mapped ? '[]' : ''}: ${r.cells.map((c) => (c ? `${c.state}${c.count !== undefined ? `×${c.count}` : ''}` : '-')).join(' ')}`,
    ...text(r.children),
  ]);
}

describe('the Grid of a DAG', () => {
  it('puts the runs oldest first with their state, type and a bar height by duration', () => {
    const g = gridModel('etl', RUNS, TIS, dagStructure(TASKS));
    assert.deepEqual(
      g.columns.map((c) => [c.runId, c.state, c.runType, c.duration, c.barHeight]),
      [
        ['r1', 'success', 'scheduled', 300, 0.5],
        ['r2', 'failed', 'scheduled', 600, 1],
      ],
    );
  });

  it('lists the tasks in run order inside their groups; a group shows its worst state; a mapped task one row with its count', () => {
    const g = gridModel('etl', RUNS, TIS, dagStructure(TASKS));
    assert.deepEqual(text(g.rows), [
      'extract: success success',
      'section: success failed',
      '  load: success success',
      '  check: success failed',
      'process[]: success×2 upstream_failed×3',
      'report: success upstream_failed',
    ]);
  });

  it('names each cell’s task instances by key, a mapped cell its expansions in order, an unmapped one its try', () => {
    const g = gridModel('etl', RUNS, TIS, dagStructure(TASKS));
    const check = g.rows[1].children[1].cells[1]!;
    assert.deepEqual(check.refs, [refKey({ runId: 'r2', taskId: 'section.check' })]);
    assert.equal(check.tryNumber, 2);
    const process = g.rows[2].cells[0]!;
    assert.deepEqual(
      process.refs,
      [0, 1].map((mapIndex) => refKey({ runId: 'r1', taskId: 'process', mapIndex })),
    );
    assert.deepEqual(g.rows[1].cells[1]!.refs, [], 'a group cell selects no task instance');
  });

  it('leaves a cell empty where a run lacks the task, and ignores task instances of runs not shown', () => {
    const runs = [run('r3', 'running', '2026-11-25T03:00:00Z', null), ...RUNS];
    const tis = [...TIS, ti('r3', 'extract', 'running'), ti('r0', 'old_task', 'success')];
    const g = gridModel('etl', runs, tis, dagStructure(TASKS), Date.parse('2026-11-25T03:20:00Z'));
    assert.equal(g.columns[2].duration, 1200, 'a running run is timed until now');
    assert.equal(g.columns[2].barHeight, 1);
    assert.deepEqual(text(g.rows)[0], 'extract: success success running');
    assert.deepEqual(text(g.rows)[5], 'report: success upstream_failed -');
    assert.ok(!text(g.rows).some((t) => t.includes('old_task')));
  });

  it('orders by priority weight without a structure, as the tree does', () => {
    const g = gridModel('etl', RUNS, TIS, undefined);
    assert.equal(g.rows.length, 4);
    assert.deepEqual(
      g.columns.map((c) => c.runId),
      ['r1', 'r2'],
    );
  });
});
