// An endpoint a server's version does not have yet gets a message naming the version, not a 404.
import assert from 'node:assert/strict';
import { AirflowClient, UnsupportedError } from '../../../src/airflow';
import { olderThan } from '../../../src/airflow/versionGaps';
import { FakeAirflow } from '../../support/fakeAirflow';

const REF = { dagId: 'vsc_retry_fail', runId: 'manual__2026-11-25T10:00:00+00:00', taskId: 'flaky', mapIndex: -1 };
const TRIES = `/api/v1/dags/${REF.dagId}/dagRuns/${encodeURIComponent(REF.runId)}/taskInstances/${REF.taskId}/tries`;

async function v1Server(version: string): Promise<FakeAirflow> {
  const fake = await FakeAirflow.start({ api: 'v1' });
  fake.route('GET', '/api/v1/version', () => ({ json: { version, git_version: null } }));
  // What 2.9.3 answers for a path it does not know.
  fake.route('GET', TRIES, () => ({
    status: 404,
    json: {
      title: 'Not Found',
      status: 404,
      type: 'about:blank',
      detail: 'The requested URL was not found on the server.',
    },
  }));
  return fake;
}

describe('features a server version lacks', () => {
  it("Airflow 2.9.3: listing a task's tries says which version lacks it, without sending the request", async () => {
    const fake = await v1Server('2.9.3');
    try {
      const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
      assert.equal(client.features.taskTries, false);
      const err = await client.listTries(REF).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof UnsupportedError, `expected UnsupportedError, got ${String(err)}`);
      assert.equal(err.kind, 'unsupported');
      assert.match(
        err.message,
        /^Airflow 2\.9\.3 cannot list the tries of a task: its REST API has that from Airflow 2\.10 on\./,
      );
      assert.equal(fake.count('GET', TRIES), 0, 'no request the server would answer with 404');
    } finally {
      await fake.close();
    }
  });

  it('Airflow 2.10.5 and 3.x: tries are asked for', async () => {
    const fake = await v1Server('2.10.5');
    try {
      const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
      assert.equal(client.features.taskTries, true);
      await client.listTries(REF).catch(() => undefined);
      assert.equal(fake.count('GET', TRIES), 1);
    } finally {
      await fake.close();
    }
  });

  it('compares versions by their numbers, ignoring suffixes of managed builds', () => {
    assert.equal(olderThan('2.9.3', '2.10.0'), true);
    assert.equal(olderThan('2.9.3+composer', '2.10.0'), true);
    assert.equal(olderThan('2.10.0', '2.10.0'), false);
    assert.equal(olderThan('2.10.5', '2.10.0'), false);
    assert.equal(olderThan('2.11.0rc1', '2.10.0'), false);
    assert.equal(olderThan('not-a-version', '2.10.0'), false, 'an unreadable version is taken as new enough');
  });
});
