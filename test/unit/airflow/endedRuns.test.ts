// AirflowClient.listEndedRuns: the runs of all DAGs in some states that ended since a time (recent
// failures across all DAGs), newest-ended first, through the batch list, in both API generations.
import assert from 'node:assert/strict';
import { AirflowClient, InvalidInputError, type RunState } from '../../../src/airflow';
import { FakeAirflow, type FakeRequest } from '../../support/fakeAirflow';

type Api = 'v1' | 'v2';
const BATCH = (api: Api) => `/api/${api}/dags/~/dagRuns/list`;

interface Ended {
  dagId: string;
  runId: string;
  state: string;
  /** Minutes after 2026-11-23T00:00:00Z, or null for a run still going. */
  endedAt: number | null;
}

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 0, minutes)).toISOString();

/** Runs of three DAGs, in no particular order: ended before and after the cut, in several states. */
const RUNS: Ended[] = [
  { dagId: 'etl', runId: 'etl_old_failure', state: 'failed', endedAt: -30 },
  { dagId: 'etl', runId: 'etl_failure', state: 'failed', endedAt: 20 },
  { dagId: 'etl', runId: 'etl_success', state: 'success', endedAt: 25 },
  { dagId: 'reports', runId: 'reports_failure', state: 'failed', endedAt: 40 },
  { dagId: 'reports', runId: 'reports_running', state: 'running', endedAt: null },
  { dagId: 'billing', runId: 'billing_failure', state: 'failed', endedAt: 5 },
  { dagId: 'billing', runId: 'billing_failure_2', state: 'failed', endedAt: 30 },
  { dagId: 'billing', runId: 'billing_success', state: 'success', endedAt: 10 },
];

/** One run as each generation's batch list returns it (v1 writes offsets as +00:00, v2 as Z). */
function wireRun(api: Api, r: Ended): Record<string, unknown> {
  const end = r.endedAt === null ? null : at(r.endedAt);
  const start = at((r.endedAt ?? 60) - 2);
  if (api === 'v1') {
    const v1 = (d: string | null) => d && d.replace('Z', '+00:00');
    return {
      dag_id: r.dagId,
      dag_run_id: r.runId,
      state: r.state,
      run_type: 'manual',
      execution_date: v1(start),
      logical_date: v1(start),
      start_date: v1(start),
      end_date: v1(end),
      data_interval_start: v1(start),
      data_interval_end: v1(start),
      external_trigger: true,
      conf: {},
      note: null,
      last_scheduling_decision: null,
    };
  }
  return {
    dag_id: r.dagId,
    dag_display_name: r.dagId,
    dag_run_id: r.runId,
    state: r.state,
    run_type: 'manual',
    run_after: start,
    queued_at: start,
    logical_date: null,
    start_date: start,
    end_date: end,
    duration: r.endedAt === null ? null : 120,
    data_interval_start: null,
    data_interval_end: null,
    triggered_by: 'rest_api',
    conf: {},
    note: null,
    dag_versions: [],
    last_scheduling_decision: null,
    bundle_version: null,
  };
}

/**
 * Answers the batch list as Airflow does: filtered by the body's `dag_ids`, `states` and
 * `end_date_gte`, ordered by its `order_by` (only `-end_date` known here), paged by its page fields.
 */
function serveRuns(fake: FakeAirflow, api: Api): void {
  fake.route('POST', BATCH(api), (req: FakeRequest) => {
    const body = JSON.parse(req.body || '{}') as Record<string, unknown>;
    const dagIds = body.dag_ids as string[] | undefined;
    const states = body.states as string[] | undefined;
    const since = body.end_date_gte === undefined ? undefined : Date.parse(body.end_date_gte as string);
    let matching = RUNS.filter(
      (r) =>
        (!dagIds?.length || dagIds.includes(r.dagId)) &&
        (!states?.length || states.includes(r.state)) &&
        (since === undefined || (r.endedAt !== null && Date.parse(at(r.endedAt)) >= since)),
    );
    if (body.order_by === '-end_date') matching = [...matching].sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
    else if (body.order_by !== undefined) return { status: 400, json: { detail: `order_by ${String(body.order_by)}` } };
    const limit = Math.min(Math.max(Number(body.page_limit ?? 100) || 100, 1), 100);
    const offset = Math.max(Number(body.page_offset ?? 0) || 0, 0);
    const dag_runs = matching.slice(offset, offset + limit).map((r) => wireRun(api, r));
    return { json: { dag_runs, total_entries: matching.length } };
  });
}

