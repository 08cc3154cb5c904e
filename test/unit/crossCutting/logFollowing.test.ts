// Following a running task's log through the real client and log session, against a fake
// Airflow 3.1.8 whose log endpoint ignores the position in the continuation token as the real
// 3.1.8 does (its file_task_handler computes islice(stream, log_pos) and drops the result): every
// answer to a request carrying a token is the whole log again, without the source header that the
// first answer had.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AirflowClient } from '../../../src/airflow';
import { clientLogSource } from '../../../src/logs/clientLogSource';
import { LogSession } from '../../../src/logs/logSession';
import { saveFullLog } from '../../../src/logs/saveLog';
import type { LogRef } from '../../../src/logs/logUri';
import { FakeAirflow, fakeTaskInstance } from '../../support/fakeAirflow';

const REF: LogRef = {
  profileId: 'fake',
  dagId: 'vsc_long',
  runId: 'manual__2026-11-25T10:00:00+00:00',
  taskId: 'tick',
  mapIndex: -1,
  tryNumber: 1,
};
const TI_PATH = `/api/v2/dags/${REF.dagId}/dagRuns/${encodeURIComponent(REF.runId)}/taskInstances/${REF.taskId}`;

/** A token as the server writes it (signed in Airflow; plain here): it says where the next read starts. */
const token = (logPos: number, endOfLog = false) =>
  Buffer.from(JSON.stringify({ end_of_log: endOfLog, log_pos: logPos })).toString('base64url');

/** A running task on a server that reads the token's position and then answers from line 0 anyway. */
class PositionIgnoringServer {
  lines: string[] = [];
  state = 'running';
  /** The positions the client asked for, as its tokens said (null: no token). */
  readonly askedFrom: Array<number | null> = [];
  /** Runs before each log request is answered (the task writing more). */
  beforeRead: () => void = () => undefined;

  constructor(readonly fake: FakeAirflow) {
    fake.route('GET', '/api/v2/version', () => ({ json: { version: '3.1.8', git_version: null } }));
    const row = () => ({
      ...fakeTaskInstance(REF.dagId, REF.runId, REF.taskId, -1),
      state: this.state,
      try_number: 1,
      end_date: null,
    });
    fake.route('GET', `${TI_PATH}/tries`, () => ({ json: { task_instances: [row()], total_entries: 1 } }));
    fake.route('GET', `${TI_PATH}/logs/1`, (req) => {
      this.beforeRead();
      const t = req.query.get('token');
      this.askedFrom.push(
        t ? (JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as { log_pos: number }).log_pos : null,
      );
      const done = this.state !== 'running';
      // As 3.1.8 does: the source header only when there is no token, the rest from line 0 always.
      const header = t
        ? []
        : [
            { event: '::group::Log message source details', sources: ['/opt/airflow/logs/tick/attempt=1.log'] },
            { event: '::endgroup::' },
          ];
      return {
        json: {
          content: [
            ...header,
            ...this.lines.map((event, i) => ({
              timestamp: `2026-11-25T10:00:${String(i).padStart(2, '0')}Z`,
              level: 'info',
              logger: 'task',
              event,
            })),
          ],
          continuation_token: done ? null : token(this.lines.length),
        },
      };
    });
  }
}

/** A log tab's session over the client, whose polls the test runs itself (`timers` holds the next one). */
function tabSession(client: AirflowClient): { session: LogSession; timers: Array<() => void> } {
  const timers: Array<() => void> = [];
  const session = new LogSession(clientLogSource(client, REF), {
    label: 'tick try 1',
    taskLabel: 'tick',
    tryNumber: 1,
    maxChars: 1_000_000,
    intervalMs: 3000,
    sizeSetting: 'airflow.logMaxSizeMB',
    fullLogHint: 'Save Full Log',
    onChange: () => undefined,
    setTimer: (fn) => {
      timers.push(fn);
      return { dispose: () => timers.splice(timers.indexOf(fn), 1) };
    },
  });
  return { session, timers };
}

