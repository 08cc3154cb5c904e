// Issue 17 in plain node: the request trace, a line per attempt and never a header, token or query value.
import assert from 'node:assert/strict';
import { formatTrace, type RequestTrace } from '../../../src/airflow/trace';
import { AUTH, connect, fakesClosedAfterEach, SECRET } from '../../support/faultKit';

describe('request trace', () => {
  const startFake = fakesClosedAfterEach();

  it('has a line per attempt with method, path, status and time; never a header, token or query value', async () => {
    const fake = await startFake();
    fake.serveDags(3);
    fake.script('GET', '/api/v2/dags', { status: 503, json: { detail: 'busy' } });
    const traces: RequestTrace[] = [];
    const client = await connect(fake, AUTH.bearer, { trace: (t) => traces.push(t) });
    await client.listDags({ idPattern: `pattern-${SECRET}` }, { limit: 2 });
    const lines = traces.map(formatTrace);
    assert.match(lines[0], /^GET \/api\/v2\/version 200 \d+ ms$/);
    assert.match(lines[1], /^GET \/api\/v2\/dags\?limit=…&offset=…(&\w+=…)* 503 \d+ ms$/);
    assert.match(lines[2], /^GET \/api\/v2\/dags\?.* 200 \d+ ms$/, 'the retry has its own line');
    assert.ok(!lines.join('\n').includes(SECRET), `a secret in the trace: ${lines.join(' / ')}`);
    assert.ok(lines.join('\n').includes('dag_id_pattern=…'), 'query names are kept');
  });

  it('names the error of a request that got no answer', () => {
    assert.equal(
      formatTrace({ method: 'GET', path: '/api/v2/version', queryNames: [], error: 'ECONNREFUSED', durationMs: 1.4 }),
      'GET /api/v2/version failed (ECONNREFUSED) 1 ms',
    );
  });
});
