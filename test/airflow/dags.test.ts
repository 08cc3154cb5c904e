import assert from 'node:assert/strict';
import { NotFoundError } from '../../src/airflow';
import { connectTo, onlyTarget, TEST_DAG_IDS } from '../support/airflowServers';

const target = onlyTarget();

/** The generated DAGs each test server holds beside test/dags (scripts/airflow/fleet.mjs): their ids start "vsc_zz". */
const FLEET_DAGS = 302;
const isFleet = (id: string) => id.startsWith('vsc_zz');

describe(`Airflow ${target.version}: DAGs`, () => {
  it('lists the test DAGs with their tags, beside the hundreds generated', async () => {
    const client = await connectTo(target);
    const dags = await client.listAllDags();
    const ids = dags.map((d) => d.dagId).filter((id) => id.startsWith('vsc_') && !isFleet(id));
    assert.deepEqual(ids.sort(), TEST_DAG_IDS);
    assert.equal(dags.filter((d) => isFleet(d.dagId)).length, FLEET_DAGS);
    const mapped = dags.find((d) => d.dagId === 'vsc_mapped')!;
    assert.ok(mapped.tags.includes('mapped') && mapped.tags.includes('vsc-test'));
    assert.ok(mapped.fileLocation?.endsWith('vsc_mapped.py'));
  });

  it('filters on the server by id pattern, tag and paused state', async () => {
    const client = await connectTo(target);
    const byPattern = await client.listAllDags({ idPattern: 'vsc_ma' });
    assert.deepEqual(byPattern.map((d) => d.dagId).sort(), ['vsc_mapped', 'vsc_marker']);
    const byTag = await client.listAllDags({ tags: ['slow'] });
    assert.deepEqual(
      byTag.map((d) => d.dagId),
      ['vsc_long'],
    );
    const paused = await client.listAllDags({ paused: true, idPattern: 'vsc_' });
    assert.ok(paused.every((d) => d.isPaused));
  });

  it('pages within the server cap and walks all pages', async () => {
    const client = await connectTo(target, { pageSize: 2 });
    const first = await client.listDags({ idPattern: 'vsc_' }, { limit: 2 });
    assert.equal(first.items.length, 2);
    assert.equal(first.total, TEST_DAG_IDS.length + FLEET_DAGS);
    const second = await client.listDags({ idPattern: 'vsc_' }, { limit: 2, offset: 2 });
    assert.notDeepEqual(
      second.items.map((d) => d.dagId),
      first.items.map((d) => d.dagId),
    );
    // 310 in pages of the server's cap, 100: four pages, each DAG once.
    const all = await (await connectTo(target)).listAllDags({ idPattern: 'vsc_' });
    assert.equal(new Set(all.map((d) => d.dagId)).size, TEST_DAG_IDS.length + FLEET_DAGS);
    assert.deepEqual(
      all
        .map((d) => d.dagId)
        .filter((id) => !isFleet(id))
        .sort(),
      TEST_DAG_IDS,
    );
  });

  it('finds the DAGs of a file whose ids share a prefix with 300 others, past the first page', async () => {
    const client = await connectTo(target);
    const r = await client.findDags(['vsc_zz_fleet_ok', 'vsc_zz_zulu.odd-1', 'vsc_zz_absent']);
    assert.deepEqual([...r.found.keys()].sort(), ['vsc_zz_fleet_ok', 'vsc_zz_zulu.odd-1']);
    assert.deepEqual(r.missing, ['vsc_zz_absent']);
    assert.deepEqual(r.unsettled, []);
  });

  it('reads DAG details with params', async () => {
    const details = await (await connectTo(target)).dagDetails('vsc_params');
    assert.ok('name' in details.params && 'count' in details.params, JSON.stringify(details.params));
    assert.equal(details.catchup, false);
  });

  it('lists the tasks of a DAG, upstream first, with the mapped one marked', async () => {
    const tasks = await (await connectTo(target)).listTasks('vsc_mapped');
    const byId = new Map(tasks.map((t) => [t.taskId, t]));
    assert.deepEqual([...byId.keys()].sort(), ['make_items', 'process', 'summarize']);
    assert.equal(byId.get('process')!.isMapped, true);
    assert.deepEqual(byId.get('make_items')!.downstreamTaskIds, ['process']);
  });

  it('pauses and unpauses one DAG and several by pattern', async () => {
    const client = await connectTo(target);
    assert.equal((await client.setPaused('vsc_params', true)).isPaused, true);
    assert.equal((await client.dagDetails('vsc_params')).isPaused, true);
    assert.equal((await client.setPaused('vsc_params', false)).isPaused, false);
    const paused = await client.setPausedMany({ idPattern: 'vsc_para' }, true);
    assert.deepEqual(
      paused.map((d) => [d.dagId, d.isPaused]),
      [['vsc_params', true]],
    );
    const unpaused = await client.setPausedMany({ dagIds: ['vsc_params'] }, false);
    assert.deepEqual(
      unpaused.map((d) => [d.dagId, d.isPaused]),
      [['vsc_params', false]],
    );
  });

  it('reads DAG source', async () => {
    const client = await connectTo(target);
    const dag = (await client.listDags({ idPattern: 'vsc_marker' })).items[0];
    const source = await client.dagSource(dag);
    assert.match(source, /VSC_MARKER run_id=/);
  });

  it('lists import errors with the broken test DAG file', async () => {
    const errors = await (await connectTo(target)).listImportErrors();
    const broken = errors.find((e) => e.filename.endsWith('broken_dag.py'));
    assert.ok(broken, `import errors: ${errors.map((e) => e.filename).join(', ')}`);
    assert.match(broken.stackTrace, /this_module_does_not_exist/);
  });

  it('says which DAG was not found, with an id that needs escaping', async () => {
    const err = await (await connectTo(target)).dagDetails('no such/dag%').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof NotFoundError, String(err));
    assert.match(err.message, /no such\/dag%/);
  });
});
