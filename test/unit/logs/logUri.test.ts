// The airflow-log: URIs of log tabs: the ids round-trip, the title, the path.
import assert from 'node:assert/strict';
import { decodeLogUri, encodeLogUri, logTitle, shortRunId, type LogRef } from '../../../src/logs/logUri';

const ref: LogRef = {
  profileId: 'prod-1',
  dagId: 'team/etl daily%',
  runId: 'manual__2026-11-23T10:00:00+00:00',
  taskId: 'transform',
  mapIndex: 2,
  tryNumber: 3,
};

describe('log URIs', () => {
  it('round-trips DAG ids with / spaces and %, run ids with + and :', () => {
    const parts = encodeLogUri(ref);
    assert.deepEqual(decodeLogUri(parts), ref);
    // Through the encoding a URI applies to its query and back.
    assert.deepEqual(decodeLogUri({ query: decodeURIComponent(encodeURIComponent(parts.query)) }), ref);
  });

  it('keeps ids that look like encodings as they are', () => {
    const odd = { ...ref, dagId: 'a%2Fb+c', runId: 'r=1&x=2#3?', taskId: 'grp.task', mapIndex: -1, tryNumber: 0 };
    assert.deepEqual(decodeLogUri(encodeLogUri(odd)), odd);
  });

  it('titles the tab like "transform [2] try 3 · scheduled__2026-11-23T00:00.log"', () => {
    assert.equal(
      logTitle({ ...ref, runId: 'scheduled__2026-11-23T00:00:00+00:00' }),
      'transform [2] try 3 · scheduled__2026-11-23T00:00.log',
    );
    assert.equal(logTitle({ ...ref, mapIndex: -1, tryNumber: 1, runId: 'my run' }), 'transform try 1 · my run.log');
    assert.equal(shortRunId('manual__2026-11-23T10:00:05.123456+00:00'), 'manual__2026-11-23T10:00');
  });

  it('puts no slash of an id into the path (no fake folders), only the DAG folder and the title', () => {
    const { path } = encodeLogUri({ ...ref, runId: 'a/b' });
    assert.equal(path.split('/').length, 3, path);
    assert.ok(path.endsWith('.log'));
  });

  it('refuses incomplete or malformed queries', () => {
    assert.equal(decodeLogUri({ query: 'dag=x&run=y&task=z&try=1' }), undefined);
    assert.equal(decodeLogUri({ query: encodeLogUri(ref).query.replace('try=3', 'try=x') }), undefined);
  });
});
