// What a language model is shown of a task log: the first traceback or ERROR, the end, the one
// telling line, within a byte bound, and a page of the whole log on request.
import assert from 'node:assert/strict';
import { LogExcerpt, type LogExcerptResult } from '../../../src/agentTools/logExcerpt';
import { LogPage } from '../../../src/agentTools/logPage';
import { renderStructured } from '../../../src/airflow/logFormat';

/** The lines fed in slices of `size`, as the log stream hands them on. */
function excerpt(lines: string[], size = 3, options = {}): LogExcerptResult {
  const e = new LogExcerpt(options);
  for (let i = 0; i < lines.length; i += size) e.add(lines.slice(i, i + size));
  return e.result();
}

/** What the result weighs against its bound: every line shown, a newline each. */
function bytesOf(r: LogExcerptResult): number {
  const lines = [...(r.errorLine === undefined ? [] : [r.errorLine]), ...(r.error?.lines ?? []), ...r.tail.lines];
  return lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
}

const SITE = '/home/airflow/.local/lib/python3.12/site-packages/airflow';
const AIRFLOW_2 = [
  '[2026-12-08T02:21:08.101+0000] {local_task_job_runner.py:123} INFO - ::group::Pre task execution logs',
  '[2026-12-08T02:21:08.140+0000] {taskinstance.py:2614} INFO - Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: vsc_retry_fail.flaky manual__2026-12-08T02:21:05+00:00 [queued]>',
  '[2026-12-08T02:21:08.150+0000] {taskinstance.py:2867} INFO - Starting attempt 2 of 2',
  '[2026-12-08T02:21:08.170+0000] {taskinstance.py:2890} INFO - Executing <Task(_PythonDecoratedOperator): flaky> on 2026-12-08 02:21:05+00:00',
  '[2026-12-08T02:21:08.180+0000] {standard_task_runner.py:72} INFO - Started process 4242 to run task',
  '[2026-12-08T02:21:08.200+0000] {local_task_job_runner.py:123} INFO - ::endgroup::',
  '[2026-12-08T02:21:10.400+0000] {vsc_retry_fail.py:28} INFO - VSC_ATTEMPT try=2',
  '[2026-12-08T02:21:10.403+0000] {taskinstance.py:3313} ERROR - Task failed with exception',
  'Traceback (most recent call last):',
  `  File "${SITE}/models/taskinstance.py", line 768, in _execute_task`,
  '    result = _execute_callable(context=context, **execute_callable_kwargs)',
  '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  `  File "${SITE}/models/taskinstance.py", line 734, in _execute_callable`,
  '    return ExecutionCallableRunner(',
  `  File "${SITE}/decorators/base.py", line 266, in execute`,
  '    return_value = super().execute(context)',
  '  File "/opt/airflow/dags/vsc_retry_fail.py", line 29, in flaky',
  '    raise RuntimeError("vsc_retry_fail: deliberate failure")',
  'RuntimeError: vsc_retry_fail: deliberate failure',
  '[2026-12-08T02:21:10.420+0000] {taskinstance.py:1226} INFO - Marking task as FAILED. dag_id=vsc_retry_fail, task_id=flaky, run_id=manual__2026-12-08T02:21:05+00:00, execution_date=20261208T022105, start_date=20261208T022108, end_date=20261208T022110',
  '[2026-12-08T02:21:10.440+0000] {taskinstance.py:341} INFO - ::group::Post task execution logs',
  '[2026-12-08T02:21:10.450+0000] {standard_task_runner.py:124} ERROR - Failed to execute job 17 for task flaky (vsc_retry_fail: deliberate failure; 4242)',
  '[2026-12-08T02:21:10.480+0000] {local_task_job_runner.py:266} INFO - Task exited with return code 1',
  '[2026-12-08T02:21:10.500+0000] {local_task_job_runner.py:245} INFO - ::endgroup::',
];

