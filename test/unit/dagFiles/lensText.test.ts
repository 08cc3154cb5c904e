// The words of a DAG file's lenses: the last run and the deploy state.
import assert from 'node:assert/strict';
import { ago, deployState, lastRunText } from '../../../src/dagFiles/lensText';

describe('lens text', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const run = (state: 'success' | 'failed' | 'running' | 'queued', at: string) => ({
    dagId: 'd',
    runId: 'r',
    state,
    runType: 'manual',
    conf: {},
    note: null,
    logicalDate: null,
    queuedAt: at,
    startDate: at,
    endDate: state === 'running' || state === 'queued' ? null : at,
    dataIntervalStart: null,
    dataIntervalEnd: null,
    triggeredBy: null,
  });

  it('says the last state and when', () => {
    assert.equal(lastRunText(run('success', '2026-11-25T11:55:00Z'), false, now), '✓ success 5 min ago');
    assert.equal(lastRunText(run('failed', '2026-11-25T09:30:00Z'), false, now), '✗ failed 2 h ago');
    assert.equal(lastRunText(run('running', '2026-11-25T11:59:30Z'), false, now), '▶ running, started just now');
    assert.equal(lastRunText(undefined, true, now), 'no runs yet · paused');
    assert.equal(ago('2026-11-22T12:00:00Z', now), '3 d ago');
  });

  it('tells deployed, local changes and a newer server apart', () => {
    assert.equal(
      deployState('a = 1\r\n', 'a = 1   \n', 0, undefined),
      'deployed',
      'line endings and trailing spaces do not count',
    );
    assert.equal(deployState('a = 2\n', 'a = 1\n', 100, undefined), 'localChanges');
    assert.equal(
      deployState('a = 1\n', 'a = 2\n', 100, 200),
      'serverNewer',
      'the server changed after the last local edit',
    );
    assert.equal(deployState('a = 3\n', 'a = 2\n', 300, 200), 'localChanges', 'edited after the server changed');
  });
});
