// The trigger's pure parts: the conf document (params -> text -> conf), the options' checks, refusal messages, following a run.
import assert from 'node:assert/strict';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServerError,
  ValidationError,
  type DagRun,
} from '../../src/airflow';
import {
  buildConfDocument,
  checkLogicalDate,
  checkRunId,
  paramsOf,
  parseConfDocument,
} from '../../src/trigger/confDocument';
import { explainTriggerError } from '../../src/trigger/triggerErrors';
import { nodeIds } from '../../src/views/explorer/nodeIds';
import { RunFollower } from '../../src/views/explorer/runFollower';

// As Airflow 2.x (/api/v1/dags/{id}/details) and 3.x (/api/v2/dags/{id}/details) serialise vsc_params' params.
const V2_PARAMS = {
  name: { __class: 'airflow.models.param.Param', value: 'world', description: null, schema: { type: 'string' } },
  count: { __class: 'airflow.models.param.Param', value: 3, description: null, schema: { type: 'integer' } },
};
const V3_PARAMS = {
  name: {
    __class: 'airflow.sdk.definitions.param.Param',
    value: 'world',
    description: 'Who to greet',
    schema: { type: 'string' },
    source: null,
  },
  count: {
    __class: 'airflow.sdk.definitions.param.Param',
    value: 3,
    description: null,
    schema: { type: 'integer', minimum: 1 },
    source: null,
  },
};

function confOf(text: string): Record<string, unknown> {
  const parsed = parseConfDocument(text);
  assert.ok('conf' in parsed, JSON.stringify(parsed));
  return parsed.conf;
}

function errorsOf(text: string) {
  const parsed = parseConfDocument(text);
  assert.ok('errors' in parsed, `expected errors for ${text}`);
  return parsed.errors;
}

describe('conf document', () => {
  it('reads Param objects of 2.x and 3.x: default, type and description', () => {
    assert.deepEqual(paramsOf(V2_PARAMS), [
      { name: 'name', value: 'world', type: 'string', description: undefined, required: false },
      { name: 'count', value: 3, type: 'integer', description: undefined, required: false },
    ]);
    const v3 = paramsOf(V3_PARAMS);
    assert.equal(v3[0].description, 'Who to greet');
    assert.equal(v3[1].type, 'integer, ≥ 1');
  });

  it('reads plain values, enums, nullable types and params without a default', () => {
    const ps = paramsOf({
      plain: 5,
      list: ['a'],
      env: {
        __class: 'airflow.models.param.Param',
        value: 'dev',
        description: 'Target\nenvironment',
        schema: { type: 'string', enum: ['dev', 'prod'] },
      },
      who: { __class: 'airflow.models.param.Param', value: null, description: null, schema: { type: 'string' } },
      maybe: {
        __class: 'airflow.models.param.Param',
        value: null,
        description: null,
        schema: { type: ['null', 'string'] },
      },
    });
    assert.deepEqual(
      ps.map((p) => [p.name, p.value, p.type, p.required]),
      [
        ['plain', 5, 'integer', false],
        ['list', ['a'], 'array', false],
        ['env', 'dev', 'one of "dev", "prod"', false],
        ['who', null, 'string', true],
        ['maybe', null, 'null | string', false],
      ],
    );
    assert.equal(ps[2].description, 'Target environment');
    assert.deepEqual(paramsOf(undefined), []);
  });

  it('builds a document whose comments name the DAG, the connection, how to send, and each param; it parses to the defaults', () => {
    const text = buildConfDocument({
      dagId: 'vsc_params',
      connection: 'connection "real3" (http://x)',
      params: paramsOf(V3_PARAMS),
      sendKey: 'Ctrl+Enter',
    });
    assert.match(text, /^\/\/ Trigger DAG "vsc_params" on connection "real3" \(http:\/\/x\)\.$/m);
    assert.match(text, /Ctrl\+Enter/);
    assert.match(text, /Saving this document does not trigger anything/);
    assert.match(text, /^\/\/ {3}name \(string\): Who to greet$/m);
    assert.match(text, /^\/\/ {3}count \(integer, ≥ 1\)$/m);
    assert.deepEqual(confOf(text), { name: 'world', count: 3 });
  });

  it("starts from a run's conf when asked, and keeps a newline in a name out of the JSON", () => {
    const text = buildConfDocument({
      dagId: 'd\n{"x":1}',
      connection: 'c',
      params: [],
      fromRun: { runId: 'r1', conf: { a: [1, 2] } },
      sendKey: 'Cmd+Enter',
    });
    assert.match(text, /Prefilled with the conf of run r1/);
    assert.match(text, /declares no params/);
    assert.deepEqual(confOf(text), { a: [1, 2] });
  });

  it('accepts comments and trailing commas', () => {
    assert.deepEqual(confOf('// hi\n{ /* c */ "a": 1, "b": {"c": null},\n}\n'), { a: 1, b: { c: null } });
  });

  it('marks where broken JSON is wrong, with a readable message', () => {
    const text = '// x\n{"name": ';
    const [e] = errorsOf(text);
    assert.equal(e.offset, text.length);
    assert.match(e.message, /value is expected/);
    const [quote] = errorsOf("{'a': 1}");
    assert.equal(quote.offset, 1);
    assert.match(quote.message, /double quotes/);
  });

  it('refuses a conf that is not an object, marking the value', () => {
    const [arr] = errorsOf('// c\n[1]');
    assert.deepEqual([arr.offset, arr.length], [5, 3]);
    assert.match(arr.message, /must be a JSON object.*not an array/);
    assert.match(errorsOf('"s"')[0].message, /not a string/);
    assert.match(errorsOf('null')[0].message, /not null/);
    assert.match(errorsOf('// only a comment\n')[0].message, /There is no JSON here/);
  });

  it('checks the optional run id and logical date', () => {
    for (const ok of ['', '  ', 'my_run', 'manual__2026-01-01T00:00:00+00:00'])
      assert.equal(checkRunId(ok), undefined, ok);
    for (const bad of ['.', '..', ' .. ', 'a b']) assert.ok(checkRunId(bad), bad);
    for (const ok of ['', '2026-11-23T00:00:00Z', '2026-11-23T09:30:00.5+01:00', '2026-11-23T09:30+0100'])
      assert.equal(checkLogicalDate(ok), undefined, ok);
    for (const bad of ['2026-11-23', '2026-11-23T00:00:00', 'tomorrow', '2026-13-45T00:00:00Z'])
      assert.ok(checkLogicalDate(bad), bad);
  });
});

