import assert from 'node:assert/strict';
import type { LineSink, LogChunk, LogStreamEnd } from '../../../src/airflow';
import { FULL_LOG_HINT } from '../../../src/logs/logHeader';
import { LogSession } from '../../../src/logs/logSession';
import type { LogSource, TryStatus } from '../../../src/logs/logSource';

/** A running task whose log grows by `lines` and whose state the test sets. */
class FakeTask implements LogSource {
  lines: string[] = [];
  state: string | null = 'running';
  tryNumber = 1;
  readonly tokens: Array<string | null> = [];

  async status(): Promise<TryStatus> {
    return { current: { tryNumber: this.tryNumber, state: this.state } };
  }

  /** What the server answers for `token`; `read` streams it to the session three lines at a time. */
  chunk(token: string | null): LogChunk {
    const from = token ? Number(token) : 0;
    const done = this.state !== 'running';
    return {
      lines: this.lines.slice(from),
      continuationToken: done ? null : String(this.lines.length),
      endOfLog: done,
    };
  }

  readonly ended: boolean[] = [];

  async read(token: string | null, sink: LineSink, ended: boolean): Promise<LogStreamEnd> {
    this.tokens.push(token);
    this.ended.push(ended);
    const c = this.chunk(token);
    for (let i = 0; i < c.lines.length; i += 3) await sink(c.lines.slice(i, i + 3));
    return { continuationToken: c.continuationToken, endOfLog: c.endOfLog, lines: c.lines.length };
  }
}

function session(source: LogSource, extra: Partial<ConstructorParameters<typeof LogSession>[1]> = {}) {
  const timers: Array<() => void> = [];
  let changes = 0;
  const s = new LogSession(source, {
    label: 'tick try 1',
    taskLabel: 'tick',
    tryNumber: 1,
    maxChars: 1_000_000,
    intervalMs: 3000,
    sizeSetting: 'airflow.logMaxSizeMB',
    fullLogHint: 'Save Full Log',
    onChange: () => changes++,
    setTimer: (fn) => {
      timers.push(fn);
      return { dispose: () => timers.splice(timers.indexOf(fn), 1) };
    },
    ...extra,
  });
  return { s, timers, changes: () => changes };
}

/** Airflow 3.1.8: a request carrying the continuation token gets the whole log from its first line again. */
class RestartingTask extends FakeTask {
  override chunk(): LogChunk {
    const done = this.state !== 'running';
    return { lines: this.lines.slice(), continuationToken: done ? null : String(this.lines.length), endOfLog: done };
  }
}

