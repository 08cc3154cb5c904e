// What the explorer's task groups rely on, against the real server: dotted task ids with their
// downstream ids from the tasks endpoint, instances per run, and (3.x) the run's DAG version.
import assert from 'node:assert/strict';
import type { AirflowClient, DagRun } from '../../src/airflow';
import {
  combinedState,
  dagStructure,
  labelInGroup,
  taskTree,
  type TaskTreeEntry,
} from '../../src/views/explorer/taskGroups';
import { connectTo, onlyTarget, uniqueRunId, waitForRun } from '../support/airflowServers';

const target = onlyTarget();

function shape(entries: TaskTreeEntry[], groupId?: string): string {
  return entries
    .map((e) => {
      if (e.kind === 'group') return `${e.label}(${shape(e.children, e.groupId)})`;
      const label = labelInGroup(e.taskId, groupId);
      return e.tis.some((t) => t.mapIndex >= 0) ? `${label}[${e.tis.length}]` : label;
    })
    .join(', ');
}

describe(`Airflow ${target.version}: task groups (vsc_groups)`, function () {
  this.timeout(400_000);
  let client: AirflowClient;
  let first: DagRun;
  let second: DagRun;

  before(async () => {
    client = await connectTo(target);
    [first, second] = await Promise.all([
      client.trigger('vsc_groups', { runId: uniqueRunId('groups1') }),
      client.trigger('vsc_groups', { runId: uniqueRunId('groups2') }),
    ]);
  });

  it('lists the tasks with their group as a dotted prefix and downstream ids that give the run order', async () => {
    const tasks = await client.listTasks('vsc_groups');
    const byId = new Map(tasks.map((t) => [t.taskId, t]));
    assert.deepEqual([...byId.keys()].sort(), [
      'extract.a_parse',
      'extract.z_fetch',
      'report',
      'start',
      'transform.a_publish',
      'transform.b_clean',
      'transform.checks.x_rows',
      'transform.checks.y_schema',
    ]);
    assert.deepEqual([...byId.get('transform.b_clean')!.downstreamTaskIds].sort(), [
      'transform.checks.x_rows',
      'transform.checks.y_schema',
    ]);
    assert.equal(byId.get('extract.a_parse')!.isMapped, true);
    const order = [...dagStructure(tasks).rank].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    assert.deepEqual(order, [
      'start',
      'extract.z_fetch',
      'extract.a_parse',
      'transform.b_clean',
      'transform.checks.x_rows',
      'transform.checks.y_schema',
      'transform.a_publish',
      'report',
    ]);
  });

  it("a finished run's instances fall into nested groups in run order, the failing group showing failed", async () => {
    const run = await waitForRun(client, 'vsc_groups', first.runId);
    assert.equal(run.state, 'failed');
    const [tis, tasks] = await Promise.all([
      client.listTaskInstances('vsc_groups', first.runId),
      client.listTasks('vsc_groups'),
    ]);
    const tree = taskTree(tis, dagStructure(tasks));
    assert.equal(
      shape(tree),
      'start, extract(z_fetch, a_parse[2]), transform(b_clean, checks(x_rows, y_schema), a_publish), report',
    );
    const [, extract, transform] = tree;
    assert.ok(extract.kind === 'group' && transform.kind === 'group');
    assert.equal(combinedState(extract.tis), 'success');
    assert.equal(combinedState(transform.tis), 'failed');
    const states = new Map(tis.map((t) => [t.taskId, t.state]));
    assert.equal(states.get('transform.checks.x_rows'), 'failed');
    assert.equal(states.get('transform.a_publish'), 'upstream_failed');
  });

  it(
    target.major === 3
      ? 'gives each run the DAG version it ran, the same for two runs of an unchanged DAG'
      : 'has no DAG versions on 2.x',
    async () => {
      const [a, b] = await Promise.all([
        client.getDagRun('vsc_groups', first.runId),
        client.getDagRun('vsc_groups', second.runId),
      ]);
      const listed = (await client.listDagRuns('vsc_groups', {}, { limit: 100 })).items.find(
        (r) => r.runId === first.runId,
      );
      if (target.major === 3) {
        assert.ok(a.dagVersion, `a run of ${target.version} names its DAG version`);
        assert.equal(b.dagVersion, a.dagVersion);
        assert.equal(listed?.dagVersion, a.dagVersion, 'the run list carries it too (the tree reads runs from there)');
      } else {
        assert.equal(a.dagVersion ?? null, null);
        assert.equal(listed?.dagVersion ?? null, null);
      }
      await waitForRun(client, 'vsc_groups', second.runId);
    },
  );
  it("lists the instances of several runs in one call (the run views' grid), each run's the same as its own list", async () => {
    await Promise.all([first, second].map((r) => waitForRun(client, 'vsc_groups', r.runId)));
    const key = (t: { runId: string; taskId: string; mapIndex: number; state: unknown; tryNumber: number }) =>
      `${t.runId} ${t.taskId} ${t.mapIndex} ${String(t.state)} ${t.tryNumber}`;
    const [both, ofFirst, ofSecond] = await Promise.all([
      client.listTaskInstancesOfRuns('vsc_groups', [first.runId, second.runId]),
      client.listTaskInstances('vsc_groups', first.runId),
      client.listTaskInstances('vsc_groups', second.runId),
    ]);
    // Other runs of vsc_groups exist (other suites trigger it): none of theirs is in the answer.
    assert.deepEqual(both.map(key).sort(), [...ofFirst, ...ofSecond].map(key).sort());
    assert.equal(ofFirst.length, 9, 'eight tasks, one of them mapped into two: nine instances a run');
    assert.deepEqual(await client.listTaskInstancesOfRuns('vsc_groups', []), [], 'no runs: no request, nothing');
  });
});
