// AirflowClient.findDags: the DAGs of open files looked up in one request where the server allows it.
import assert from 'node:assert/strict';
import { AirflowClient } from '../../../src/airflow';
import { sharedPart } from '../../../src/airflow/inputChecks';
import { FakeAirflow, fakeDag } from '../../support/fakeAirflow';
import { fakesClosedAfterEach } from '../../support/faultKit';

describe('looking up the DAGs of open files in one request', () => {
  it('shares the longest common part of the ids for a LIKE pattern', () => {
    assert.equal(sharedPart(['vsc_marker', 'vsc_mapped', 'vsc_long']), 'vsc_');
    assert.equal(sharedPart(['abc', 'xyz']), '');
  });

  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: one GET /dags for several ids; exact ids only; absent ids proven missing`, async () => {
      const fake = await FakeAirflow.start({ api });
      try {
        const dags = ['etl_a', 'etl_ab', 'etl_b'].map((id, i) => ({ ...fakeDag(i), dag_id: id }));
        fake.route('GET', `/api/${api}/dags`, (req) => {
          const pattern = req.query.get('dag_id_pattern') ?? '';
          const terms = api === 'v2' ? pattern.split('|') : [pattern];
          const items = dags.filter((d) => terms.some((t) => String(d.dag_id).includes(t)));
          return { json: { dags: items, total_entries: items.length } };
        });
        const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
        fake.resetCounts();
        const r = await client.findDags(['etl_a', 'etl_b', 'xyz']);
        assert.equal(fake.count('GET', `/api/${api}/dags`), 1);
        assert.deepEqual([...r.found.keys()].sort(), ['etl_a', 'etl_b']);
        assert.deepEqual(r.missing, ['xyz']);
        const sent =
          fake.requests
            .filter((q) => q.path === `/api/${api}/dags`)
            .pop()!
            .query.get('dag_id_pattern') ?? '';
        assert.equal(
          sent,
          api === 'v2' ? 'etl_a|etl_b|xyz' : '',
          api === 'v2' ? 'ids joined for OR' : 'nothing shared by all three: no pattern',
        );
      } finally {
        await fake.close();
      }
    });
  }

  it('does not call an id missing when the lookup stops at the most items read at once', async () => {
    const fake = await FakeAirflow.start({ api: 'v1' });
    try {
      // 5,000 DAGs match every pattern, none of them the ones asked for.
      fake.route('GET', '/api/v1/dags', (req) => {
        const offset = Number(req.query.get('offset') ?? 0);
        const limit = Number(req.query.get('limit') ?? 100);
        return {
          json: {
            dags: Array.from({ length: limit }, (_, i) => ({ ...fakeDag(0), dag_id: `other_${offset + i}` })),
            total_entries: 5000,
          },
        };
      });
      const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' }, maxListItems: 150 });
      fake.resetCounts();
      const r = await client.findDags(['x1', 'y2']);
      assert.deepEqual(r.missing, []);
      assert.deepEqual(r.unsettled.sort(), ['x1', 'y2']);
      assert.equal(
        fake.count('GET', '/api/v1/dags'),
        5,
        'one page for both, then two pages per id up to the cap of 150',
      );
    } finally {
      await fake.close();
    }
  });
});

/** Airflow's `dag_id_pattern`: a case-insensitive "contains" LIKE (`_` any one character, `%` any run); v2 also splits on `|`. */
function likeContains(pattern: string, id: string): boolean {
  const re = pattern
    .replace(/[.*+?^${}()[\]\\|-]/g, '\\$&')
    .replace(/_/g, '.')
    .replace(/%/g, '.*');
  return new RegExp(re, 'i').test(id);
}

/** A fake Airflow holding `ids`, answering GET /dags with paging, `order_by=dag_id` and the pattern as the real one does. */
async function deployment(
  start: typeof FakeAirflow.start,
  api: 'v1' | 'v2',
  ids: string[],
  { orSyntax = api === 'v2' } = {},
): Promise<FakeAirflow> {
  const fake = await start({ api });
  const dags = [...ids].sort().map((id, i) => ({ ...fakeDag(i), dag_id: id }));
  fake.route('GET', `/api/${api}/dags`, (req) => {
    const pattern = req.query.get('dag_id_pattern') ?? '';
    // orSyntax false: a 3.x server that reads `|` as itself (Airflow 3.1.8).
    const terms = orSyntax ? pattern.split('|').map((t) => t.trim()) : [pattern];
    const matches = dags.filter((d) => terms.some((t) => likeContains(t, String(d.dag_id))));
    const offset = Number(req.query.get('offset') ?? 0);
    const limit = Math.min(100, Number(req.query.get('limit') ?? 100));
    return { json: { dags: matches.slice(offset, offset + limit), total_entries: matches.length } };
  });
  return fake;
}

describe('looking up the DAGs of a file in a deployment of hundreds whose ids share a prefix', () => {
  // 308 DAGs share "acme_probe": 300 of a fleet and 6 more sort between the file's two ids.
  const fleet = Array.from({ length: 300 }, (_, i) => `acme_probe_${String(i).padStart(3, '0')}`);
  const deployed = [
    ...fleet,
    ...Array.from({ length: 6 }, (_, i) => `acme_probe_zz${i}`),
    'acme_probe_ok',
    'acme.probe-odd',
  ];
  const dagRequests = (fake: FakeAirflow, api: string) =>
    fake.requests
      .filter((q) => q.method === 'GET' && q.path === `/api/${api}/dags`)
      .map((q) => `${q.query.get('dag_id_pattern')}@${q.query.get('offset')}`);
  const startFake = fakesClosedAfterEach();
  /** A client of a fake deployment of `deployed`, its request counts reset after connecting. */
  const connectTo = async (api: 'v1' | 'v2', opts?: { orSyntax?: boolean }) => {
    const fake = await deployment(startFake, api, deployed, opts);
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    fake.resetCounts();
    return { fake, client };
  };

  it("likeContains matches as Airflow's LIKE does", () => {
    assert.equal(likeContains('acme_probe_ok', 'ACME.PROBE-OK'), true, '_ is any one character, case-insensitive');
    assert.equal(likeContains('probe', 'acme_probe_000'), true);
    assert.equal(likeContains('acme.probe', 'acme_probe_ok'), false, '. is itself');
  });

  it('v1: finds both ids; the one past the first page by its own id, in 2 requests', async () => {
    const { fake, client } = await connectTo('v1');
    const r = await client.findDags(['acme_probe_ok', 'acme.probe-odd']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme.probe-odd', 'acme_probe_ok']);
    assert.deepEqual(r.missing, []);
    assert.deepEqual(r.unsettled, []);
    // The shared part "probe" matches 308: page 1 holds acme.probe-odd; 3 more pages would be needed, 1 id is left.
    assert.deepEqual(dagRequests(fake, 'v1'), ['probe@0', 'acme_probe_ok@0']);
    assert.equal(fake.count('GET', '/api/v1/dags'), 2);
  });

  it("v1: reads the shared pattern's further pages when that costs no more than one request per id left", async () => {
    const { fake, client } = await connectTo('v1');
    const r = await client.findDags(['acme_probe_ok', 'acme_probe_zz0', 'acme_probe_zz1']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme_probe_ok', 'acme_probe_zz0', 'acme_probe_zz1']);
    // "acme_probe_" matches all 308 ("_" is any character): 3 pages left, 3 ids left: the pages.
    assert.deepEqual(dagRequests(fake, 'v1'), [
      'acme_probe_@0',
      'acme_probe_@100',
      'acme_probe_@200',
      'acme_probe_@300',
    ]);
    assert.equal(fake.count('GET', '/api/v1/dags'), 4);
  });

  it('v1: proves an id absent by its own pattern, beside one found', async () => {
    const { fake, client } = await connectTo('v1');
    const r = await client.findDags(['acme_probe_ok', 'acme_probe_gone']);
    assert.deepEqual([...r.found.keys()], ['acme_probe_ok']);
    assert.deepEqual(r.missing, ['acme_probe_gone']);
    assert.deepEqual(r.unsettled, []);
    assert.equal(fake.count('GET', '/api/v1/dags'), 3, "the shared pattern's first page, then one per id");
  });

  it('v2 on a server that reads "|" as itself (Airflow 3.1.8): the shared part asks again, and both are found', async () => {
    const { fake, client } = await connectTo('v2', { orSyntax: false });
    const r = await client.findDags(['acme_probe_ok', 'acme.probe-odd']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme.probe-odd', 'acme_probe_ok']);
    assert.deepEqual(r.missing, []);
    assert.deepEqual(r.unsettled, []);
    assert.deepEqual(dagRequests(fake, 'v2'), ['acme.probe-odd|acme_probe_ok@0', 'probe@0', 'acme_probe_ok@0']);
  });

  it('v2: one request, the ids joined for OR', async () => {
    const { fake, client } = await connectTo('v2');
    const r = await client.findDags(['acme_probe_ok', 'acme.probe-odd']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme.probe-odd', 'acme_probe_ok']);
    assert.deepEqual(dagRequests(fake, 'v2'), ['acme.probe-odd|acme_probe_ok@0']);
    assert.equal(fake.count('GET', '/api/v2/dags'), 1);
  });
});
