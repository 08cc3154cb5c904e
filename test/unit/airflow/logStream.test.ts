// Reading a log answer as it arrives: the readers piece by piece, and streamLog against a fake Airflow.
import assert from 'node:assert/strict';
import { AirflowClient, type LogStreamEnd } from '../../../src/airflow';
import { parsePythonLogRepr, toLines } from '../../../src/airflow/logFormat';
import { JsonContentScanner } from '../../../src/airflow/jsonContentScanner';
import { LineSplitter } from '../../../src/airflow/lineSplitter';
import { emitter } from '../../../src/airflow/logStream';
import { v1LogLines } from '../../../src/airflow/v1LogStream';
import { FakeAirflow } from '../../support/fakeAirflow';

const ref = { dagId: 'etl', runId: 'r1', taskId: 'big', mapIndex: -1 };
const logPath = (api: 'v1' | 'v2') => `/api/${api}/dags/etl/dagRuns/r1/taskInstances/big/logs/1`;

/** Cuts `text` into pieces of `size` characters. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('reading a log answer as it arrives', () => {
  it('cuts the items of a v2 JSON answer out wherever the pieces break, strings with brackets and escapes included', () => {
    const content = [
      { event: '::group::Log message source details', sources: ['/a.log'] },
      {
        event: 'a "quoted" {brace} [bracket], comma \\ backslash',
        level: 'info',
        extra: { nested: [1, 2, { x: '}' }] },
      },
      'a plain string line',
      { event: 'é ünïcode ✓', timestamp: '2026-11-23T00:00:00Z' },
    ];
    const body = JSON.stringify({ content, continuation_token: 'tok"en' });
    for (const size of [1, 2, 3, 7, 16, body.length]) {
      const scanner = new JsonContentScanner();
      const items = pieces(body, size).flatMap((p) => scanner.feed(p));
      scanner.end();
      assert.deepEqual(items, content, `pieces of ${size}`);
      assert.equal(scanner.rest.continuation_token, 'tok"en');
    }
  });

  it('reads the token whichever side of the content it is on, and fails on a body cut short', () => {
    const scanner = new JsonContentScanner();
    assert.deepEqual(scanner.feed('{"continuation_token": null, "content": [{"event": "x"}]}'), [{ event: 'x' }]);
    assert.equal(scanner.rest.continuation_token, null);
    const cut = new JsonContentScanner();
    cut.feed('{"content": [{"event": "x"}, {"ev');
    assert.throws(() => cut.end(), /ended in the middle/);
  });

  it("undoes v1's JSON-quoted Python repr piece by piece, as the whole-body parser does", async () => {
    const text = [
      '*** Found local files:\n[2026] INFO - it\'s "quoted" \\ back\tslash é ✓ \u001b[31mred\u001b[0m',
      'second\r\nline',
      '',
      'last',
    ].join('\n');
    // Python's repr as Airflow 2 puts it in the JSON form: single quotes, \n \t \x1b \\ \' escaped, non-ASCII kept.
    const repr = (t: string) =>
      `'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replaceAll('\u001b', '\\x1b')}'`;
    const body = JSON.stringify({
      continuation_token: 'eyJ0b2tlbiI6MX0.sig',
      content: `[('worker-1', ${repr(text)}), ('worker-2', ${repr('from the second host')})]`,
    });
    const expected = toLines(parsePythonLogRepr((JSON.parse(body) as { content: string }).content));
    assert.ok(expected.length >= 5 && expected.includes('from the second host'));
    for (const size of [1, 2, 3, 5, 8, 13, 64, body.length]) {
      const got: string[] = [];
      const reader = v1LogLines('application/json', async (l) => void got.push(...l));
      for (const p of pieces(body, size)) await reader.text(p);
      await reader.end();
      assert.deepEqual(got, expected, `pieces of ${size}`);
      assert.equal(reader.rest.continuation_token, 'eyJ0b2tlbiI6MX0.sig');
    }
    const cut = v1LogLines('application/json', async () => undefined);
    await cut.text(body.slice(0, body.length - 20));
    assert.throws(() => cut.end(), /ended in the middle/);
  });

  it('splits lines across pieces and drops the \\r of \\r\\n', () => {
    const split = new LineSplitter();
    assert.deepEqual(split.push('one\r\ntw'), ['one']);
    assert.deepEqual(split.push('o\nthr'), ['two']);
    assert.deepEqual(split.end(), ['thr']);
  });

  it('lets other work run between slices once a slice has used its time, and not before', async () => {
    const run = async (sliceMs: number) => {
      let ran = 0;
      const seen: number[] = [];
      // Each batch queues other work (as a timer or an I/O callback would be); it runs only when the reader yields.
      const out = emitter(() => {
        seen.push(ran);
        setImmediate(() => ran++);
      }, sliceMs);
      for (let i = 0; i < 5; i++) await out.emit(['line']);
      assert.equal(out.count, 5);
      return seen;
    };
    assert.deepEqual(await run(0), [0, 1, 2, 3, 4], 'a zero slice yields after every batch');
    assert.deepEqual(await run(60_000), [0, 0, 0, 0, 0], 'within its slice the reader goes on');
  });
});

describe('streamLog against a fake Airflow', () => {
  let fake: FakeAirflow;
  afterEach(() => fake?.close());

  async function client(): Promise<AirflowClient> {
    return AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
  }

  it('v2, ended try: asks for ndjson, and the first lines arrive while the server still holds the rest', async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let accept = '';
    fake.route('GET', logPath('v2'), (req) => {
      accept = String(req.headers.accept);
      return {
        headers: { 'content-type': 'application/x-ndjson' },
        parts: [
          '{"event":"first","level":"info"}\n{"event":"sec',
          () => held,
          'ond"}\n\x7b"event":"\\u001b[31mlast\\u001b[0m"}\n',
        ],
      };
    });
    const got: string[][] = [];
    const c = await client();
    const done = c.streamLog(ref, 1, { token: null, ended: true }, (lines) => {
      got.push(lines);
      if (lines[0] === 'INFO first') release();
    });
    const end: LogStreamEnd = await done;
    assert.match(accept, /^application\/x-ndjson/);
    assert.deepEqual(got.flat(), ['INFO first', 'second', '\u001b[31mlast\u001b[0m']);
    assert.deepEqual(got[0], ['INFO first'], 'the first line came alone, before the server sent the rest');
    assert.deepEqual(end, { continuationToken: null, endOfLog: true, lines: 3 });
  });

  it('v2, running try: JSON by token, item by item, with the token it ends with', async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    let accept = '';
    fake.route('GET', logPath('v2'), (req) => {
      accept = String(req.headers.accept);
      return { json: { content: [{ event: 'a' }, { event: 'b' }], continuation_token: 'next' } };
    });
    const lines: string[] = [];
    const end = await (await client()).streamLog(ref, 1, { token: null, ended: false }, (l) => void lines.push(...l));
    assert.equal(accept, 'application/json');
    assert.deepEqual(lines, ['a', 'b']);
    assert.deepEqual(end, { continuationToken: 'next', endOfLog: false, lines: 2 });
  });

  it('v1, ended try: asks for text/plain and leaves out the host line Airflow 2 puts first', async () => {
    fake = await FakeAirflow.start({ api: 'v1' });
    let accept = '';
    fake.route('GET', logPath('v1'), (req) => {
      accept = String(req.headers.accept);
      return {
        headers: { 'content-type': 'text/plain' },
        parts: ['worker-1\n[2026] INFO - one\n[20', '26] INFO - two\n'],
      };
    });
    const lines: string[] = [];
    await (await client()).streamLog(ref, 1, { token: null, ended: true }, (l) => void lines.push(...l));
    assert.equal(accept, 'text/plain');
    assert.deepEqual(lines, ['[2026] INFO - one', '[2026] INFO - two']);
  });

  it('a stream that goes silent fails after the timeout, though a long one that keeps coming does not', async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    const tick = () => new Promise<void>((r) => setTimeout(r, 150));
    // 8 pieces 150 ms apart: 1.2 s in all, longer than the 400 ms timeout, but never silent that long.
    fake.route('GET', logPath('v2'), () => ({
      headers: { 'content-type': 'application/x-ndjson' },
      parts: [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [`{"event": "${i}"}\n`, tick]),
    }));
    const slow = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' }, timeoutMs: 400 });
    const lines: string[] = [];
    await slow.streamLog(ref, 1, { token: null, ended: true }, (l) => void lines.push(...l));
    assert.deepEqual(lines, ['0', '1', '2', '3', '4', '5', '6', '7']);
    fake.route('GET', logPath('v2'), () => ({
      headers: { 'content-type': 'application/x-ndjson' },
      parts: ['{"event": "a"}\n', () => new Promise<void>(() => undefined)],
    }));
    await assert.rejects(
      slow.streamLog(ref, 1, { token: null, ended: true }, () => undefined),
      (err: Error) => err.name === 'TimeoutError',
    );
  });

  it("a stream that does not parse is reported as not Airflow's answer", async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    fake.route('GET', logPath('v2'), () => ({
      headers: { 'content-type': 'application/x-ndjson' },
      text: '{"event": "ok"}\nnot json at all\n',
    }));
    await assert.rejects(
      (await client()).streamLog(ref, 1, { token: null, ended: true }, () => undefined),
      (err: Error) => err.name === 'NotAirflowError' || /not.*Airflow/i.test(err.message),
    );
  });
});