async function withFake(api: Api, test: (fake: FakeAirflow, client: AirflowClient) => Promise<void>): Promise<void> {
  const fake = await FakeAirflow.start({ api });
  try {
    serveRuns(fake, api);
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    fake.resetCounts();
    await test(fake, client);
  } finally {
    await fake.close();
  }
}

const bodies = (fake: FakeAirflow) => fake.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('the runs of all DAGs that ended since a time (recent failures)', () => {
  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: one POST of the batch list with states, end_date_gte and -end_date, no dag_ids`, async () => {
      await withFake(api, async (fake, client) => {
        const since = '2026-11-23T00:00:00Z';
        const page = await client.listEndedRuns({ states: ['failed'], endedSince: since });
        assert.equal(fake.count('POST', BATCH(api)), 1);
        assert.equal(fake.requests.length, 1, 'nothing else is asked');
        assert.equal(fake.requests[0].path, BATCH(api));
        const [body] = bodies(fake);
        assert.deepEqual(body, {
          states: ['failed'],
          end_date_gte: since,
          order_by: '-end_date',
          page_limit: 100,
          page_offset: 0,
        });
        assert.ok(!('dag_ids' in body), 'no dag_ids: all DAGs');
        assert.deepEqual(
          page.items.map((r) => r.runId),
          ['reports_failure', 'billing_failure_2', 'etl_failure', 'billing_failure'],
          'the failures of every DAG ended since the cut, newest-ended first',
        );
        assert.equal(page.total, 4);
      });
    });

    it(`${api}: the runs come back as the model`, async () => {
      await withFake(api, async (_fake, client) => {
        const page = await client.listEndedRuns({ states: ['failed'], endedSince: '2026-11-23T00:35:00+00:00' });
        assert.equal(page.items.length, 1);
        const [run] = page.items;
        assert.equal(run.dagId, 'reports');
        assert.equal(run.runId, 'reports_failure');
        assert.equal(run.state, 'failed');
        assert.equal(Date.parse(run.endDate ?? ''), Date.parse(at(40)));
        assert.equal(Date.parse(run.startDate ?? ''), Date.parse(at(38)));
        assert.equal(run.runType, 'manual');
        assert.equal(run.triggeredBy, api === 'v1' ? 'external' : 'rest_api');
      });
    });

    it(`${api}: pages as asked (within the server's cap), several states passed on as given`, async () => {
      await withFake(api, async (fake, client) => {
        const filter = { states: ['success', 'failed'] as RunState[], endedSince: '2026-11-23T00:00:00Z' };
        const second = await client.listEndedRuns(filter, { limit: 2, offset: 2 });
        await client.listEndedRuns(filter, { limit: 500 });
        const [paged, capped] = bodies(fake);
        assert.deepEqual(paged.states, ['success', 'failed']);
        assert.equal(paged.page_limit, 2);
        assert.equal(paged.page_offset, 2);
        assert.equal(capped.page_limit, 100, "never more than the server's page cap");
        assert.equal(capped.page_offset, 0);
        assert.deepEqual(
          second.items.map((r) => r.runId),
          ['etl_success', 'etl_failure'],
          'the third and fourth of reports_failure (:40), billing_failure_2 (:30), etl_success (:25), etl_failure (:20), …',
        );
        assert.equal(second.total, 6);
      });
    });
  }

  it('refuses a date without a zone or not a date, and no state, before sending anything', async () => {
    await withFake('v2', async (fake, client) => {
      for (const endedSince of ['yesterday', '2026-11-23T00:00:00', '2026-11-23', ''])
        await assert.rejects(client.listEndedRuns({ states: ['failed'], endedSince }), InvalidInputError, endedSince);
      await assert.rejects(
        client.listEndedRuns({ states: [], endedSince: '2026-11-23T00:00:00Z' }),
        (e: unknown) => e instanceof InvalidInputError && /at least one state/.test(e.message),
      );
      assert.equal(fake.requests.length, 0, 'no request for a refused filter');
      await client.listEndedRuns({ states: ['failed'], endedSince: '2026-11-23T00:00:00Z' });
      assert.equal(fake.requests.length, 1, 'the fake counts a request that is sent');
    });
  });
});
