// The conf document of "Trigger with Config…": params -> text -> conf, and the checks of the run id and date.
import assert from 'node:assert/strict';
import {
  buildConfDocument,
  checkLogicalDate,
  checkRunId,
  paramsOf,
  parseConfDocument,
} from '../../../src/trigger/confDocument';

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