/** An Airflow 3 try as the v2 API sends it, through `renderStructured` as the log stream reads it. */
const SDK = '/home/airflow/.local/lib/python3.12/site-packages/airflow/sdk';
const AIRFLOW_3_RECORDS = [
  { timestamp: '2026-12-08T02:21:08.120000Z', event: '::group::Log message source details', level: 'info' },
  { timestamp: '2026-12-08T02:21:08.121000Z', event: '::endgroup::', level: 'info' },
  {
    timestamp: '2026-12-08T02:21:08.300000Z',
    event: 'DAG bundles loaded',
    level: 'info',
    logger: 'airflow.dag_processing.bundles.manager.DagBundlesManager',
    bundles: ['dags-folder'],
  },
  {
    timestamp: '2026-12-08T02:21:08.310000Z',
    event: 'Filling up the DagBag from /opt/airflow/dags/vsc_retry_fail.py',
    level: 'info',
    logger: 'airflow.models.dagbag.DagBag',
  },
  { timestamp: '2026-12-08T02:21:10.400000Z', event: 'VSC_ATTEMPT try=1', level: 'info', logger: 'vsc_retry_fail' },
  {
    timestamp: '2026-12-08T02:21:10.403000Z',
    event: 'Task failed with exception',
    level: 'error',
    logger: 'task',
    error_detail: [
      {
        exc_type: 'KeyError',
        exc_value: "'rows'",
        is_cause: false,
        frames: [{ filename: '/opt/airflow/dags/vsc_retry_fail.py', lineno: 27, name: 'flaky' }],
      },
      {
        exc_type: 'RuntimeError',
        exc_value: 'vsc_retry_fail: deliberate failure',
        is_cause: false,
        frames: [
          { filename: `${SDK}/execution_time/task_runner.py`, lineno: 875, name: 'run' },
          { filename: `${SDK}/execution_time/task_runner.py`, lineno: 1164, name: '_execute_task' },
          { filename: `${SDK}/bases/decorator.py`, lineno: 251, name: 'execute' },
          { filename: '/opt/airflow/dags/vsc_retry_fail.py', lineno: 29, name: 'flaky' },
        ],
      },
    ],
  },
  {
    timestamp: '2026-12-08T02:21:10.420000Z',
    event: 'Task instance in failure state',
    level: 'info',
    logger: 'task.stdout',
  },
  {
    timestamp: '2026-12-08T02:21:10.430000Z',
    event: 'Task operator:<Task(_PythonDecoratedOperator): flaky>',
    level: 'info',
    logger: 'task.stdout',
  },
];

