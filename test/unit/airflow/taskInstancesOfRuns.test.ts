// AirflowClient.listTaskInstancesOfRuns: the task instances of several runs of one DAG through the
// batch list, a page of all runs per request, in both API generations.
import assert from 'node:assert/strict';
import { AirflowClient, PagingError, InvalidInputError } from '../../../src/airflow';
import { FakeAirflow, fakeTaskInstance } from '../../support/fakeAirflow';

const BATCH = (api: string) => `/api/${api}/dags/~/dagRuns/~/taskInstances/list`;

/** `perRun` task instances in each of `runs`, and as many of another DAG that must not come back. */
function instances(dagId: string, runs: string[], perRun: number): Record<string, unknown>[] {
  return runs.flatMap((runId) =>
    Array.from({ length: perRun }, (_, i) => ({ ...fakeTaskInstance(dagId, runId, `t${i}`, -1), map_index: -1 })),
  );
}

describe('the task instances of several runs in one request per page', () => {
  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: 3 runs of 150 task instances -> 5 POSTs of the batch list, every instance once`, async () => {
      const fake = await FakeAirflow.start({ api });
      try {
        const runs = ['r1', 'r2', 'r3'];
        fake.serveTaskInstancesOfRuns(api, [...instances('etl', runs, 150), ...instances('other', runs, 20)]);
        const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
        fake.resetCounts();
        const tis = await client.listTaskInstancesOfRuns('etl', runs);
        assert.equal(tis.length, 450);
        assert.equal(new Set(tis.map((t) => `${t.runId}/${t.taskId}`)).size, 450);
        assert.ok(tis.every((t) => t.dagId === 'etl'));
        assert.equal(fake.count('POST', BATCH(api)), 5);
        assert.equal(fake.requests.length, 5, 'nothing else is asked');
        const bodies = fake.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
        for (const [i, body] of bodies.entries()) {
          assert.deepEqual(body.dag_ids, ['etl']);
          assert.deepEqual(body.dag_run_ids, runs);
          assert.equal(body.page_limit, 100);
          assert.equal(body.page_offset, i * 100);
          // v1's batch form has no order; v2 orders as the run's own listing does.
          assert.equal(body.order_by, api === 'v2' ? 'map_index' : undefined);
        }
        const first = tis[0];
        assert.equal(first.queuedAt, '2026-11-23T00:01:00.987654Z', 'the queued time, for the Gantt');
        assert.equal(first.startDate, '2026-11-23T00:01:02.123456Z');
      } finally {
        await fake.close();
      }
    });
  }

  it('asks nothing for no runs, and refuses an empty id before sending', async () => {
    const fake = await FakeAirflow.start();
    try {
      fake.serveTaskInstancesOfRuns('v2', instances('etl', ['r1'], 3));
      const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
      fake.resetCounts();
      assert.deepEqual(await client.listTaskInstancesOfRuns('etl', []), []);
      await assert.rejects(client.listTaskInstancesOfRuns('etl', ['r1', '']), InvalidInputError);
      await assert.rejects(client.listTaskInstancesOfRuns('', ['r1']), InvalidInputError);
      assert.equal(fake.requests.length, 0);
    } finally {
      await fake.close();
    }
  });

  it('stops at the most items read at once, saying to show fewer runs', async () => {
    const fake = await FakeAirflow.start();
    try {
      fake.serveTaskInstancesOfRuns('v2', instances('etl', ['r1', 'r2'], 300));
      const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' }, maxListItems: 200 });
      fake.resetCounts();
      await assert.rejects(
        client.listTaskInstancesOfRuns('etl', ['r1', 'r2']),
        (e: unknown) =>
          e instanceof PagingError && /600 task instances of 2 runs/.test(e.message) && /fewer runs/.test(e.message),
      );
      assert.equal(fake.count('POST', BATCH('v2')), 2);
    } finally {
      await fake.close();
    }
  });
});
