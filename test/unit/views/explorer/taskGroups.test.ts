// A run's rows: task groups nested as the DAG nests them, in run order, with their combined state.
import assert from 'node:assert/strict';
import type { TaskInstance, TaskState } from '../../../../src/airflow';
import {
  combinedState,
  dagStructure,
  groupPath,
  labelInGroup,
  stateCounts,
  taskTree,
  type TaskTreeEntry,
} from '../../../../src/views/explorer/taskGroups';
import { task } from './tasks';

function ti(
  taskId: string,
  state: TaskState = 'success',
  mapIndex = -1,
  priorityWeight: number | null = null,
): TaskInstance {
  return {
    dagId: 'd',
    runId: 'r',
    taskId,
    displayName: taskId,
    mapIndex,
    renderedMapIndex: null,
    tryNumber: 1,
    maxTries: 0,
    state,
    queuedAt: null,
    startDate: null,
    endDate: null,
    duration: null,
    operator: null,
    hostname: null,
    pool: null,
    queue: null,
    note: null,
    priorityWeight,
  };
}

/** The tree as text: `group(child, child)`, mapped tasks as `task[n]`. */
function shape(entries: TaskTreeEntry[], groupId?: string): string {
  return entries
    .map((e) => {
      if (e.kind === 'group') return `${e.label}(${shape(e.children, e.groupId)})`;
      const label = labelInGroup(e.taskId, groupId);
      return e.tis.length > 1 || e.tis[0].mapIndex >= 0 ? `${label}[${e.tis.length}]` : label;
    })
    .join(', ');
}

// Airflow's own example_task_group, as its tasks endpoint lists it (by id).
const EXAMPLE_TASK_GROUP = [
  task('end'),
  task('section_1.task_1', ['section_1.task_2', 'section_1.task_3']),
  task('section_1.task_2', [
    'section_2.task_1',
    'section_2.inner_section_2.task_2',
    'section_2.inner_section_2.task_3',
  ]),
  task('section_1.task_3', [
    'section_2.task_1',
    'section_2.inner_section_2.task_2',
    'section_2.inner_section_2.task_3',
  ]),
  task('section_2.inner_section_2.task_2', ['section_2.inner_section_2.task_4']),
  task('section_2.inner_section_2.task_3', ['section_2.inner_section_2.task_4']),
  task('section_2.inner_section_2.task_4', ['end']),
  task('section_2.task_1', ['end']),
  task('start', ['section_1.task_1']),
];