describe('a task log as a language model is shown it', () => {
  it('Airflow 2: the traceback with the lines before it, its exception line, then the end', () => {
    const r = excerpt(AIRFLOW_2);
    assert.equal(r.error?.kind, 'traceback');
    assert.deepEqual(r.error?.lines, AIRFLOW_2.slice(3, 19));
    assert.equal(r.error?.firstLine, 4);
    assert.equal(r.error?.lastLine, 19);
    assert.equal(r.errorLine, 'RuntimeError: vsc_retry_fail: deliberate failure');
    // The tail does not repeat the traceback: it starts right after it.
    assert.deepEqual(r.tail, { firstLine: 20, lastLine: 24, lines: AIRFLOW_2.slice(19) });
    assert.equal(r.totalLines, 24);
    assert.equal(r.totalBytes, Buffer.byteLength(AIRFLOW_2.join('\n') + '\n'));
    assert.equal(r.omittedLines, 3);
  });

  it('Airflow 3: a structured error with two chained exceptions, read as the stream renders it', () => {
    const lines = AIRFLOW_3_RECORDS.flatMap((m) => renderStructured(m));
    const r = excerpt(lines, 2);
    const error = r.error!;
    assert.equal(error.kind, 'traceback');
    assert.match(error.lines[4], /^2026-12-08T02:21:10\.403000Z ERROR task: Task failed with exception$/);
    assert.ok(error.lines.includes("KeyError: 'rows'"), 'the first exception of the chain is in the section');
    assert.equal(error.lines.at(-1), 'RuntimeError: vsc_retry_fail: deliberate failure');
    assert.equal(r.errorLine, 'RuntimeError: vsc_retry_fail: deliberate failure');
    assert.deepEqual(r.tail.lines, lines.slice(-2));
  });

  it("Airflow 3: structlog's console lines, and a Python chain with its wording and blank lines", () => {
    const lines = [
      '2026-12-08T02:21:10.401000Z [info     ] Loading rows                   [etl]',
      '2026-12-08T02:21:10.403000Z [error    ] Task failed with exception     [task]',
      'Traceback (most recent call last):',
      '  File "/opt/airflow/dags/etl.py", line 14, in load',
      '    row = rows["id"]',
      '          ~~~~^^^^^^',
      "KeyError: 'id'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/opt/airflow/dags/etl.py", line 16, in load',
      '    raise ValueError("boom")',
      'ValueError: boom',
      '',
      '2026-12-08T02:21:10.420000Z [info     ] Task instance in failure state [task.stdout]',
    ];
    const r = excerpt(lines, 4);
    assert.deepEqual(r.error?.lines, lines.slice(0, 14));
    assert.equal(r.errorLine, 'ValueError: boom');
    // The blank line after the chain was not part of it: it is the tail's.
    assert.deepEqual(r.tail.lines, lines.slice(14));
  });

  it('keeps the first traceback and names the last one, with each line read after its prefix', () => {
    const prefix = '[2026-12-08T02:21:10.403+0000] {logger.py:12} ERROR - ';
    const lines = [
      ...AIRFLOW_2.slice(6, 19),
      '[2026-12-08T02:21:10.600+0000] {taskinstance.py:1300} INFO - Executing callback',
      `${prefix}Traceback (most recent call last):`,
      `${prefix}  File "/opt/airflow/dags/callbacks.py", line 5, in notify`,
      `${prefix}    raise ConnectionError("smtp down")`,
      `${prefix}ConnectionError: smtp down`,
      '[2026-12-08T02:21:10.700+0000] {local_task_job_runner.py:266} INFO - Task exited with return code 1',
    ];
    const r = excerpt(lines);
    assert.equal(r.error?.lines.at(-1), 'RuntimeError: vsc_retry_fail: deliberate failure');
    assert.equal(r.errorLine, 'ConnectionError: smtp down');
    assert.deepEqual(r.tail.lines, lines.slice(13));
  });

  it('without a traceback: 5 lines before the first ERROR and 10 after, its message the telling line', () => {
    const info = (i: number) =>
      `[2026-12-08T02:21:${String(i).padStart(2, '0')}.000+0000] {subprocess.py:106} INFO - row ${i}`;
    const lines = [
      ...Array.from({ length: 20 }, (_, i) => info(i)),
      '[2026-12-08T02:21:20.000+0000] {subprocess.py:110} INFO - Command exited with return code 1',
      '[2026-12-08T02:21:20.010+0000] {taskinstance.py:3313} ERROR - Bash command failed. The command returned a non-zero exit code 1.',
      ...Array.from({ length: 30 }, (_, i) => info(30 + i)),
      '2026-12-08T02:22:00.000000Z [error    ] Second error                   [task]',
    ];
    const r = excerpt(lines, 7);
    assert.equal(r.error?.kind, 'errorLevel');
    assert.equal(r.error?.firstLine, 17);
    assert.equal(r.error?.lastLine, 32);
    assert.deepEqual(r.error?.lines, lines.slice(16, 32));
    assert.equal(r.errorLine, 'Bash command failed. The command returned a non-zero exit code 1.');
    assert.deepEqual(r.tail.lines, lines.slice(32));
    assert.equal(r.omittedLines, 16);
  });

  it('without an error: no error section, the last 40 lines', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `2026-12-08T02:21:10.400000Z INFO task.stdout: row ${i}`);
    lines.push('2026-12-08T02:21:11.000000Z WARNING airflow.task: Slow query, no error');
    const r = excerpt(lines, 9);
    assert.equal(r.error, undefined);
    assert.equal(r.errorLine, undefined);
    assert.deepEqual(r.tail, { firstLine: 62, lastLine: 101, lines: lines.slice(61) });
    assert.equal(r.omittedLines, 61);
  });

  it('strips colour codes, and cuts a 1 MB line at 500 characters saying how much is left out', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const lines = [
      `\u001b[2m2026-12-08T02:21:10.403000Z\u001b[0m [\u001b[31m\u001b[1merror    \u001b[0m] ${huge}`,
      'last line',
    ];
    const r = excerpt(lines);
    const prefix = '2026-12-08T02:21:10.403000Z [error    ] ';
    const cut = `${prefix}${'x'.repeat(500 - prefix.length)}… (${prefix.length + huge.length - 500} more characters)`;
    // The line after the ERROR is in its section, so the tail does not repeat it.
    assert.deepEqual(r.error?.lines, [cut, 'last line']);
    assert.deepEqual(r.tail, { firstLine: 3, lastLine: 2, lines: [] });
    assert.equal(r.errorLine, `${'x'.repeat(500)}… (${huge.length - 500} more characters)`);
    assert.ok(bytesOf(r) <= 12 * 1024);
  });

  it('shortens a traceback too long for the bound from its middle, keeping its start and its exception', () => {
    const frames = Array.from({ length: 5000 }, (_, i) => [
      `  File "/opt/airflow/dags/recurse.py", line 4, in walk (depth ${i})`,
      `    return walk(node.children[0], depth + 1)  # ${'·'.repeat(100)}`,
    ]).flat();
    const lines = [...AIRFLOW_2.slice(0, 9), ...frames, 'RecursionError: maximum recursion depth exceeded', 'end'];
    const r = excerpt(lines, 5000);
    const error = r.error!;
    assert.deepEqual(error.lines.slice(0, 6), AIRFLOW_2.slice(3, 9), 'the ERROR line and the traceback start');
    assert.equal(error.lines.at(-1), 'RecursionError: maximum recursion depth exceeded');
    assert.ok(error.gap && error.gap.count > 9000, 'the middle is left out');
    assert.equal(error.lastLine - error.firstLine + 1, error.lines.length + error.gap.count);
    assert.equal(r.totalLines, lines.length);
    assert.ok(bytesOf(r) <= 12 * 1024, `${bytesOf(r)} bytes`);
  });

  it("numbers a shortened traceback's lines right, whichever of its ends has the short lines", () => {
    for (const shortFirst of [true, false]) {
      // Each line says its own number in the log, so the section's numbering can be checked against it.
      const frame = (n: number, short: boolean) =>
        short ? `  #${n}` : `  #${n} File "/opt/airflow/dags/deep.py" ${'z'.repeat(300)}`;
      const lines = ['#1 [2026-12-08T02:21:10.403+0000] {taskinstance.py:3313} ERROR - Task failed with exception'];
      lines.push('Traceback (most recent call last):');
      for (let n = 3; n <= 1200; n++) lines.push(frame(n, shortFirst ? n < 160 : n > 1040));
      lines.push('ZeroDivisionError: division by zero');
      const error = excerpt(lines, 500).error!;
      const numbers = error.lines.map(
        (_, i) => error.firstLine + i + (error.gap && i >= error.gap.index ? error.gap.count : 0),
      );
      const said = error.lines.map((l, i) => Number(/#(\d+)/.exec(l)?.[1] ?? numbers[i]));
      assert.deepEqual(numbers, said, shortFirst ? 'short lines first' : 'short lines last');
      assert.equal(error.lastLine, 1201);
      assert.equal(error.lines.at(-1), 'ZeroDivisionError: division by zero');
    }
  });

  it('stays within a smaller bound, shortening the tail from its start first', () => {
    const lines = [...AIRFLOW_2, ...Array.from({ length: 40 }, (_, i) => `${'-'.repeat(190)} ${i}`)];
    const r = excerpt(lines, 10, { maxBytes: 7000 });
    assert.deepEqual(r.error?.lines, AIRFLOW_2.slice(3, 19), 'the error section whole');
    assert.equal(r.tail.lines.at(-1), `${'-'.repeat(190)} 39`);
    assert.ok(r.tail.lines.length < 40 && r.tail.firstLine > 25);
    assert.ok(bytesOf(r) <= 7000, `${bytesOf(r)} bytes`);
  });

  it('reads 50 MB in slices of 5,000 lines and keeps the traceback in the middle and the true end', () => {
    const pad = 'p'.repeat(28);
    const row = (i: number) => `[2026-12-08T02:21:10.400+0000] {etl.py:42} INFO - processed row ${i} ${pad}`;
    const traceback = AIRFLOW_2.slice(8, 19);
    const e = new LogExcerpt();
    let n = 0;
    let bytes = 0;
    for (let slice = 0; bytes < 50 * 1024 * 1024; slice++) {
      const lines = Array.from({ length: 5000 }, () => row(n++));
      if (slice === 50) lines.splice(2500, 0, ...traceback);
      for (const l of lines) bytes += l.length + 1;
      e.add(lines);
    }
    const r = e.result();
    assert.ok(r.totalLines > 500_000 && r.totalBytes === bytes, `${r.totalLines} lines, ${r.totalBytes} bytes`);
    assert.deepEqual(r.error?.lines.slice(5), traceback);
    assert.equal(r.error?.firstLine, 50 * 5000 + 2500 - 4);
    assert.equal(r.errorLine, 'RuntimeError: vsc_retry_fail: deliberate failure');
    assert.deepEqual(
      r.tail.lines,
      Array.from({ length: 40 }, (_, i) => row(n - 40 + i)),
    );
    assert.equal(r.tail.lastLine, r.totalLines);
    assert.ok(bytesOf(r) <= 12 * 1024, `${bytesOf(r)} bytes`);
  });

  it('refuses a bound too small for one cut line', () => {
    assert.throws(() => new LogExcerpt({ maxBytes: 1000 }), RangeError);
  });
});

