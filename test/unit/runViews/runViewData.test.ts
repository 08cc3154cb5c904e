// What a run view asks of the server, counted: a first load, a refresh that asks only about live runs, older runs.
import assert from 'node:assert/strict';
import { AirflowClient } from '../../../src/airflow';
import { loadOlderRuns, loadRunView, refreshRunView } from '../../../src/runViews/runViewData';
import { FakeAirflow, fakeTaskInstance } from '../../support/fakeAirflow';

const RUNS = '/api/v2/dags/etl/dagRuns';
const TASKS = '/api/v2/dags/etl/tasks';
const BATCH = '/api/v2/dags/~/dagRuns/~/taskInstances/list';

/** 30 runs, newest first; run 0 is running; 150 tasks each (so a run's instances take two pages). */
function serve(fake: FakeAirflow, states: () => string[]): void {
  const runs = () =>
    states().map((state, i) => ({
      dag_id: 'etl',
      dag_run_id: `run_${String(30 - i).padStart(2, '0')}`,
      state,
      run_type: 'scheduled',
      start_date: '2026-11-23T00:00:00Z',
      end_date: state === 'running' ? null : '2026-11-23T00:05:00Z',
    }));
  fake.route('GET', RUNS, (req) => {
    const limit = Number(req.query.get('limit'));
    const offset = Number(req.query.get('offset') ?? 0);
    const all = runs();
    return { json: { dag_runs: all.slice(offset, offset + limit), total_entries: all.length } };
  });
  fake.route('GET', TASKS, () => ({
    json: {
      tasks: Array.from({ length: 150 }, (_, i) => ({ task_id: `t${i}`, downstream_task_ids: [] })),
      total_entries: 150,
    },
  }));
  fake.route('POST', BATCH, (req) => {
    const body = JSON.parse(req.body) as { dag_run_ids: string[]; page_limit: number; page_offset: number };
    const states = new Map(runs().map((r) => [r.dag_run_id, r.state]));
    const all = body.dag_run_ids.flatMap((runId) =>
      Array.from({ length: 150 }, (_, i) => ({
        ...fakeTaskInstance('etl', runId, `t${i}`, -1),
        state: states.get(runId) === 'running' && i > 100 ? 'queued' : 'success',
      })),
    );
    return {
      json: {
        task_instances: all.slice(body.page_offset, body.page_offset + body.page_limit),
        total_entries: all.length,
      },
    };
  });
}

describe('what a run view asks of the server', () => {
  let fake: FakeAirflow;
  let states: string[];
  beforeEach(async () => {
    fake = await FakeAirflow.start();
    states = ['running', ...Array.from({ length: 29 }, () => 'success')];
    serve(fake, () => states);
  });
  afterEach(() => fake.close());

  it('loads 25 runs of 150 tasks: the runs, the structure and 38 pages of the batch list, nothing per run', async () => {
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    fake.resetCounts();
    const data = await loadRunView(client, 'etl', 25);
    assert.equal(data.runs.length, 25);
    assert.equal(data.tis.length, 25 * 150);
    assert.equal(data.tasks.length, 150);
    assert.equal(data.hasOlder, true);
    assert.deepEqual(fake.countsByRoute(), { [`GET ${RUNS}`]: 1, [`GET ${TASKS}`]: 1, [`POST ${BATCH}`]: 38 });
  });

  it('refreshes by asking again only about the run that had not ended: 1 + 2 requests', async () => {
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    const data = await loadRunView(client, 'etl', 25);
    fake.resetCounts();
    states = ['success', ...states.slice(1)];
    const next = await refreshRunView(client, data, 25);
    assert.deepEqual(fake.countsByRoute(), { [`GET ${RUNS}`]: 1, [`POST ${BATCH}`]: 2 });
    const body = JSON.parse(fake.requests[1].body) as { dag_run_ids: string[] };
    assert.deepEqual(body.dag_run_ids, ['run_30']);
    assert.equal(next.tis.length, 25 * 150);
    assert.ok(next.tis.filter((t) => t.runId === 'run_30').every((t) => t.state === 'success'));
    fake.resetCounts();
    await refreshRunView(client, next, 25);
    assert.deepEqual(fake.countsByRoute(), { [`GET ${RUNS}`]: 1 }, 'every run ended: only the run list');
  });

  it('loads older runs after those shown, with their task instances', async () => {
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    const data = await loadRunView(client, 'etl', 25);
    fake.resetCounts();
    const more = await loadOlderRuns(client, data, 25);
    assert.equal(more.runs.length, 30);
    assert.equal(more.runs[29].runId, 'run_01');
    assert.equal(more.tis.length, 30 * 150);
    assert.equal(more.hasOlder, false);
    assert.equal(fake.requests[0].query.get('offset'), '25');
    assert.deepEqual(fake.countsByRoute(), { [`GET ${RUNS}`]: 1, [`POST ${BATCH}`]: 8 });
  });
});
