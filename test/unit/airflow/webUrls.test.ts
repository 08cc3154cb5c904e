import * as assert from 'node:assert/strict';
import { dagWebUrl, runWebUrl, taskWebUrl, webUiRoot } from '../../../src/airflow';

describe('web UI addresses', () => {
  it("takes the root from the API URL, or from the profile's webUrl when it has one", () => {
    assert.equal(webUiRoot('https://af.example.com/sub/api/v2/'), 'https://af.example.com/sub');
    assert.equal(webUiRoot('http://localhost:8080'), 'http://localhost:8080');
    assert.equal(webUiRoot('https://api.example.com/api/v1', 'https://ui.example.com/'), 'https://ui.example.com');
  });

  it('links a DAG the same way for 2.x and 3.x, its id encoded as one segment', () => {
    assert.equal(dagWebUrl('http://h', 'etl'), 'http://h/dags/etl');
    assert.equal(dagWebUrl('http://h', 'a/b c'), 'http://h/dags/a%2Fb%20c');
  });

  it('links a run: the 2.x grid with dag_run_id, the 3.x run page', () => {
    const runId = 'scheduled__2026-11-23T00:00:00+00:00';
    assert.equal(
      runWebUrl('http://h', 'v1', 'etl', runId),
      'http://h/dags/etl/grid?dag_run_id=scheduled__2026-11-23T00%3A00%3A00%2B00%3A00',
    );
    assert.equal(
      runWebUrl('http://h', 'v2', 'etl', runId),
      'http://h/dags/etl/runs/scheduled__2026-11-23T00%3A00%3A00%2B00%3A00',
    );
  });

  it('links a task instance, with the map index of one expansion', () => {
    const ti = { dagId: 'etl', runId: 'manual_1', taskId: 'load' };
    assert.equal(taskWebUrl('http://h', 'v1', ti), 'http://h/dags/etl/grid?dag_run_id=manual_1&task_id=load');
    assert.equal(
      taskWebUrl('http://h', 'v1', { ...ti, mapIndex: 2 }),
      'http://h/dags/etl/grid?dag_run_id=manual_1&task_id=load&map_index=2',
    );
    assert.equal(taskWebUrl('http://h', 'v2', ti), 'http://h/dags/etl/runs/manual_1/tasks/load');
    assert.equal(taskWebUrl('http://h', 'v2', { ...ti, mapIndex: -1 }), 'http://h/dags/etl/runs/manual_1/tasks/load');
    assert.equal(
      taskWebUrl('http://h', 'v2', { ...ti, mapIndex: 0 }),
      'http://h/dags/etl/runs/manual_1/tasks/load/mapped/0',
    );
  });
});