describe('trigger refusals', () => {
  it('say what a refusal means for a trigger, keeping the error type', () => {
    const conflict = explainTriggerError(new ConflictError('Conflict (409): exists.', 409), 'etl', 'r1');
    assert.ok(conflict instanceof ConflictError);
    assert.equal(
      conflict.message,
      'Cannot trigger etl: a run with id "r1" already exists (409). Choose another run id.',
    );
    assert.match(
      (explainTriggerError(new ForbiddenError('Forbidden (403)', 403), 'etl') as Error).message,
      /your Airflow role may not trigger/,
    );
    assert.match(
      (explainTriggerError(new NotFoundError('Not found: DAG "etl".', 404), 'etl') as Error).message,
      /the DAG is gone/,
    );
    const v = explainTriggerError(
      new ValidationError('Airflow refused the request (400): conf.count: not an integer.', 400),
      'etl',
    );
    assert.ok(v instanceof ValidationError);
    assert.equal(v.message, 'Cannot trigger etl: Airflow refused it (400): conf.count: not an integer.');
    const other = new ServerError('boom', 500);
    assert.equal(explainTriggerError(other, 'etl'), other);
  });
});

describe('RunFollower', () => {
  const run = (state: DagRun['state']): DagRun => ({
    dagId: 'd',
    runId: 'r',
    state,
    runType: 'manual',
    conf: {},
    note: null,
    logicalDate: null,
    queuedAt: null,
    startDate: null,
    endDate: null,
    dataIntervalStart: null,
    dataIntervalEnd: null,
    triggeredBy: null,
  });

  it("reads the run until it ends, telling the sink under the tree's node id, then stops", async () => {
    const seen: string[] = [];
    const follower = new RunFollower(
      { saw: (p, id, r) => seen.push(`${p} ${id} ${r.state}`) },
      { intervalMs: () => 1 },
    );
    const states: DagRun['state'][] = ['running', 'running', 'success'];
    let reads = 0;
    follower.follow('prof', run('queued'), async () => run(states[reads++]));
    follower.follow('prof', run('queued'), async () => assert.fail('a run already followed is not followed twice'));
    while (follower.size > 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(reads, 3);
    const id = nodeIds.run('prof', run('queued'));
    assert.equal(id, 'prof/dag/d/run/r');
    assert.deepEqual(
      seen,
      ['queued', 'queued', 'running', 'running', 'success'].map((s) => `prof ${id} ${s}`),
    );
  });

  it('gives up when the run is gone or reads keep failing', async () => {
    const follower = new RunFollower({ saw: () => undefined }, { intervalMs: () => 1, maxFailures: 3 });
    let reads = 0;
    follower.follow('p', run('running'), async () => {
      reads++;
      throw new ServerError('down', 503);
    });
    while (follower.size > 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(reads, 3);
    follower.follow('p', { ...run('running'), runId: 'gone' }, async () => {
      throw new NotFoundError('gone', 404);
    });
    while (follower.size > 0) await new Promise((r) => setTimeout(r, 5));
    follower.dispose();
  });
});
