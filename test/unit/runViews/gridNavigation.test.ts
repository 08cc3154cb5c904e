// The Grid from the keyboard: the rows on screen and where the keys move the focus.
import assert from 'node:assert/strict';
import { gridModel } from '../../../src/runViews/gridModel';
import { moveFocus, visibleRows } from '../../../src/runViews/gridNavigation';
import { dagStructure } from '../../../src/views/explorer/taskGroups';
import { RUNS, TASKS, TIS } from './fixtures';

describe('moving through the Grid', () => {
  const { rows } = gridModel('etl', RUNS, TIS, dagStructure(TASKS));

  it('shows a group’s rows unless the group is collapsed', () => {
    assert.deepEqual(
      visibleRows(rows, new Set()).map((r) => r.id),
      ['extract', 'section', 'section.load', 'section.check', 'process', 'report'],
    );
    assert.deepEqual(
      visibleRows(rows, new Set(['g:section'])).map((r) => r.id),
      ['extract', 'section', 'process', 'report'],
    );
  });

  it('moves one cell per arrow, to the first or last run with Home and End, and stays inside', () => {
    const at = { row: 0, column: 0 };
    assert.deepEqual(moveFocus(at, 'ArrowDown', 6, 2), { row: 1, column: 0 });
    assert.deepEqual(moveFocus(at, 'ArrowUp', 6, 2), { row: 0, column: 0 });
    assert.deepEqual(moveFocus(at, 'ArrowRight', 6, 2), { row: 0, column: 1 });
    assert.deepEqual(moveFocus({ row: 0, column: 1 }, 'ArrowRight', 6, 2), { row: 0, column: 1 });
    assert.deepEqual(moveFocus({ row: 3, column: 1 }, 'Home', 6, 2), { row: 3, column: 0 });
    assert.deepEqual(moveFocus(at, 'End', 6, 2), { row: 0, column: 1 });
    assert.deepEqual(moveFocus(at, 'PageDown', 6, 2), { row: 5, column: 0 });
    assert.equal(moveFocus(at, 'Enter', 6, 2), undefined);
  });
});
