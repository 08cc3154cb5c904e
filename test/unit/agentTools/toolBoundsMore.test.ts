// The other tools within their bound on a big deployment (fake Airflow 3): a DAG with a 1 MB
// source and 300 params, 5,000 runs, a run of 5,000 task instances (waited for, cleared, marked),
// and what an agent is told when it names a DAG that is not there.
import assert from 'node:assert/strict';
import { AirflowClient } from '../../../src/airflow';
import { clearTool, markTool, setPausedTool, triggerTool } from '../../../src/agentTools/changeTools';
import { failureAnswer } from '../../../src/agentTools/similarDags';
import { dagDetailsTool, healthTool } from '../../../src/agentTools/dagTools';
import { listRunsTool, runTasksTool, waitForRunTool } from '../../../src/agentTools/runTools';
import type { AgentTool, AgentToolDeps, ToolConnection } from '../../../src/agentTools/toolContext';
import { RESULT_MAX_BYTES } from '../../../src/agentTools/toolText';
import { FakeAirflow, fakeDag, fakeTaskInstance } from '../../support/fakeAirflow';

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const within = (text: string) =>
  assert.ok(Buffer.byteLength(text) <= RESULT_MAX_BYTES, `${Buffer.byteLength(text)} bytes`);
const RUN = '/api/v2/dags/etl/dagRuns/r1';

