// Matching server files to workspace files, and the line and message of an import error's stack trace.
import assert from 'node:assert/strict';
import { importProblem, localPath, sameFile } from '../../../src/dagFiles/paths';

describe('matching server files to workspace files', () => {
  it('guesses by the end of the path when no DAGs folder is set', () => {
    const local = localPath('/home/me/repo/dags/etl/daily.py', '/home/me/repo', undefined);
    assert.deepEqual(local, { rel: 'dags/etl/daily.py', anchored: false });
    assert.equal(
      sameFile('/opt/airflow/dags/etl/daily.py', local!),
      true,
      'absolute fileloc ending with the workspace path',
    );
    assert.equal(sameFile('etl/daily.py', local!), true, 'v2 relative_fileloc that the workspace path ends with');
    assert.equal(sameFile('/opt/airflow/dags/other/daily.py', local!), false);
    assert.equal(sameFile('daily_v2.py', local!), false);
  });

  it('with airflow.dagsFolder, matches from the DAGs folder down only', () => {
    const local = localPath('/ws/pipelines/airflow/etl.py', '/ws', 'pipelines/airflow');
    assert.deepEqual(local, { rel: 'etl.py', anchored: true });
    assert.equal(sameFile('etl.py', local!), true);
    assert.equal(sameFile('/usr/local/airflow/dags/etl.py', local!), true);
    assert.equal(sameFile('sub/etl.py', local!), false, 'a relative server path must be the same path');
    assert.equal(localPath('/ws/other/etl.py', '/ws', 'pipelines/airflow'), undefined, 'outside the DAGs folder');
    assert.deepEqual(
      localPath('/srv/dags/x.py', '/srv', '/srv/dags'),
      { rel: 'x.py', anchored: true },
      'an absolute setting',
    );
  });
});

describe('import errors: the line and message of a stack trace', () => {
  const trace = [
    'Traceback (most recent call last):',
    '  File "<frozen importlib._bootstrap>", line 241, in _call_with_frames_removed',
    '  File "/opt/airflow/dags/broken_dag.py", line 8, in <module>',
    '    import this_module_does_not_exist_vsc  # noqa: F401  (deliberate import error)',
    '    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    "ModuleNotFoundError: No module named 'this_module_does_not_exist_vsc'",
    '',
  ].join('\n');

  it('points at the frame of the broken file and says the exception', () => {
    assert.deepEqual(importProblem(trace, '/opt/airflow/dags/broken_dag.py'), {
      line: 7,
      message: "ModuleNotFoundError: No module named 'this_module_does_not_exist_vsc'",
    });
    assert.equal(
      importProblem(trace, 'broken_dag.py').line,
      7,
      'a relative file name (Airflow 3) finds the same frame',
    );
  });

  it('falls back to the first line when the trace names no line of the file', () => {
    assert.deepEqual(importProblem('Broken DAG: something odd', 'x.py'), {
      line: 0,
      message: 'Broken DAG: something odd',
    });
  });

  it('reads a SyntaxError location', () => {
    const syntax = '  File "/dags/s.py", line 3\n    def (:\n        ^\nSyntaxError: invalid syntax\n';
    assert.deepEqual(importProblem(syntax, '/dags/s.py'), { line: 2, message: 'SyntaxError: invalid syntax' });
  });
});
