// describeProblem: the body of an error answer (v1 problem details, v2 details, text) in one sentence.
import assert from 'node:assert/strict';
import { describeProblem } from '../../../src/airflow/statusErrors';

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