describe("following a log through the client against a server that ignores the token's position (fake Airflow 3.1.8)", () => {
  let fake: FakeAirflow;
  beforeEach(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('shows every line once, in order, while the server resends the whole log on each poll', async () => {
    const server = new PositionIgnoringServer(fake);
    server.lines.push(...['00', '01', '02', '03', '04', '05', '06'].map((n) => `VSC_TICK n=${n}`));
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    const { session, timers } = tabSession(client);
    await session.loaded;
    assert.equal(session.state, 'following');
    for (const more of [['07', '08'], [], ['09', '10', '11', '12']]) {
      server.lines.push(...more.map((n) => `VSC_TICK n=${n}`));
      assert.equal(timers.length, 1, 'the session scheduled its next poll');
      timers.pop();
      await session.poll();
    }
    server.lines.push('VSC_TICK done');
    server.state = 'success';
    timers.pop();
    await session.poll();

    assert.equal(session.state, 'complete');
    // The client sent the position with every read after the first; the server is what ignored it.
    assert.equal(server.askedFrom[0], null);
    assert.ok(
      server.askedFrom.length >= 5 && server.askedFrom.slice(1).every((p) => p !== null && p >= 7),
      JSON.stringify(server.askedFrom),
    );
    const ticks = session.text
      .kept()
      .filter((l) => l.includes('VSC_TICK'))
      .map((l) => /VSC_TICK (n=\d+|done)/.exec(l)?.[1]);
    assert.equal(
      session.text.kept().filter((l) => l.includes('::group::Log message source details')).length,
      1,
      'the source header once',
    );
    assert.deepEqual(
      ticks,
      [...Array.from({ length: 13 }, (_, i) => `n=${String(i).padStart(2, '0')}`), 'done'],
      'every line once, in order',
    );
    assert.match(session.render().split('\n')[0], /^Airflow log · tick try 1 · success · complete$/);
  });

  it('Save Full Log and readFullLog of a running task write each line once', async () => {
    const server = new PositionIgnoringServer(fake);
    server.lines.push(...['00', '01', '02', '03', '04', '05', '06'].map((n) => `VSC_TICK n=${n}`));
    // The task logs a line before each of the next three reads, then pauses (it still runs: tokens keep coming).
    let reads = 0;
    server.beforeRead = () => {
      if (reads++ > 0 && reads <= 4) server.lines.push(`VSC_TICK n=${String(server.lines.length).padStart(2, '0')}`);
    };
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    const expected = Array.from({ length: 10 }, (_, i) => `n=${String(i).padStart(2, '0')}`);
    const tickOf = (l: string) => /VSC_TICK (n=\d+)/.exec(l)?.[1];

    const dir = mkdtempSync(join(tmpdir(), 'save-log-'));
    const written = await saveFullLog(client, REF, join(dir, 'tick.log'));
    const file = readFileSync(join(dir, 'tick.log'), 'utf8').split('\n').filter(Boolean);
    const saved = file.filter((l) => l.includes('VSC_TICK')).map(tickOf);
    assert.deepEqual(saved, expected, 'the saved file holds every line once');
    assert.equal(written, file.length);
    assert.equal(
      file.filter((l) => l.includes('::group::Log message source details')).length,
      1,
      'the source header once',
    );
    assert.ok(
      server.askedFrom.filter((p) => p !== null).length >= 3,
      `the server was asked by token (${JSON.stringify(server.askedFrom)})`,
    );

    server.beforeRead = () => undefined;
    const full = await client.readFullLog(REF, 1);
    assert.deepEqual(
      full.lines.filter((l) => l.includes('VSC_TICK')).map(tickOf),
      expected,
      'readFullLog holds every line once',
    );
  });
});

describe('following a log against a server that fails every read by token (fake Airflow 3.2.2)', () => {
  let fake: FakeAirflow;
  beforeEach(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
  });
  afterEach(async () => {
    await fake.close();
  });

  /**
   * As the real 3.2.2 does: its file_task_handler wraps the stream in islice() to skip to the
   * token's position, then rejects its own islice (TypeError) and the API answers 500. A read
   * without a token works and sends the whole log, header first.
   */
  function tokenFailingServer() {
    const s = { lines: [] as string[], state: 'running', tokenReads: 0, wholeReads: 0 };
    fake.route('GET', '/api/v2/version', () => ({ json: { version: '3.2.2', git_version: null } }));
    const row = () => ({
      ...fakeTaskInstance(REF.dagId, REF.runId, REF.taskId, -1),
      state: s.state,
      try_number: 1,
      end_date: null,
    });
    fake.route('GET', `${TI_PATH}/tries`, () => ({ json: { task_instances: [row()], total_entries: 1 } }));
    fake.route('GET', `${TI_PATH}/logs/1`, (req) => {
      if (req.query.get('token')) {
        s.tokenReads++;
        return { status: 500, json: { detail: 'Internal Server Error' } };
      }
      s.wholeReads++;
      // One source line per place the log was found, each an event of its own: the worker's log
      // server while the task runs; after, the local file too (a header one line longer).
      const sources =
        s.state === 'running'
          ? ['http://worker:8793/log/tick/attempt=1.log']
          : ['/opt/airflow/logs/tick/attempt=1.log', 'http://worker:8793/log/tick/attempt=1.log'];
      const header = [
        { event: '::group::Log message source details' },
        ...sources.map((event) => ({ event })),
        { event: '::endgroup::' },
      ];
      return {
        json: {
          content: [
            ...header,
            ...s.lines.map((event) => ({ timestamp: '2026-11-25T10:00:00Z', level: 'info', logger: 'task', event })),
          ],
          continuation_token: s.state === 'running' ? token(s.lines.length) : null,
        },
      };
    });
    return s;
  }

  it('the tab goes on reading the log from the start, showing each line once, and ends when the task does', async () => {
    const server = tokenFailingServer();
    server.lines.push('VSC_TICK n=00', 'VSC_TICK n=01');
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' }, retries: 0 });
    const { session, timers } = tabSession(client);
    await session.loaded;
    assert.equal(session.state, 'following');
    for (const more of [['02'], [], ['03', '04']]) {
      server.lines.push(...more.map((n) => `VSC_TICK n=${n}`));
      timers.pop();
      await session.poll();
      assert.equal(session.state, 'following', session.render().split('\n')[0]);
    }
    server.lines.push('VSC_TICK done');
    server.state = 'success';
    timers.pop();
    await session.poll();

    assert.equal(session.state, 'complete', session.render().split('\n')[0]);
    assert.equal(server.tokenReads, 1, 'one read by token, then no more');
    // Opening: the first read, the failed one by token, the whole log again; then one per poll.
    assert.equal(server.wholeReads, 2 + 4, 'one read of the whole log per poll');
    const ticks = session.text
      .kept()
      .filter((l) => l.includes('VSC_TICK'))
      .map((l) => /VSC_TICK (n=\d+|done)/.exec(l)?.[1]);
    assert.deepEqual(ticks, ['n=00', 'n=01', 'n=02', 'n=03', 'n=04', 'done'], 'every line once, in order');
    assert.equal(
      session.text.kept().filter((l) => l.includes('::group::Log message source details')).length,
      1,
      'the source header once',
    );
  });

  it('Save Full Log and readFullLog of a running task keep what the first read gave', async () => {
    const server = tokenFailingServer();
    server.lines.push('VSC_TICK n=00', 'VSC_TICK n=01', 'VSC_TICK n=02');
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' }, retries: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'save-log-'));
    await saveFullLog(client, REF, join(dir, 'tick.log'));
    const saved = readFileSync(join(dir, 'tick.log'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('VSC_TICK'));
    assert.deepEqual(
      saved.map((l) => /n=\d+/.exec(l)?.[0]),
      ['n=00', 'n=01', 'n=02'],
    );
    const full = await client.readFullLog(REF, 1);
    assert.deepEqual(
      full.lines.filter((l) => l.includes('VSC_TICK')).map((l) => /n=\d+/.exec(l)?.[0]),
      ['n=00', 'n=01', 'n=02'],
    );
    assert.equal(full.endOfLog, false, 'the task still runs');
  });
});
