// Recent failures across all DAGs against the real server: AirflowClient.listEndedRuns through the
// batch list of runs (POST /dags/~/dagRuns/list without dag_ids), newest-ended first.
import assert from 'node:assert/strict';
import type { AirflowClient, DagRun } from '../../src/airflow';
import { connectTo, onlyTarget, uniqueRunId, waitForRun } from '../support/airflowServers';

const target = onlyTarget();

describe(`Airflow ${target.version}: runs of all DAGs that ended since a time`, function () {
  this.timeout(600_000);
  let client: AirflowClient;
  let since: string;
  let failed: DagRun;
  let succeeded: DagRun;

  before(async () => {
    client = await connectTo(target);
    // A minute before the triggers, so a server clock a little behind this one still counts both
    // runs as ended since; every check below holds whatever else ended in that minute.
    since = new Date(Date.now() - 60_000).toISOString();
    const runIds = { failed: uniqueRunId('ended_failed'), succeeded: uniqueRunId('ended_success') };
    await Promise.all([
      client.trigger('vsc_retry_fail', { runId: runIds.failed }),
      client.trigger('vsc_marker', { runId: runIds.succeeded }),
    ]);
    [failed, succeeded] = await Promise.all([
      waitForRun(client, 'vsc_retry_fail', runIds.failed),
      waitForRun(client, 'vsc_marker', runIds.succeeded),
    ]);
  });

  /** The end dates of the runs, checked: each ended since `since`, each no later than the one before. */
  function assertEndedSinceNewestFirst(runs: DagRun[]): void {
    const ends = runs.map((r) => Date.parse(r.endDate ?? ''));
    for (const [i, end] of ends.entries()) {
      assert.ok(
        end >= Date.parse(since),
        `${runs[i].dagId}/${runs[i].runId} ended ${runs[i].endDate}, before ${since}`,
      );
      if (i > 0)
        assert.ok(
          end <= ends[i - 1],
          `newest-ended first: ${runs[i - 1].runId} (${runs[i - 1].endDate}) before ${runs[i].runId} (${runs[i].endDate})`,
        );
    }
  }

  it('lists the run that just failed, no run in another state, newest-ended first', async () => {
    assert.equal(failed.state, 'failed');
    assert.equal(succeeded.state, 'success');
    const page = await client.listEndedRuns({ states: ['failed'], endedSince: since }, { limit: 100 });
    const listed = page.items.find((r) => r.dagId === 'vsc_retry_fail' && r.runId === failed.runId);
    assert.ok(listed, `${failed.runId} among ${page.items.map((r) => `${r.dagId}/${r.runId}`).join(', ')}`);
    assert.equal(listed.state, 'failed');
    assert.equal(Date.parse(listed.endDate ?? ''), Date.parse(failed.endDate ?? ''));
    assert.deepEqual(
      page.items.filter((r) => r.state !== 'failed').map((r) => `${r.dagId}/${r.runId} ${r.state}`),
      [],
      'only failed runs',
    );
    assert.ok(!page.items.some((r) => r.runId === succeeded.runId), 'the run that succeeded is not listed');
    assertEndedSinceNewestFirst(page.items);
    assert.ok(page.total >= page.items.length);
  });

  it('lists runs of several DAGs in the states asked, and nothing that ended before the time', async () => {
    const page = await client.listEndedRuns({ states: ['success', 'failed'], endedSince: since }, { limit: 100 });
    const keys = new Set(page.items.map((r) => `${r.dagId}/${r.runId}`));
    assert.ok(
      keys.has(`vsc_retry_fail/${failed.runId}`) && keys.has(`vsc_marker/${succeeded.runId}`),
      [...keys].join(', '),
    );
    assert.ok(page.items.every((r) => r.state === 'success' || r.state === 'failed'));
    assertEndedSinceNewestFirst(page.items);
    const later = new Date(Date.parse(failed.endDate ?? '') + 3_600_000).toISOString();
    const none = await client.listEndedRuns({ states: ['failed'], endedSince: later }, { limit: 100 });
    assert.ok(!none.items.some((r) => r.runId === failed.runId), 'a run that ended before the time is left out');
  });
});