describe('the other language-model tools on a big deployment (fake Airflow 3)', function () {
  this.timeout(60_000);
  let fake: FakeAirflow;
  let on: ToolConnection;
  const run = <I extends object>(tool: AgentTool<I>, input: I, confirmed = false) =>
    tool.run(input, on, {} as AgentToolDeps, { token, confirmed });

  beforeEach(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    on = { name: 'big', client: await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } }) };
    const tis: Record<string, unknown>[] = Array.from({ length: 5000 }, (_, i) => ({
      ...fakeTaskInstance('etl', 'r1', `task_${i}`, -1),
      state: 'failed',
    }));
    const runs = Array.from({ length: 5000 }, (_, i) => ({
      dag_id: 'etl',
      dag_run_id: `scheduled__2026-12-0${i % 9}T03:00:00+00:00_${i}`,
      state: i % 3 ? 'success' : 'failed',
      run_type: 'scheduled',
      start_date: '2026-12-07T03:00:00Z',
      end_date: '2026-12-07T03:10:00Z',
      conf: { big: 'x'.repeat(500) },
    }));
    const refs = tis.map((t) => ({ task_id: t.task_id as string, dag_id: 'etl', dag_run_id: 'r1', map_index: -1 }));
    fake
      .route('GET', '/api/v2/dags/etl/details', () => ({
        json: {
          ...fakeDag(1),
          dag_id: 'etl',
          params: Object.fromEntries(
            Array.from({ length: 300 }, (_, i) => [
              `p${i}`,
              { __class: 'Param', value: i, description: 'd'.repeat(300), schema: { type: 'integer' } },
            ]),
          ),
        },
      }))
      .route('GET', '/api/v2/dagSources/etl', () => ({
        json: { content: `# ${'y'.repeat(1_000_000)}`, dag_id: 'etl' },
      }))
      .route('GET', '/api/v2/dags/etl/dagRuns', (req) => {
        const offset = Number(req.query.get('offset') ?? 0);
        const limit = Number(req.query.get('limit') ?? 100);
        return { json: { dag_runs: runs.slice(offset, offset + limit), total_entries: runs.length } };
      })
      .route('GET', RUN, () => ({ json: { ...runs[0], dag_run_id: 'r1', state: 'failed', note: 'n'.repeat(5000) } }))
      .route('GET', `${RUN}/taskInstances`, (req) => {
        const offset = Number(req.query.get('offset') ?? 0);
        const limit = Number(req.query.get('limit') ?? 100);
        return { json: { task_instances: tis.slice(offset, offset + limit), total_entries: tis.length } };
      })
      .route('POST', '/api/v2/dags/etl/clearTaskInstances', () => ({
        json: { task_instances: refs, total_entries: refs.length },
      }))
      .route('PATCH', `${RUN}/taskInstances/task_0`, () => ({
        json: { task_instances: refs, total_entries: refs.length },
      }))
      .route('PATCH', `${RUN}/taskInstances/task_0/dry_run`, () => ({
        json: { task_instances: refs, total_entries: refs.length },
      }))
      .route('GET', '/api/v2/monitor/health', () => ({
        json: { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy' } },
      }));
  });
  afterEach(() => fake.close());

  it('health, and a DAG with 300 params and a 1 MB source, within the bound (the source said to be too long)', async () => {
    within(await run(healthTool, {}));
    const details = await run(dagDetailsTool, { dagId: 'etl', includeSource: true });
    within(details);
    assert.match(details, /^- p0: default 0; schema \{"type":"integer"\}/m);
    assert.match(details, /^300 params /m);
    assert.match(
      details,
      /\(The rest is not shown: the answer reached its bound of 16 KB\.\)$/,
      'it says it left some out',
    );
  });

  it('5,000 runs and a run of 5,000 task instances within the bound, with the offset to go on', async () => {
    const runs = await run(listRunsTool, { dagId: 'etl', limit: 100 });
    within(runs);
    assert.match(runs, /^5000 runs of etl, newest first:/m);
    assert.match(runs, /ask again with offset \d+\./);
    const tasks = await run(runTasksTool, { dagId: 'etl', runId: 'r1' });
    within(tasks);
    assert.match(tasks, /^5000 task instances \(failed first\):/m);
    assert.match(tasks, /ask again with offset \d+\./);
    const waited = await run(waitForRunTool, { dagId: 'etl', runId: 'r1', timeoutSeconds: 1 });
    within(waited);
    assert.match(waited, /Task instances: 5000 failed\./);
    assert.match(waited, /… \(4970 more: airflow_runTasks lists them\)/);
  });

  it('clearing and marking 5,000 task instances: the confirmation and the answer within the bound', async () => {
    const input = { dagId: 'etl', runId: 'r1', taskIds: ['task_0'], includeDownstream: true };
    const asked = await clearTool.confirm!(input, on);
    assert.match(asked!.message, /^Clear 5000 task instances: task_0, task_1, .*, … \(4980 more\), in run "r1"/);
    within(asked!.message);
    within(await run(clearTool, input, true));
    const mark = { dagId: 'etl', runId: 'r1', taskId: 'task_0', state: 'success' as const };
    within((await markTool.confirm!(mark, on))!.message);
    within(await run(markTool, mark, true));
    assert.match(await run(setPausedTool, { dagId: 'etl', paused: false }), /already unpaused; nothing changed/);
    // A conf that breaks all 300 params: each problem named, within the bound, nothing sent.
    const conf = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`p${i}`, `not a number ${'z'.repeat(200)}`]),
    );
    const refused = await run(triggerTool, { dagId: 'etl', conf }, true);
    within(refused);
    assert.equal((refused.match(/^- p\d+: must be integer$/gm) ?? []).length, 300, 'every param named');
    assert.equal(fake.count('POST', '/api/v2/dags/etl/dagRuns'), 0);
  });

  it('names the DAGs with ids like the one it was asked about when that DAG is not there', async () => {
    fake.serveDags(50).route('GET', '/api/v2/dags/etl_data_platform_pipelin_00003/details', () => ({
      status: 404,
      json: { detail: 'DAG not found' },
    }));
    const input = { dagId: 'etl_data_platform_pipelin_00003' };
    const err = await run(dagDetailsTool, input).then(
      () => undefined,
      (e: unknown) => e,
    );
    const answer = await failureAnswer(err, on, input);
    assert.match(answer, /^Error \(connection "big"\): /);
    assert.match(answer, /DAGs with similar ids: etl_data_platform_pipeline_00000/);
  });
});