describe('log session (following a running try)', () => {
  it('appends only what is new when the server sends the whole log again despite the token (Airflow 3.1.8)', async () => {
    const task = new RestartingTask();
    task.lines.push('00', '01', '02', '03', '04', '05', '06');
    const { s, timers } = session(task);
    await s.loaded;
    for (const more of [['07', '08'], [], ['09', '10', '11', '12']]) {
      task.lines.push(...more);
      timers.pop();
      await s.poll();
    }
    task.state = 'success';
    timers.pop();
    await s.poll();
    assert.equal(s.state, 'complete');
    assert.deepEqual(
      s.text.kept(),
      ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
      'every line once, in order',
    );
  });

  it('keeps new lines that happen to repeat the first ones when they come as a continuation', async () => {
    const task = new FakeTask();
    task.lines.push('start', 'x');
    const { s, timers } = session(task);
    await s.loaded;
    task.lines.push('start');
    timers.pop();
    await s.poll();
    assert.deepEqual(s.text.kept(), ['start', 'x', 'start']);
  });

  it('follows with the continuation token, never re-reading, until the task ends', async () => {
    const task = new FakeTask();
    task.lines.push('a', 'b');
    const { s, timers, changes } = session(task);
    await s.loaded;
    assert.equal(s.state, 'following');
    assert.match(s.render(), /following: new lines appear every 3 s\na\nb\n$/);
    assert.equal(timers.length, 1);

    task.lines.push('c');
    timers.pop();
    await s.poll(); // what the timer calls
    assert.deepEqual(s.text.kept(), ['a', 'b', 'c']);
    assert.equal(changes(), 1);
    assert.deepEqual(
      task.tokens,
      [null, '2', '2'],
      'the first load reads until nothing is new; a poll reads once, from the token',
    );
    assert.equal(timers.length, 1, 'polls again');

    task.lines.push('d');
    task.state = 'success';
    timers.pop();
    await s.poll();
    assert.equal(s.state, 'complete');
    assert.deepEqual(s.text.kept(), ['a', 'b', 'c', 'd']);
    assert.ok(!task.tokens.slice(1).includes(null), 'only the first read had no token');
    assert.match(s.render(), /success · complete/);
    assert.equal(timers.length, 0, 'no more polling');
  });

  it('does not add an empty line where a continued chunk starts with the previous newline', async () => {
    const task = new FakeTask();
    task.lines.push('a');
    const { s } = session(task);
    await s.loaded;
    task.lines.push('', 'b');
    await s.poll();
    assert.deepEqual(s.text.kept(), ['a', 'b']);
  });

  it('stops polling when disposed (the tab was closed)', async () => {
    const task = new FakeTask();
    const { s, timers } = session(task);
    await s.loaded;
    s.dispose();
    assert.equal(timers.length, 0);
    const reads = task.tokens.length;
    await s.poll();
    assert.equal(task.tokens.length, reads);
  });

  it('does not follow a finished try; shows a reason for a try that never ran', async () => {
    const done = new FakeTask();
    done.state = 'failed';
    done.lines.push('x');
    const a = session(done);
    await a.s.loaded;
    assert.equal(a.s.state, 'complete');
    assert.equal(a.timers.length, 0);

    const never = new FakeTask();
    never.tryNumber = 0;
    never.state = 'scheduled';
    const b = session(never);
    await b.s.loaded;
    assert.equal(b.s.state, 'missing');
    assert.match(b.s.render(), /No log yet: tick has not run \(state: scheduled\)/);
    assert.deepEqual(never.tokens, [], 'no log request for a try that does not exist');
  });

  it('says what a large log left out and how to get it', async () => {
    const task = new FakeTask();
    task.state = 'success';
    for (let i = 0; i < 1000; i++) task.lines.push(`line ${i} ${'x'.repeat(90)}`);
    const { s } = session(task, { maxChars: 10_000 });
    await s.loaded;
    const text = s.render();
    assert.match(
      text,
      /Left out: the first 90\d lines \(\d+ KB\) of this log; showing the last 10 KB\. To see it all, run "Save Full Log" or raise the setting airflow\.logMaxSizeMB\./,
    );
    assert.ok(text.trimEnd().endsWith(`line 999 ${'x'.repeat(90)}`));
  });

  it('keeps the text of a cut log, header included, within Latin-1 when the log is (one byte a character)', async () => {
    const task = new FakeTask();
    task.state = 'failed';
    for (let i = 0; i < 1000; i++) task.lines.push(`line ${i} ${'x'.repeat(90)}`);
    const { s } = session(task, { maxChars: 10_000, fullLogHint: FULL_LOG_HINT });
    await s.loaded;
    const text = s.render();
    assert.match(text, /Left out: the first/);
    assert.equal(
      [...text].find((c) => c.charCodeAt(0) > 0xff),
      undefined,
    );
  });

  it('turns a failed request into one sentence', async () => {
    const broken: LogSource = {
      status: async () => {
        throw new Error('the server answered 500');
      },
      read: async () => {
        throw new Error('no');
      },
    };
    const { s } = session(broken);
    await s.loaded;
    assert.equal(s.state, 'error');
    assert.match(s.render(), /Could not load the log of tick try 1: the server answered 500/);
  });
});

describe('a log session while its log streams in', () => {
  it('reads an ended try as one stream, redraws only the latest lines while loading, and maps colours to document lines', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const calls: Array<{ token: string | null; ended: boolean }> = [];
    const source: LogSource = {
      status: async () => ({ current: { tryNumber: 1, state: 'failed' } }),
      async read(token, sink, ended) {
        calls.push({ token, ended });
        for (let i = 0; i < 100; i++) await sink([`line ${i} ${'x'.repeat(20)}`]);
        await held;
        await sink(['\u001b[31mERROR\u001b[0m at the end']);
        return { continuationToken: null, endOfLog: true, lines: 101 };
      },
    };
    let progress = 0;
    const s = new LogSession(source, {
      label: 'big try 1',
      taskLabel: 'big',
      tryNumber: 1,
      maxChars: 1_000_000,
      intervalMs: 3000,
      sizeSetting: 'airflow.logMaxSizeMB',
      fullLogHint: 'Save Full Log',
      onChange: () => undefined,
      onProgress: () => progress++,
      loadingViewChars: 100,
    });
    while (s.received < 100) await new Promise((r) => setImmediate(r));
    const loading = s.render().split('\n');
    assert.equal(loading[0], 'Airflow log · big try 1 · loading… 100 lines so far, the latest below');
    assert.ok(loading.length < 10, `a short view while loading (${loading.length} lines)`);
    assert.match(loading[loading.length - 2], /^line 99 /);
    assert.deepEqual(s.renderedLines(), loading.slice(0, -1));
    assert.ok(progress >= 100);
    release();
    await s.loaded;
    assert.deepEqual(calls, [{ token: null, ended: true }]);
    const done = s.render().split('\n');
    assert.equal(done[0], 'Airflow log · big try 1 · failed · complete');
    assert.equal(done.length, 1 + 101 + 1, 'header, every line, the final newline');
    assert.deepEqual(s.renderedLines(), done.slice(0, -1), 'folding reads the same lines without splitting the text');
    assert.equal(done[done.length - 2], 'ERROR at the end');
    assert.deepEqual(s.colorsAt(done.length - 2), [{ fg: 1, start: 0, end: 5 }]);
    assert.equal(s.colorsAt(0), undefined, 'the header has none');
  });
});