describe('a page of the whole log', () => {
  const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
  const page = (options: ConstructorParameters<typeof LogPage>[0], log = lines, size = 7) => {
    const p = new LogPage(options);
    for (let i = 0; i < log.length; i += size) p.add(log.slice(i, i + size));
    return p.result();
  };

  it('keeps lines [offset, offset + limit) across slices, with the count and where to go on', () => {
    assert.deepEqual(page({ offset: 100, limit: 50 }), {
      offset: 100,
      lines: lines.slice(100, 150),
      totalLines: 1000,
      nextOffset: 150,
    });
    assert.deepEqual(page({ offset: 980, limit: 50 }), { offset: 980, lines: lines.slice(980), totalLines: 1000 });
    assert.deepEqual(page({ offset: 5000 }), { offset: 5000, lines: [], totalLines: 1000 });
  });

  it('stops at the byte bound, cutting long lines, and says where the next page starts', () => {
    const long = Array.from({ length: 100 }, (_, i) => `${i} ${'y'.repeat(2000)}`);
    const r = page({ offset: 10, limit: 100, maxBytes: 4000 }, long, 13);
    assert.equal(r.lines[0], `10 ${'y'.repeat(497)}… (1503 more characters)`);
    assert.equal(r.lines.length, 7);
    assert.equal(r.nextOffset, 17);
    assert.ok(r.lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0) <= 4000);
  });
});
