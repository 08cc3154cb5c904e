// The deployed sources of DAG files: read once per server file token, noting when the server's text changed.
import assert from 'node:assert/strict';
import { AirflowClient } from '../../../src/airflow';
import { ServerSources } from '../../../src/dagFiles/serverSources';

describe('deployed sources', () => {
  it("are read once per server file token, and remember when the server's text changed", async () => {
    let text = 'v1';
    let reads = 0;
    const client = { dagSource: async () => (reads++, text) } as unknown as AirflowClient;
    const dag = { ...({} as import('../../../src/airflow').Dag), dagId: 'd', fileLocation: 'd.py', fileToken: 't1' };
    const sources = new ServerSources();
    assert.equal(sources.has('p', dag), false);
    assert.deepEqual(
      await sources.read(client, 'p', dag, () => 100),
      { text: 'v1', changedAt: undefined },
      'a first read has seen no change',
    );
    assert.equal(sources.has('p', dag), true);
    assert.equal(sources.has('p', { ...dag, fileToken: 't2' }), false, 'another file token is another source');
    text = 'v2';
    assert.deepEqual(await sources.read(client, 'p', dag, () => 200), { text: 'v2', changedAt: 200 });
    assert.deepEqual(
      await sources.read(client, 'p', dag, () => 300),
      { text: 'v2', changedAt: 200 },
      'unchanged since: still the time it changed',
    );
    sources.forget('p', dag);
    assert.equal(sources.get('p', dag), undefined);
    assert.equal(reads, 3);
  });
});
