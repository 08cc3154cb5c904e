// The Gantt: one run's task instances in start order, queued and running phases on one axis, running ones until now.
import assert from 'node:assert/strict';
import { ganttModel } from '../../../src/runViews/ganttModel';
import { ti } from './fixtures';

const T = (m: number) => `2026-11-24T03:${String(m).padStart(2, '0')}:00Z`;

describe('the Gantt of a run', () => {
  const tis = [
    ti('r2', 'report', 'success', { queued: T(8), start: T(9), end: T(10) }),
    ti('r2', 'extract', 'success', { queued: T(0), start: T(1), end: T(3) }),
    ti('r2', 'process', 'success', { mapIndex: 1, queued: T(3), start: T(4), end: T(6) }),
    ti('r2', 'process', 'success', { mapIndex: 0, queued: T(3), start: T(4), end: T(5) }),
    ti('r2', 'waiting', null),
    ti('r1', 'extract', 'success', { queued: T(0), start: T(0), end: T(1) }),
  ];

  it('has a bar per task instance that was queued or started, in start order, of this run only', () => {
    const g = ganttModel('r2', tis);
    assert.deepEqual(
      g.bars.map((b) => b.label),
      ['extract', 'process [0]', 'process [1]', 'report'],
    );
  });

  it('places the queued and running phases as fractions of the axis from the first queue to the last end', () => {
    const g = ganttModel('r2', tis);
    assert.equal(g.start, Date.parse(T(0)));
    assert.equal(g.end, Date.parse(T(10)));
    assert.deepEqual(g.bars[0].queued, { from: 0, to: 0.1 });
    assert.deepEqual(g.bars[0].running, { from: 0.1, to: 0.3 });
    assert.deepEqual(g.bars[3].running, { from: 0.9, to: 1 });
  });

  it('grows a running task instance and a queued one until now', () => {
    const now = Date.parse(T(20));
    const g = ganttModel(
      'r3',
      [ti('r3', 'a', 'running', { queued: T(0), start: T(10) }), ti('r3', 'b', 'queued', { queued: T(15) })],
      now,
    );
    assert.equal(g.end, now);
    assert.deepEqual(g.bars[0].running, { from: 0.5, to: 1 });
    assert.deepEqual(g.bars[1].queued, { from: 0.75, to: 1 });
    assert.equal(g.bars[1].running, undefined);
  });

  it('has no queued phase where the queued time is a later try’s', () => {
    const g = ganttModel('r', [ti('r', 'a', 'up_for_retry', { queued: T(9), start: T(1), end: T(2) })]);
    assert.equal(g.bars[0].queued, undefined);
    assert.deepEqual(g.bars[0].running, { from: 0, to: 1 });
  });
});