describe('task groups of a run', () => {
  it('nests groups as the dotted ids do, each level in run order (not the priority-weight order the issue saw)', () => {
    // The instances arrive in the server's order, which is not the run order.
    const ids = [
      'start',
      'section_1.task_1',
      'section_1.task_3',
      'section_1.task_2',
      'section_2.inner_section_2.task_3',
      'section_2.task_1',
      'section_2.inner_section_2.task_2',
      'section_2.inner_section_2.task_4',
      'end',
    ];
    const tree = taskTree(
      ids.map((id) => ti(id)),
      dagStructure(EXAMPLE_TASK_GROUP),
    );
    assert.equal(
      shape(tree),
      'start, section_1(task_1, task_2, task_3), section_2(inner_section_2(task_2, task_3, task_4), task_1), end',
    );
    const section2 = tree[2];
    assert.ok(section2.kind === 'group' && section2.groupId === 'section_2');
    const inner = section2.children[0];
    assert.ok(
      inner.kind === 'group' && inner.groupId === 'section_2.inner_section_2' && inner.label === 'inner_section_2',
    );
    assert.equal(section2.tis.length, 4, 'a group holds every instance under it, subgroups included');
  });

  it('puts siblings in the order they run when their ids sort the other way, and a group after what it waits for', () => {
    const tasks = [
      task('load', []),
      task('prepare.a_clean', ['prepare.check.b_verify']),
      task('prepare.check.b_verify', ['load']),
      task('prepare.z_fetch', ['prepare.a_clean']),
      task('aa_report', []),
      task('setup', ['prepare.z_fetch']),
      task('load_more', ['aa_report']),
      task('load_group.x', ['load_more']),
    ];
    tasks[0].downstreamTaskIds.push('load_group.x');
    const tree = taskTree(
      tasks.map((t) => ti(t.taskId)),
      dagStructure(tasks),
    );
    assert.equal(
      shape(tree),
      'setup, prepare(z_fetch, a_clean, check(b_verify)), load, load_group(x), load_more, aa_report',
    );
  });

  it("keeps a mapped task's expansions together, in map-index order, inside its group", () => {
    const tasks = [task('grp.make', ['grp.process']), task('grp.process', ['grp.sum']), task('grp.sum')];
    const tis = [
      ti('grp.process', 'success', 2),
      ti('grp.sum', null),
      ti('grp.process', 'failed', 0),
      ti('grp.make'),
      ti('grp.process', 'running', 1),
    ];
    const [grp] = taskTree(tis, dagStructure(tasks));
    assert.ok(grp.kind === 'group');
    assert.equal(shape(grp.children, 'grp'), 'make, process[3], sum');
    const process = grp.children[1];
    assert.deepEqual(
      process.tis.map((t) => t.mapIndex),
      [0, 1, 2],
    );
    assert.equal(combinedState(grp.tis), 'failed');
  });

  it('lists a task the structure does not know (removed from the DAG) last in its group', () => {
    const tasks = [task('g.b', ['g.c']), task('g.c')];
    const [g] = taskTree([ti('g.a', 'removed'), ti('g.c'), ti('g.b')], dagStructure(tasks));
    assert.ok(g.kind === 'group');
    assert.equal(shape(g.children, 'g'), 'b, c, a');
  });

  it('without a structure, orders by priority weight (higher runs first), still grouped', () => {
    const tree = taskTree(
      [ti('g.second', 'success', -1, 1), ti('first', 'success', -1, 3), ti('g.first', 'success', -1, 2)],
      undefined,
    );
    assert.equal(shape(tree), 'first, g(first, second)');
  });

  it('breaks a cycle between a group and a task instead of dropping rows', () => {
    // g.x -> a -> g.y: group g waits for a and a for g.
    const tasks = [task('g.x', ['a']), task('a', ['g.y']), task('g.y')];
    const tree = taskTree(
      tasks.map((t) => ti(t.taskId)),
      dagStructure(tasks),
    );
    assert.equal(shape(tree), 'g(x, y), a');
  });

  it('reads groups from dotted ids only where every segment is a name', () => {
    assert.deepEqual(groupPath('a.b.task'), ['a', 'a.b']);
    assert.deepEqual(groupPath('task'), []);
    assert.deepEqual(groupPath('a..b'), []);
    assert.deepEqual(groupPath('.a'), []);
    assert.equal(labelInGroup('a.b.task', 'a.b'), 'task');
    assert.equal(labelInGroup('Custom name', 'a.b'), 'Custom name');
    assert.equal(labelInGroup('a.b.', 'a.b'), 'a.b.');
  });
});

describe('combined state of a group', () => {
  const of = (...states: TaskState[]) => combinedState(states.map((s) => ({ state: s })));

  it("shows the worst state, in the Airflow UI's precedence", () => {
    assert.equal(of('success', 'failed', 'running'), 'failed');
    assert.equal(of('success', 'upstream_failed', 'up_for_retry'), 'upstream_failed');
    assert.equal(of('success', 'up_for_retry', 'running'), 'up_for_retry');
    assert.equal(of('queued', 'running', 'success'), 'running');
    assert.equal(of('deferred', 'awaiting_input', 'queued'), 'deferred');
    assert.equal(of('awaiting_input', 'queued', 'success'), 'awaiting_input');
    assert.equal(of('success', null), null, 'a task not yet run outranks success, as in Airflow');
    assert.equal(of('skipped', 'success'), 'success');
    assert.equal(of('skipped', 'removed'), 'skipped');
    assert.equal(of(), null);
    assert.equal(combinedState([{ state: 'none' }, { state: 'success' }]), null, 'v1\'s "none" is no status');
  });

  it('counts instances per state, worst first', () => {
    const counts = stateCounts(
      (['success', 'failed', 'success', null, 'running'] as TaskState[]).map((state) => ({ state })),
    );
    assert.deepEqual(counts, [
      ['failed', 1],
      ['running', 1],
      [null, 1],
      ['success', 2],
    ]);
  });
});
