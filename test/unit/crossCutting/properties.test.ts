// Issue 23, bad input at volume: generated inputs for the client's parsers (through a fake server,
// as a real answer arrives) and for the tree's label builders. The invariants: a value or a typed
// error (AirflowError), never another exception or a hang, and outside text that never renders as
// a link, an icon, a control or a direction override. Each property prints how many inputs it tried.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AirflowClient, isAirflowError, type DagRun } from '../../../src/airflow';
import { LineSplitter } from '../../../src/airflow/lineSplitter';
import { jsonLogLines, ndjsonLines, textLines } from '../../../src/airflow/logStream';
import { v1LogLines } from '../../../src/airflow/v1LogStream';
import { outsideText } from '../../../src/ui/outsideText';
import { dagRowText, runLabel, shownTaskLabel, taskRowLabel } from '../../../src/views/explorer/treeLabels';
import { FakeAirflow, type FakeResponse } from '../../support/fakeAirflow';
import { BARE_SCHEME, CONTROL_OR_BIDI, ICON, NOTIFICATION_LINK, obeyable } from '../../support/obeyable';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);
let tried = 0;
const count = <T>(arb: fc.Arbitrary<T>) => arb.map((v) => (tried++, v));
function report(what: string, n: number): void {
  console.log(`      ${what}: ${n.toLocaleString('en-US')} inputs tried`);
}

