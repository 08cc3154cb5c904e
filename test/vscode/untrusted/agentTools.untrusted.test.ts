// The language-model tools in a workspace that is not trusted: the reading tools answer, the ones
// that change Airflow are off (not offered, and refused if called anyway), and no answer holds the
// connection's secret.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FakeAirflow, fakeDag } from '../../support/fakeAirflow';
import { hooks } from '../support/airflow';

const CHANGING = ['airflow_trigger', 'airflow_setPaused', 'airflow_clear', 'airflow_mark'];

interface Lm {
  tools: ReadonlyArray<{ name: string }>;
  invokeTool(
    name: string,
    options: { input: object; toolInvocationToken: undefined },
  ): Thenable<{ content: unknown[] }>;
}
const lm = () => (vscode as unknown as { lm: Lm }).lm;
const text = (r: { content: unknown[] }) => r.content.map((p) => (p as { value?: string }).value ?? '').join('');

describe('language-model tools (untrusted workspace)', function () {
  this.timeout(60_000);

  it('answer with the reading tools, keep the changing ones off, and never show the secret', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this suite must run in an untrusted workspace');
    const fake = await FakeAirflow.start({ api: 'v2' });
    const token = `tok-${Math.random().toString(36).slice(2)}-secret`;
    fake.route('GET', '/api/v2/monitor/health', () => ({
      json: {
        metadatabase: { status: 'healthy' },
        scheduler: { status: 'healthy', latest_scheduler_heartbeat: new Date().toISOString() },
      },
    }));
    fake.route('GET', '/api/v2/dags/etl/details', () => ({
      json: { ...fakeDag(1), dag_id: 'etl', is_paused: false, params: {} },
    }));
    const h = await hooks();
    const id = 'agent-untrusted';
    try {
      await h.store.save({ id, name: id, url: fake.url, auth: 'bearer' }, token);
      const listed = new Set(lm().tools.map((t) => t.name));
      assert.ok(listed.has('airflow_health'), 'the reading tools are offered');
      for (const name of CHANGING) assert.ok(!listed.has(name), `${name} is not offered here`);

      const health = text(
        await lm().invokeTool('airflow_health', { input: { connection: id }, toolInvocationToken: undefined }),
      );
      assert.match(health, /^Connection "agent-untrusted" \(Airflow 3\.1\.0\)\./);
      assert.match(health, /- scheduler: healthy/);
      assert.ok(
        fake.requests.some((r) => r.headers.authorization === `Bearer ${token}`),
        'the token was sent to its server',
      );
      assert.ok(!health.includes(token), 'the answer holds no secret');

      fake.resetCounts();
      // Called anyway (by name): refused, and nothing reaches the server.
      const refused = await Promise.resolve(
        lm().invokeTool('airflow_setPaused', {
          input: { connection: id, dagId: 'etl', paused: true },
          toolInvocationToken: undefined,
        }),
      ).then(text, (err: unknown) => `rejected: ${String(err)}`);
      assert.match(refused, /^Refused: this workspace is not trusted|^rejected: /);
      assert.deepStrictEqual(
        fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`),
        [],
        'no change was sent',
      );
    } finally {
      await h.store.remove(id);
      await fake.close();
    }
  });
});
