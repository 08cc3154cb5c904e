// The language-model tools in a workspace that is not trusted: the reading tools answer, the ones
// that change Airflow are off (not offered, and refused if called anyway), and no answer holds the
// connection's secret.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FakeAirflow, fakeDag } from '../../support/fakeAirflow';
import { hooks } from '../support/airflow';

/** Each tool that changes Airflow, with an input its schema accepts. */
const CHANGING: Record<string, object> = {
  airflow_trigger: { dagId: 'etl' },
  airflow_setPaused: { dagId: 'etl', paused: true },
  airflow_clear: { dagId: 'etl', runId: 'r1' },
  airflow_mark: { dagId: 'etl', runId: 'r1', state: 'success' },
};

interface Lm {
  tools: ReadonlyArray<{ name: string }>;
  invokeTool(
    name: string,
    options: { input: object; toolInvocationToken: undefined },
  ): Thenable<{ content: unknown[] }>;
}
const lm = () => (vscode as unknown as { lm: Lm }).lm;
const text = (r: { content: unknown[] }) => r.content.map((p) => (p as { value?: string }).value ?? '').join('');

/** VS Code 1.95 and later: the tool API (`engines` admits 1.90, where the extension offers no tools). */
const toolApi = typeof (vscode as unknown as { lm?: { registerTool?: unknown } }).lm?.registerTool === 'function';

if (toolApi)
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
        // package.json hides the changing ones from the chat's tool picker here (`when`: isWorkspaceTrusted);
        // vscode.lm.tools lists every registered tool regardless, so an extension can still call them by name.
        assert.ok(
          lm().tools.some((t) => t.name === 'airflow_health'),
          'the reading tools are offered',
        );

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

        // Called anyway (by name): each refused, and nothing reaches the server.
        for (const [name, fields] of Object.entries(CHANGING)) {
          fake.resetCounts();
          const input = { connection: id, ...fields };
          const refused = await Promise.resolve(lm().invokeTool(name, { input, toolInvocationToken: undefined })).then(
            text,
            (err: unknown) => `rejected: ${String(err)}`,
          );
          assert.match(refused, /^Refused: this workspace is not trusted/, name);
          // (The status bar's health check may read the server meanwhile; nothing about the DAG is the tool's.)
          assert.deepStrictEqual(
            fake.requests
              .filter((r) => r.method !== 'GET' || r.path.includes('/dags/etl'))
              .map((r) => `${r.method} ${r.path}`),
            [],
            `${name} asked nothing about the DAG and changed nothing`,
          );
        }
      } finally {
        await h.store.remove(id);
        await fake.close();
      }
    });
  });