/** Text with what attacks look like: link and icon syntax, schemes, controls, bidi overrides, ANSI, unicode. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        '[',
        ']',
        '(',
        ')',
        '[label]',
        '](',
        'command:',
        'COMMAND:x',
        'file:',
        'file:///etc',
        'vscode:',
        'https://e.x',
        '$(',
        '$(error)',
        'sync~spin',
        ')',
        '\u202e',
        '\u2066',
        '\u200f',
        '\n',
        '\r\n',
        '\u2028',
        '\u001b[31m',
        '\u0000',
        '\u0085',
        'x',
        ' ',
        '"',
        "'",
        '~',
        '😀',
        'é',
        '\\',
      ),
      { maxLength: 30 },
    )
    .map((a) => a.join('')),
);

describe('property: outside text never renders as something to obey', () => {
  it('outsideText of any text: no link, icon, scheme, control or override; within the bound', () => {
    tried = 0;
    fc.assert(
      fc.property(count(hostile), fc.integer({ min: 1, max: 400 }), (s, max) => {
        const out = outsideText(s, max);
        assert.ok(!obeyable(out), JSON.stringify(out));
        assert.ok(out.length <= max, `${out.length} > ${max}`);
      }),
      { numRuns: RUNS },
    );
    report('outsideText', tried);
  });

  it('pieces joined with our own words do not form a link or an icon across their edges', () => {
    tried = 0;
    fc.assert(
      fc.property(
        count(fc.array(hostile, { minLength: 2, maxLength: 4 })),
        fc.constantFrom('', ' ', ': ', ' of ', ' · '),
        (pieces, sep) => {
          const out = pieces.map((p) => outsideText(p)).join(sep);
          assert.ok(!NOTIFICATION_LINK.test(out) && !ICON.test(out), JSON.stringify(out));
        },
      ),
      { numRuns: RUNS },
    );
    report('joined pieces', tried);
  });

  it("the tree's label builders, on any ids, names, schedules and run types", () => {
    tried = 0;
    const date = fc.oneof(
      fc.constant(null),
      hostile,
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString())),
    );
    fc.assert(
      fc.property(
        count(
          fc.record({
            a: hostile,
            b: hostile,
            c: hostile,
            n: fc.integer({ min: -2, max: 1e9 }),
            when: date,
            paused: fc.boolean(),
            rendered: fc.option(hostile),
          }),
        ),
        ({ a, b, c, n, when, paused, rendered }) => {
          const run = { runId: a, runType: b, logicalDate: when, queuedAt: null, startDate: null } as unknown as DagRun;
          const texts = [
            runLabel(run),
            ...Object.values(dagRowText({ displayName: a, schedule: c, isPaused: paused })),
            taskRowLabel({ tryNumber: n, mapIndex: n, renderedMapIndex: rendered, displayName: a }, false, b),
            taskRowLabel({ tryNumber: n, mapIndex: -1, renderedMapIndex: null, displayName: a }, false, b.slice(0, 3)),
            shownTaskLabel({ taskId: a, mapIndex: n, renderedMapIndex: rendered }),
          ];
          for (const t of texts) {
            assert.ok(
              !NOTIFICATION_LINK.test(t) && !ICON.test(t) && !BARE_SCHEME.test(t) && !CONTROL_OR_BIDI.test(t),
              JSON.stringify(t),
            );
            assert.ok(t.length <= 400);
          }
        },
      ),
      { numRuns: RUNS },
    );
    report('tree labels', tried);
  });
});

describe('property: the log readers end on any input', () => {
  it('LineSplitter: any text in any pieces gives the lines of the whole text', () => {
    tried = 0;
    fc.assert(
      fc.property(
        count(fc.string({ unit: 'binary', maxLength: 300 })),
        fc.array(fc.nat({ max: 300 }), { maxLength: 8 }),
        (text, cuts) => {
          const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((x, y) => x - y);
          const split = new LineSplitter(64);
          const got: string[] = [];
          let from = 0;
          for (const c of [...at, text.length]) {
            got.push(...split.push(text.slice(from, c)));
            from = c;
          }
          got.push(...split.end());
          const whole = new LineSplitter(64);
          assert.deepEqual(got, [...whole.push(text), ...whole.end()]);
          for (const line of got) assert.ok(line.length <= 64 + 40);
        },
      ),
      { numRuns: RUNS },
    );
    report('LineSplitter', tried);
  });

  it('every reader (v2 ndjson and JSON, v1 text and JSON) gives lines or throws an Error, for any bytes in any pieces', async () => {
    tried = 0;
    const fragments = fc
      .array(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          '"',
          '\\',
          ':',
          ',',
          '\n',
          '"content"',
          '"event"',
          'null',
          '1e999',
          '-0',
          '"continuation_token"',
          '\\u00',
          '\\ud800',
          "('host', '",
          "')",
          'x',
          ' ',
          '\u0000',
          '😀',
        ),
        { maxLength: 40 },
      )
      .map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(
        count(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fragments)),
        fc.nat({ max: 50 }),
        fc.nat({ max: 4 }),
        async (body, cut, kind) => {
          const sink = async () => undefined;
          const reader = [
            () => ndjsonLines(sink),
            () => jsonLogLines(sink),
            () => textLines(sink, true),
            () => v1LogLines('application/json', sink),
            () => v1LogLines('text/plain', sink),
          ][kind]();
          try {
            await reader.text(body.slice(0, cut));
            await reader.text(body.slice(cut));
            await reader.end();
          } catch (err) {
            // The transport turns these into NotAirflowError (http.ts); here they must at least be Errors.
            assert.ok(err instanceof Error, String(err));
          }
        },
      ),
      { numRuns: RUNS },
    );
    report('log readers', tried);
  });
});

describe('property: the client on any answer (fake server)', function () {
  this.timeout(300_000);
  let fake: FakeAirflow;
  let next: FakeResponse = { json: {} };
  const ref = { dagId: 'etl', runId: 'r1', taskId: 't', mapIndex: -1 };

  before(async () => {
    fake = await FakeAirflow.start({ api: 'v2' });
    for (const path of [
      '/api/v2/dags',
      '/api/v2/dags/etl/dagRuns/r1/taskInstances',
      '/api/v2/dags/etl/dagRuns/r1/taskInstances/t/logs/1',
      '/api/v2/dags/etl/dagRuns/r1',
    ])
      fake.route('GET', path, () => next);
  });
  after(() => fake?.close());

  const answers = fc.record({
    status: fc.constantFrom(200, 200, 200, 400, 401, 403, 404, 409, 422, 500),
    type: fc.constantFrom(
      'application/json',
      'application/x-ndjson',
      'text/plain',
      'text/html',
      'application/octet-stream',
    ),
    body: fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      hostile.map((h) => JSON.stringify({ detail: h, title: h })),
      fc
        .record({
          dags: fc.array(
            fc.dictionary(
              fc.constantFrom(
                'dag_id',
                'dag_display_name',
                'is_paused',
                'tags',
                'owners',
                'timetable_summary',
                'file_token',
              ),
              fc.oneof(fc.json(), hostile),
            ),
            { maxLength: 3 },
          ),
          total_entries: fc.oneof(fc.integer(), fc.constant(1e308), fc.constant(-1)),
        })
        .map((v) => JSON.stringify(v)),
      fc
        .array(
          hostile.map((h) => JSON.stringify({ event: h, level: 'info' })),
          { maxLength: 5 },
        )
        .map((lines) => lines.join('\n')),
      fc
        .record({
          content: fc.array(fc.oneof(fc.json(), hostile)),
          continuation_token: fc.oneof(
            fc.string(),
            fc.constant(null),
            fc.string().map((s) => s.slice(0, 3)),
          ),
        })
        .map((v) => JSON.stringify(v)),
    ),
  });

  it('answers a value or a typed error whose message shows as text', async () => {
    tried = 0;
    const client = await AirflowClient.connect({
      baseUrl: fake.url,
      auth: { kind: 'none' },
      timeoutMs: 2000,
      retries: 0,
    });
    const calls = [
      () => client.listDags(),
      () => client.listTaskInstances('etl', 'r1'),
      () => client.getDagRun('etl', 'r1'),
      () => client.streamLog(ref, 1, { token: null, ended: true }, () => undefined),
    ];
    await fc.assert(
      fc.asyncProperty(count(answers), fc.nat({ max: calls.length - 1 }), async ({ status, type, body }, which) => {
        next = { status, headers: { 'content-type': type }, text: body };
        try {
          await calls[which]();
        } catch (err) {
          assert.ok(
            isAirflowError(err),
            `not a typed error: ${String(err)} (${status} ${type} ${JSON.stringify(body).slice(0, 200)})`,
          );
          assert.ok(!obeyable(outsideText((err as Error).message, 600)));
        }
      }),
      { numRuns: Math.min(RUNS, 600) },
    );
    report('client answers', tried);
  });
});
