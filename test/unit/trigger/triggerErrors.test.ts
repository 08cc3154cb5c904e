// What a refused trigger says (409, 403, 404, 400/422), keeping the error type.
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, NotFoundError, ServerError, ValidationError } from '../../../src/airflow';
import { explainTriggerError } from '../../../src/trigger/triggerErrors';

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
