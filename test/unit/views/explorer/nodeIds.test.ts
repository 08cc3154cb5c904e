// Node ids of the explorer: each is built in one place, and the profile and DAG read back from any of them.
import assert from 'node:assert/strict';
import { isOfProfile, nodeIds, parseNodeId, profileOfNodeId } from '../../../../src/views/explorer/nodeIds';

describe('explorer node ids', () => {
  it('keeps the shapes the tree, the commands and the tests match', () => {
    const run = nodeIds.run('prof', { dagId: 'etl', runId: 'r1' });
    assert.equal(nodeIds.dag('prof', 'etl'), 'prof/dag/etl');
    assert.equal(run, 'prof/dag/etl/run/r1');
    assert.equal(nodeIds.task(run, 'load'), 'prof/dag/etl/run/r1/task/load');
    assert.equal(nodeIds.group(run, 'g.inner'), 'prof/dag/etl/run/r1/group/g.inner');
    assert.equal(nodeIds.mapIndex(nodeIds.task(run, 'm'), 3), 'prof/dag/etl/run/r1/task/m/3');
    assert.equal(nodeIds.try(nodeIds.task(run, 't'), 2), 'prof/dag/etl/run/r1/task/t/try/2');
    assert.equal(nodeIds.triesUnsupported(nodeIds.task(run, 't')), 'prof/dag/etl/run/r1/task/t/tries/unsupported');
    assert.equal(nodeIds.importErrors('prof'), 'prof/importErrors');
    assert.equal(nodeIds.importError('prof', 7), 'prof/importError/7');
    assert.equal(nodeIds.moreDags('prof'), 'prof/dags/more');
    assert.equal(nodeIds.error(nodeIds.moreDags('prof')), 'prof/dags/more/error');
    assert.equal(nodeIds.more(nodeIds.dag('prof', 'etl')), 'prof/dag/etl/more');
    assert.equal(nodeIds.empty('prof'), 'prof/empty');
    assert.equal(nodeIds.error(run), 'prof/dag/etl/run/r1/error');
    assert.equal(nodeIds.pickProfile(), 'none/pick');
  });

  it('reads back the profile and the DAG of every node built under them, whatever the run id holds', () => {
    const profileId = 'local-3';
    for (const dagId of ['etl', 'my.dag-v2_x', 'dag']) {
      for (const runId of ['manual__2024-01-01T00:00:00+00:00', 'a/b/c', 'x/dag/other', '/run/', 'späť ✓ %2F']) {
        const dag = nodeIds.dag(profileId, dagId);
        const run = nodeIds.run(profileId, { dagId, runId });
        const task = nodeIds.task(run, 'group.task');
        const ids = [
          dag,
          nodeIds.more(dag),
          nodeIds.empty(dag),
          nodeIds.error(dag),
          run,
          task,
          nodeIds.group(run, 'group'),
          nodeIds.mapIndex(task, 0),
          nodeIds.try(task, 1),
          nodeIds.triesUnsupported(task),
        ];
        for (const id of ids) {
          assert.deepEqual(parseNodeId(id), { profileId, dagId }, id);
          assert.equal(profileOfNodeId(id), profileId, id);
          assert.ok(isOfProfile(id, profileId), id);
          assert.ok(!isOfProfile(id, 'local'), id);
          assert.ok(!isOfProfile(id, undefined), id);
        }
      }
    }
  });

  it('reads back the profile alone from the rows that belong to no DAG', () => {
    for (const id of [
      nodeIds.importErrors('p'),
      nodeIds.importError('p', 1),
      nodeIds.moreDags('p'),
      nodeIds.error(nodeIds.moreDags('p')),
      nodeIds.empty('p'),
      nodeIds.error('p'),
    ])
      assert.deepEqual(parseNodeId(id), { profileId: 'p' }, id);
  });
});
