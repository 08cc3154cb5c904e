// Finding the DAG ids a Python file defines, as the lenses do, and which files might define any.
import assert from 'node:assert/strict';
import { findDagDefinitions, mightDefineDags } from '../../../src/dagFiles/dagIds';

const ids = (src: string) => findDagDefinitions(src).map((d) => d.dagId);

describe('DAG ids in Python source', () => {
  it('finds `with DAG("id", …)`, keyword ids, qualified names and single quotes, with their lines', () => {
    const src = [
      'from airflow import DAG',
      'from airflow import models',
      'with DAG("etl_daily", schedule=None) as dag:',
      '    pass',
      "dag2 = DAG(dag_id='by_keyword', schedule='@daily')",
      'with models.DAG(',
      '    "multi_line",',
      '    start_date=None,',
      ') as d:',
      '    pass',
    ].join('\n');
    assert.deepEqual(findDagDefinitions(src), [
      { dagId: 'etl_daily', line: 2, character: 5 },
      { dagId: 'by_keyword', line: 4, character: 7 },
      { dagId: 'multi_line', line: 5, character: 12 },
    ]);
  });

  it('takes the id of @dag(dag_id=…), @dag("id"), and the function name of a bare @dag or @dag(…) without an id', () => {
    const src = [
      'from airflow.sdk import dag, task',
      '@dag(dag_id="explicit", schedule=None)',
      'def ignored_name():',
      '    pass',
      '@dag',
      'def bare_function():',
      '    pass',
      '@dag(schedule=None, tags=["a", "b"])',
      '@some_other_decorator(1)',
      'def with_args_no_id():',
      '    pass',
      '@airflow.decorators.dag("positional")',
      'def x():',
      '    pass',
    ].join('\n');
    assert.deepEqual(ids(src), ['explicit', 'bare_function', 'with_args_no_id', 'positional']);
    assert.equal(findDagDefinitions(src)[1].line, 4, 'the lens sits on the decorator line');
  });

  it('gives nothing for ids built at run time: f-strings, variables, concatenation, loops, **kwargs', () => {
    const src = [
      'for name in ["a", "b"]:',
      '    DAG(f"gen_{name}")',
      '    DAG(dag_id=name)',
      '    DAG("prefix_" + name)',
      'DAG(**settings)',
      '@dag(dag_id=f"x_{n}")',
      'def fn():',
      '    pass',
    ].join('\n');
    assert.deepEqual(ids(src), []);
  });

  it('ignores DAG( in comments, docstrings and strings, and `class DAG(` definitions', () => {
    const src = [
      '"""Call DAG("in_docstring") like this."""',
      '# with DAG("in_comment") as dag:',
      'text = "DAG(\'in_string\')"',
      'class DAG(Base):',
      '    pass',
      "with DAG('real') as d: pass",
    ].join('\n');
    assert.deepEqual(ids(src), ['real']);
  });

  it('reads the test DAG files of this repository as the server names them', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(__dirname, '..', '..', '..', '..', 'test', 'dags');
    assert.deepEqual(ids(readFileSync(join(dir, 'vsc_marker.py'), 'utf8')), ['vsc_marker']);
    assert.deepEqual(ids(readFileSync(join(dir, 'broken_dag.py'), 'utf8')), ['vsc_broken']);
  });

  it('treats as DAG files only those with both words "airflow" and "dag", as Airflow does', () => {
    assert.equal(mightDefineDags('import os\nprint(1)\n'), false);
    assert.equal(mightDefineDags('from airflow import DAG\n'), true);
    assert.equal(mightDefineDags('# airflow helpers, no dags here... \n'), true);
  });
});
