// RunFollower: a run the user just started is read until it ends, then left alone.
import assert from 'node:assert/strict';
import { NotFoundError, ServerError, type DagRun } from '../../../../src/airflow';
import { nodeIds } from '../../../../src/views/explorer/nodeIds';
import { RunFollower } from '../../../../src/views/explorer/runFollower';

describe('RunFollower', () => {
  const run = (state: DagRun['state']): DagRun => ({
    dagId: 'd',
    runId: 'r',
    state,
    runType: 'manual',
    conf: {},
    note: null,
    logicalDate: null,
    queuedAt: null,
    startDate: null,
    endDate: null,
    dataIntervalStart: null,
    dataIntervalEnd: null,
    triggeredBy: null,
  });

  it("reads the run until it ends, telling the sink under the tree's node id, then stops", async () => {
    const seen: string[] = [];
    const follower = new RunFollower(
      { saw: (p, id, r) => seen.push(`${p} ${id} ${r.state}`) },
      { intervalMs: () => 1 },
    );
    const states: DagRun['state'][] = ['running', 'running', 'success'];
    let reads = 0;
    follower.follow('prof', run('queued'), async () => run(states[reads++]));
    follower.follow('prof', run('queued'), async () => assert.fail('a run already followed is not followed twice'));
    while (follower.size > 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(reads, 3);
    const id = nodeIds.run('prof', run('queued'));
    assert.equal(id, 'prof/dag/d/run/r');
    assert.deepEqual(
      seen,
      ['queued', 'queued', 'running', 'running', 'success'].map((s) => `prof ${id} ${s}`),
    );
  });

  it('gives up when the run is gone or reads keep failing', async () => {
    const follower = new RunFollower({ saw: () => undefined }, { intervalMs: () => 1, maxFailures: 3 });
    let reads = 0;
    follower.follow('p', run('running'), async () => {
      reads++;
      throw new ServerError('down', 503);
    });
    while (follower.size > 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(reads, 3);
    follower.follow('p', { ...run('running'), runId: 'gone' }, async () => {
      throw new NotFoundError('gone', 404);
    });
    while (follower.size > 0) await new Promise((r) => setTimeout(r, 5));
    follower.dispose();
  });
});
