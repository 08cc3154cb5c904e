// What the client refuses before sending anything: ids it cannot put in a URL path, a conf that is not an object.
import assert from 'node:assert/strict';
import { AirflowClient, InvalidInputError } from '../../../src/airflow';
import { parseConf, validateConf } from '../../../src/airflow/inputChecks';
import { FakeAirflow } from '../../support/fakeAirflow';

// Ids go into URL paths as one segment each: "." and ".." would be resolved away by URL parsing
// (DELETE /dags/etl/dagRuns/.. is DELETE /dags/etl), so the client refuses them before any request.
describe('ids that cannot be sent safely in a URL path', () => {
  let fake: FakeAirflow;
  let client: AirflowClient;

  before(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
  });
  after(() => fake.close());
  beforeEach(() => fake.resetCounts());

  const cases: Array<[string, (c: AirflowClient, id: string) => Promise<unknown>]> = [
    ['deleteDagRun (run id)', (c, id) => c.deleteDagRun('etl', id)],
    ['deleteDagRun (DAG id)', (c, id) => c.deleteDagRun(id, 'run1')],
    ['setPaused', (c, id) => c.setPaused(id, true)],
    ['trigger', (c, id) => c.trigger(id)],
    ['clearDagRun', (c, id) => c.clearDagRun('etl', id)],
    ['setDagRunState', (c, id) => c.setDagRunState('etl', id, 'failed')],
    ['clearTaskInstances', (c, id) => c.clearTaskInstances('etl', { runId: id })],
    [
      'setTaskInstanceState (task id)',
      (c, id) => c.setTaskInstanceState({ dagId: 'etl', runId: 'r', taskId: id }, 'success'),
    ],
  ];
  for (const [name, call] of cases) {
    for (const id of ['', '.', '..']) {
      it(`${name} refuses ${JSON.stringify(id)} and sends nothing`, async () => {
        await assert.rejects(async () => call(client, id), InvalidInputError);
        assert.deepEqual(
          fake.requests.map((r) => `${r.method} ${r.path}`),
          [],
        );
      });
    }
  }

  it('an id holding dots and slashes stays one path segment', async () => {
    fake.route('DELETE', '/api/v2/dags/etl/dagRuns/a%2F..%2Fb', () => ({ status: 204 }));
    await client.deleteDagRun('etl', 'a/../b');
    assert.equal(fake.count('DELETE', '/api/v2/dags/etl/dagRuns/a%2F..%2Fb'), 1);
  });
});

describe('conf validation', () => {
  it('accepts a JSON object and empty input', () => {
    assert.deepEqual(parseConf('{"a": 1}'), { a: 1 });
    assert.deepEqual(parseConf('  '), {});
  });

  it('rejects arrays, scalars and broken JSON with a clear message', () => {
    assert.throws(
      () => parseConf('[1,2]'),
      (e: Error) => e instanceof InvalidInputError && /JSON object/.test(e.message) && /array/.test(e.message),
    );
    assert.throws(
      () => parseConf('42'),
      (e: Error) => e instanceof InvalidInputError && /number/.test(e.message),
    );
    assert.throws(
      () => parseConf('{"a": }'),
      (e: Error) => e instanceof InvalidInputError && /not valid JSON/.test(e.message),
    );
    assert.throws(() => validateConf(null), InvalidInputError);
  });
});
