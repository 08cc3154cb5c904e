import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Node } from '../../src/views/explorer/nodes';
import { FakeAirflow, fakeDag, fakeTaskInstance } from '../support/fakeAirflow';
import { hooks, waitUntil } from './support/airflow';

/** One run per DAG, as the v2 API returns it; `state` decides whether it is still live. */
function fakeRun(dagId: string, runId: string, state: string): Record<string, unknown> {
  return {
    dag_run_id: runId,
    dag_id: dagId,
    dag_display_name: dagId,
    state,
    run_type: 'manual',
    conf: {},
    note: null,
    logical_date: null,
    queued_at: '2026-11-23T10:00:00Z',
    start_date: '2026-11-23T10:00:01Z',
    end_date: null,
    run_after: '2026-11-23T10:00:00Z',
    data_interval_start: null,
    data_interval_end: null,
    last_scheduling_decision: null,
    triggered_by: 'rest_api',
    dag_versions: [],
    bundle_version: null,
    duration: null,
    triggering_user_name: 'admin',
  };
}

/**
 * Waits until the fake server has seen no new request for `quietMs`: the action's requests have
 * all arrived, so counting now misses none (an extra request would arrive before the quiet spell).
 */
async function requestsSettled(fake: FakeAirflow, after: string, quietMs = 750): Promise<void> {
  const total = () => Object.values(fake.countsByRoute()).reduce((a, b) => a + b, 0);
  let last = total();
  let since = Date.now();
  await waitUntil(
    `no new request for ${quietMs} ms after ${after}`,
    () => {
      const now = total();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since >= quietMs || undefined;
    },
    30_000,
  );
}

describe('explorer cost: requests per user action, 5,000 DAGs (fake server)', function () {
  this.timeout(120_000);
  let fake: FakeAirflow;
  const dag0 = String(fakeDag(0).dag_id);

  before(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    fake.serveDags(5000);
    fake.route('POST', '/api/v2/dags/~/dagRuns/list', () => ({
      json: { dag_runs: [fakeRun(dag0, 'r1', 'running')], total_entries: 1 },
    }));
    fake.route('GET', '/api/v2/monitor/health', () => ({
      json: {
        metadatabase: { status: 'healthy' },
        scheduler: { status: 'healthy', latest_scheduler_heartbeat: new Date().toISOString() },
      },
    }));
    fake.route('GET', '/api/v2/importErrors', () => ({ json: { import_errors: [], total_entries: 0 } }));
    fake.route('GET', `/api/v2/dags/${dag0}/dagRuns`, () => ({
      json: { dag_runs: [fakeRun(dag0, 'r1', 'running')], total_entries: 1 },
    }));
    fake.route('GET', `/api/v2/dags/${dag0}/tasks`, () => ({
      json: {
        tasks: [{ task_id: 'process', task_display_name: 'process', downstream_task_ids: [], is_mapped: true }],
        total_entries: 1,
      },
    }));
    fake.route('GET', `/api/v2/dags/${dag0}/dagRuns/r1/taskInstances`, () => ({
      json: { task_instances: [0, 1, 2].map((i) => fakeTaskInstance(dag0, 'r1', 'process', i)), total_entries: 3 },
    }));
    const h = await hooks();
    await h.store.save({ id: 'fake5000', name: 'fake5000', url: fake.url, auth: 'none' });
    await h.store.setActive('fake5000');
    await vscode.workspace
      .getConfiguration('airflow')
      .update('autoRefreshSeconds', 3600, vscode.ConfigurationTarget.Global);
    // Let the first contact (API version, health check, first load) settle before counting.
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
    await waitUntil(
      'the first load',
      () => fake.count('GET', '/api/v2/dags') >= 1 && fake.count('GET', '/api/v2/monitor/health') >= 1,
    );
    await requestsSettled(fake, 'the first contact', 1500);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('airflow')
      .update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  it('counts requests for open view, expand DAG, expand run and one auto-refresh cycle', async () => {
    const h = await hooks();
    const counts: Record<string, Record<string, number>> = {};
    const record = (action: string) => {
      counts[action] = fake.countsByRoute();
      fake.resetCounts();
    };

    fake.resetCounts();
    h.explorer.refresh(); // as the refresh button does; the visible view loads its root
    await waitUntil('the DAG list', () => fake.count('GET', '/api/v2/dags') >= 1);
    const root = await h.explorer.getChildren();
    await requestsSettled(fake, 'opening the view');
    record('open view');
    const dags = root.filter((n) => n.kind === 'dag');
    assert.strictEqual(dags.length, 100, 'the first page, not all 5,000');
    const more = root.find((n) => n.kind === 'loadMore');
    assert.ok(more && more.kind === 'loadMore' && more.total === 5000);
    assert.deepStrictEqual(
      counts['open view'],
      { 'GET /api/v2/dags': 1, 'POST /api/v2/dags/~/dagRuns/list': 1, 'GET /api/v2/importErrors': 1 },
      'one DAG page, one batch of latest runs for the icons (not one per DAG), import errors',
    );

    const dag = dags[0] as Extract<Node, { kind: 'dag' }>;
    assert.strictEqual(dag.latest?.state, 'running', 'the icon state comes from the batch');
    await h.treeView.reveal(dag, { expand: true });
    await waitUntil('runs loaded', () => fake.count('GET', `/api/v2/dags/${dag0}/dagRuns`) >= 1);
    await requestsSettled(fake, 'expanding a DAG');
    record('expand DAG');
    assert.deepStrictEqual(counts['expand DAG'], { [`GET /api/v2/dags/${dag0}/dagRuns`]: 1 });

    const [run] = await h.explorer.getChildren(dag);
    fake.resetCounts();
    await h.treeView.reveal(run, { expand: true });
    await waitUntil(
      'task instances loaded',
      () => fake.count('GET', `/api/v2/dags/${dag0}/dagRuns/r1/taskInstances`) >= 1,
    );
    await requestsSettled(fake, 'expanding a run');
    record('expand run');
    assert.deepStrictEqual(
      counts['expand run'],
      { [`GET /api/v2/dags/${dag0}/dagRuns/r1/taskInstances`]: 1, [`GET /api/v2/dags/${dag0}/tasks`]: 1 },
      "the instances, and the DAG's task structure once (sent beside them)",
    );

    h.explorer.live.refreshLive();
    await waitUntil('the refresh cycle', () => fake.count('GET', `/api/v2/dags/${dag0}/dagRuns`) >= 1);
    await requestsSettled(fake, 'the refresh cycle');
    record('auto-refresh cycle');
    const cycle = counts['auto-refresh cycle'];
    assert.strictEqual(cycle[`GET /api/v2/dags/${dag0}/dagRuns`], 1, 'the live DAG reloads its runs once');
    assert.ok(
      (cycle[`GET /api/v2/dags/${dag0}/dagRuns/r1/taskInstances`] ?? 0) <= 1,
      'the expanded live run reloads its task instances at most once',
    );
    assert.strictEqual(cycle['GET /api/v2/dags'], undefined, 'the DAG list is not reloaded');
    assert.strictEqual(cycle[`GET /api/v2/dags/${dag0}/tasks`], undefined, 'the task structure comes from the cache');
    console.log(`      requests per action: ${JSON.stringify(counts)}`);
  });
});
