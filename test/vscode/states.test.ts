import * as assert from 'assert';
import * as vscode from 'vscode';
import { FakeAirflow, fakeDag, fakeTaskInstance } from '../support/fakeAirflow';
import { hooks, waitUntil } from './support/airflow';
import { countElements, screenshot, waitForSelector } from './support/screenshot';
import { children, expand, row } from './support/tree';

// Every task state the v2 API returns (3.3 adds awaiting_input), and no state at all; with the icon each row must show.
const STATES: [string | null, string][] = [
  ['success', 'pass-filled'],
  ['failed', 'error'],
  ['running', 'sync'],
  ['queued', 'clock'],
  ['scheduled', 'calendar'],
  ['up_for_retry', 'debug-restart'],
  ['up_for_reschedule', 'history'],
  ['upstream_failed', 'warning'],
  ['skipped', 'debug-step-over'],
  ['removed', 'remove'],
  ['restarting', 'refresh'],
  ['deferred', 'watch'],
  ['awaiting_input', 'comment-discussion'],
  [null, 'circle-large-outline'],
];

const taskIdOf = (state: string | null) => `t_${state ?? 'no_status'}`;

describe('every task state in the tree (fake Airflow 3.x server)', function () {
  this.timeout(120_000);
  let fake: FakeAirflow;
  const dagId = String(fakeDag(0).dag_id);

  before(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    fake.serveDags(1);
    const run = {
      dag_run_id: 'states',
      dag_id: dagId,
      dag_display_name: dagId,
      state: 'failed',
      run_type: 'manual',
      conf: {},
      note: null,
      logical_date: null,
      queued_at: '2026-11-23T10:00:00Z',
      start_date: '2026-11-23T10:00:01Z',
      end_date: '2026-11-23T10:05:00Z',
      run_after: '2026-11-23T10:00:00Z',
      data_interval_start: null,
      data_interval_end: null,
      last_scheduling_decision: null,
      triggered_by: 'rest_api',
      dag_versions: [],
      bundle_version: null,
      duration: 299,
      triggering_user_name: 'admin',
    };
    fake.route('POST', '/api/v2/dags/~/dagRuns/list', () => ({ json: { dag_runs: [run], total_entries: 1 } }));
    fake.route('GET', '/api/v2/monitor/health', () => ({
      json: {
        metadatabase: { status: 'healthy' },
        scheduler: { status: 'healthy', latest_scheduler_heartbeat: new Date().toISOString() },
      },
    }));
    fake.route('GET', '/api/v2/importErrors', () => ({ json: { import_errors: [], total_entries: 0 } }));
    fake.route('GET', `/api/v2/dags/${dagId}/dagRuns`, () => ({ json: { dag_runs: [run], total_entries: 1 } }));
    // One chain in the order of STATES, so the rows come in that order.
    const ids = STATES.map(([s]) => taskIdOf(s));
    fake.route('GET', `/api/v2/dags/${dagId}/tasks`, () => ({
      json: {
        tasks: ids.map((id, i) => ({
          task_id: id,
          task_display_name: id,
          downstream_task_ids: ids.slice(i + 1, i + 2),
          is_mapped: false,
        })),
        total_entries: ids.length,
      },
    }));
    fake.route('GET', `/api/v2/dags/${dagId}/dagRuns/states/taskInstances`, () => ({
      json: {
        task_instances: STATES.map(([state], i) => ({
          ...fakeTaskInstance(dagId, 'states', taskIdOf(state), i),
          map_index: -1,
          state,
          rendered_map_index: null,
        })),
        total_entries: STATES.length,
      },
    }));
    const h = await hooks();
    await h.store.save({ id: 'fakeStates', name: 'fakeStates', url: fake.url, auth: 'none' });
    await h.store.setActive('fakeStates');
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('workbench')
      .update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  it('shows each state with its own icon; only a task with no state shows the empty circle', async () => {
    const h = await hooks();
    h.explorer.refresh();
    const [dag] = (
      await waitUntil('the fake DAG', async () =>
        (await children()).some((n) => n.kind === 'dag') ? children() : undefined,
      )
    ).filter((n) => n.kind === 'dag');
    await expand(dag);
    const [runNode] = await children(dag);
    await expand(runNode);
    const rows = await children(runNode);
    assert.deepStrictEqual(
      rows.map((n) => (n.kind === 'task' ? n.ti.taskId : n.kind)),
      STATES.map(([s]) => taskIdOf(s)),
    );
    for (const [state, icon] of STATES) {
      const selector = row(taskIdOf(state));
      await waitForSelector(selector);
      // The row's own icon (its inline actions have icons too, e.g. Refresh).
      const rowIcon = `${selector} .custom-view-tree-node-item-icon`;
      assert.strictEqual(
        await countElements(`${rowIcon}.codicon-${icon}`),
        1,
        `${state ?? 'no status'} shows codicon-${icon}`,
      );
      if (state !== null)
        assert.strictEqual(
          await countElements(`${rowIcon}.codicon-circle-large-outline`),
          0,
          `${state} is not drawn as "no status"`,
        );
    }
    const config = vscode.workspace.getConfiguration('workbench');
    for (const [theme, name] of [
      ['Default Dark Modern', 'dark'],
      ['Default Light Modern', 'light'],
    ] as const) {
      await config.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await waitForSelector(`.monaco-workbench.${name === 'dark' ? 'vs-dark' : 'vs'}`);
      await screenshot(`states-${name}`);
    }
  });
});
