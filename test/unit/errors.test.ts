import assert from 'node:assert/strict';
import { parseConf, validateConf } from '../../src/airflow/inputChecks';
import { InvalidInputError, Redactor } from '../../src/airflow/errors';
import { describeProblem } from '../../src/airflow/statusErrors';
import { bypassesProxy } from '../../src/airflow/proxy';

describe('describeProblem', () => {
  it('turns a v2 422 detail list into one sentence naming the fields', () => {
    const body = JSON.stringify({
      detail: [
        { type: 'missing', loc: ['body', 'logical_date'], msg: 'Field required', input: {} },
        { type: 'extra_forbidden', loc: ['body', 'foo'], msg: 'Extra inputs are not permitted' },
      ],
    });
    assert.equal(describeProblem(body), 'logical_date: Field required; foo: Extra inputs are not permitted');
  });

  it('uses v1 problem details and v2 string or object details', () => {
    assert.equal(
      describeProblem(
        JSON.stringify({ type: 'x', title: 'DAG not found', status: 404, detail: 'DAG with dag_id: x not found' }),
      ),
      'DAG with dag_id: x not found',
    );
    assert.equal(describeProblem(JSON.stringify({ title: 'Bad Request', status: 400 })), 'Bad Request');
    assert.equal(
      describeProblem(JSON.stringify({ detail: { reason: 'Unique constraint violation', message: 'run id exists' } })),
      'run id exists',
    );
  });

  it('shortens non-JSON text', () => {
    assert.equal(describeProblem('  Internal\n  Server   Error '), 'Internal Server Error');
    assert.ok(describeProblem('x'.repeat(1000)).length <= 300);
  });
});

describe('Redactor', () => {
  it('replaces every occurrence of every secret', () => {
    const r = new Redactor();
    r.add('hunter22');
    r.add('tok-abc');
    assert.equal(r.redact('pw=hunter22 token tok-abc again hunter22'), 'pw=*** token *** again ***');
  });
});

describe('conf validation', () => {
  it('accepts a JSON object and empty input', () => {
    assert.deepEqual(parseConf('{"a": 1}'), { a: 1 });
    assert.deepEqual(parseConf('  '), {});
  });

  it('rejects arrays, scalars and broken JSON with a clear message', () => {
    assert.throws(
      () => parseConf('[1,2]'),
      (e: Error) => e instanceof InvalidInputError && /JSON object/.test(e.message) && /array/.test(e.message),
    );
    assert.throws(
      () => parseConf('42'),
      (e: Error) => e instanceof InvalidInputError && /number/.test(e.message),
    );
    assert.throws(
      () => parseConf('{"a": }'),
      (e: Error) => e instanceof InvalidInputError && /not valid JSON/.test(e.message),
    );
    assert.throws(() => validateConf(null), InvalidInputError);
  });
});

describe('NO_PROXY matching', () => {
  it('matches exact hosts, domain suffixes, wildcards and ports', () => {
    assert.equal(bypassesProxy('airflow.corp.example', '', 'localhost,.corp.example'), true);
    assert.equal(bypassesProxy('corp.example', '', '.corp.example'), true);
    assert.equal(bypassesProxy('evilcorp.example', '', 'corp.example'), false);
    assert.equal(bypassesProxy('localhost', '8080', 'localhost:9090'), false);
    assert.equal(bypassesProxy('localhost', '8080', 'localhost:8080'), true);
    assert.equal(bypassesProxy('anything', '', '*'), true);
    assert.equal(bypassesProxy('host', '', undefined), false);
  });
});
