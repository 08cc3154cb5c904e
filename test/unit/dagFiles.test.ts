// The pure parts of the DAG file lenses: finding DAG ids in Python, matching server paths, import error lines, lens text.
import assert from 'node:assert/strict';
import { AirflowClient } from '../../src/airflow';
import { sharedPart } from '../../src/airflow/inputChecks';
import { findDagDefinitions, mightDefineDags } from '../../src/dagFiles/dagIds';
import { ago, deployState, lastRunText } from '../../src/dagFiles/lensText';
import { importProblem, localPath, sameFile } from '../../src/dagFiles/paths';
import { ServerSources } from '../../src/dagFiles/serverSources';
import { FakeAirflow, fakeDag } from '../support/fakeAirflow';
import { fakesClosedAfterEach } from '../support/faultKit';

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
    const dir = join(__dirname, '..', '..', '..', 'test', 'dags');
    assert.deepEqual(ids(readFileSync(join(dir, 'vsc_marker.py'), 'utf8')), ['vsc_marker']);
    assert.deepEqual(ids(readFileSync(join(dir, 'broken_dag.py'), 'utf8')), ['vsc_broken']);
  });

  it('treats as DAG files only those with both words "airflow" and "dag", as Airflow does', () => {
    assert.equal(mightDefineDags('import os\nprint(1)\n'), false);
    assert.equal(mightDefineDags('from airflow import DAG\n'), true);
    assert.equal(mightDefineDags('# airflow helpers, no dags here... \n'), true);
  });
});

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

describe('lens text', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const run = (state: 'success' | 'failed' | 'running' | 'queued', at: string) => ({
    dagId: 'd',
    runId: 'r',
    state,
    runType: 'manual',
    conf: {},
    note: null,
    logicalDate: null,
    queuedAt: at,
    startDate: at,
    endDate: state === 'running' || state === 'queued' ? null : at,
    dataIntervalStart: null,
    dataIntervalEnd: null,
    triggeredBy: null,
  });

  it('says the last state and when', () => {
    assert.equal(lastRunText(run('success', '2026-11-25T11:55:00Z'), false, now), '✓ success 5 min ago');
    assert.equal(lastRunText(run('failed', '2026-11-25T09:30:00Z'), false, now), '✗ failed 2 h ago');
    assert.equal(lastRunText(run('running', '2026-11-25T11:59:30Z'), false, now), '▶ running, started just now');
    assert.equal(lastRunText(undefined, true, now), 'no runs yet · paused');
    assert.equal(ago('2026-11-22T12:00:00Z', now), '3 d ago');
  });

  it('tells deployed, local changes and a newer server apart', () => {
    assert.equal(
      deployState('a = 1\r\n', 'a = 1   \n', 0, undefined),
      'deployed',
      'line endings and trailing spaces do not count',
    );
    assert.equal(deployState('a = 2\n', 'a = 1\n', 100, undefined), 'localChanges');
    assert.equal(
      deployState('a = 1\n', 'a = 2\n', 100, 200),
      'serverNewer',
      'the server changed after the last local edit',
    );
    assert.equal(deployState('a = 3\n', 'a = 2\n', 300, 200), 'localChanges', 'edited after the server changed');
  });
});

describe('looking up the DAGs of open files in one request', () => {
  it('shares the longest common part of the ids for a LIKE pattern', () => {
    assert.equal(sharedPart(['vsc_marker', 'vsc_mapped', 'vsc_long']), 'vsc_');
    assert.equal(sharedPart(['abc', 'xyz']), '');
  });

  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: one GET /dags for several ids; exact ids only; absent ids proven missing`, async () => {
      const fake = await FakeAirflow.start({ api });
      try {
        const dags = ['etl_a', 'etl_ab', 'etl_b'].map((id, i) => ({ ...fakeDag(i), dag_id: id }));
        fake.route('GET', `/api/${api}/dags`, (req) => {
          const pattern = req.query.get('dag_id_pattern') ?? '';
          const terms = api === 'v2' ? pattern.split('|') : [pattern];
          const items = dags.filter((d) => terms.some((t) => String(d.dag_id).includes(t)));
          return { json: { dags: items, total_entries: items.length } };
        });
        const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
        fake.resetCounts();
        const r = await client.findDags(['etl_a', 'etl_b', 'xyz']);
        assert.equal(fake.count('GET', `/api/${api}/dags`), 1);
        assert.deepEqual([...r.found.keys()].sort(), ['etl_a', 'etl_b']);
        assert.deepEqual(r.missing, ['xyz']);
        const sent =
          fake.requests
            .filter((q) => q.path === `/api/${api}/dags`)
            .pop()!
            .query.get('dag_id_pattern') ?? '';
        assert.equal(
          sent,
          api === 'v2' ? 'etl_a|etl_b|xyz' : '',
          api === 'v2' ? 'ids joined for OR' : 'nothing shared by all three: no pattern',
        );
      } finally {
        await fake.close();
      }
    });
  }

  it('does not call an id missing when the lookup stops at the most items read at once', async () => {
    const fake = await FakeAirflow.start({ api: 'v1' });
    try {
      // 5,000 DAGs match every pattern, none of them the ones asked for.
      fake.route('GET', '/api/v1/dags', (req) => {
        const offset = Number(req.query.get('offset') ?? 0);
        const limit = Number(req.query.get('limit') ?? 100);
        return {
          json: {
            dags: Array.from({ length: limit }, (_, i) => ({ ...fakeDag(0), dag_id: `other_${offset + i}` })),
            total_entries: 5000,
          },
        };
      });
      const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' }, maxListItems: 150 });
      fake.resetCounts();
      const r = await client.findDags(['x1', 'y2']);
      assert.deepEqual(r.missing, []);
      assert.deepEqual(r.unsettled.sort(), ['x1', 'y2']);
      assert.equal(
        fake.count('GET', '/api/v1/dags'),
        5,
        'one page for both, then two pages per id up to the cap of 150',
      );
    } finally {
      await fake.close();
    }
  });
});

/** Airflow's `dag_id_pattern`: a case-insensitive "contains" LIKE (`_` any one character, `%` any run); v2 also splits on `|`. */
function likeContains(pattern: string, id: string): boolean {
  const re = pattern
    .replace(/[.*+?^${}()[\]\\|-]/g, '\\$&')
    .replace(/_/g, '.')
    .replace(/%/g, '.*');
  return new RegExp(re, 'i').test(id);
}

/** A fake Airflow holding `ids`, answering GET /dags with paging, `order_by=dag_id` and the pattern as the real one does. */
async function deployment(
  start: typeof FakeAirflow.start,
  api: 'v1' | 'v2',
  ids: string[],
  { orSyntax = api === 'v2' } = {},
): Promise<FakeAirflow> {
  const fake = await start({ api });
  const dags = [...ids].sort().map((id, i) => ({ ...fakeDag(i), dag_id: id }));
  fake.route('GET', `/api/${api}/dags`, (req) => {
    const pattern = req.query.get('dag_id_pattern') ?? '';
    // orSyntax false: a 3.x server that reads `|` as itself (Airflow 3.1.8).
    const terms = orSyntax ? pattern.split('|').map((t) => t.trim()) : [pattern];
    const matches = dags.filter((d) => terms.some((t) => likeContains(t, String(d.dag_id))));
    const offset = Number(req.query.get('offset') ?? 0);
    const limit = Math.min(100, Number(req.query.get('limit') ?? 100));
    return { json: { dags: matches.slice(offset, offset + limit), total_entries: matches.length } };
  });
  return fake;
}

describe('looking up the DAGs of a file in a deployment of hundreds whose ids share a prefix', () => {
  // 308 DAGs share "acme_probe": 300 of a fleet and 6 more sort between the file's two ids.
  const fleet = Array.from({ length: 300 }, (_, i) => `acme_probe_${String(i).padStart(3, '0')}`);
  const deployed = [
    ...fleet,
    ...Array.from({ length: 6 }, (_, i) => `acme_probe_zz${i}`),
    'acme_probe_ok',
    'acme.probe-odd',
  ];
  const dagRequests = (fake: FakeAirflow, api: string) =>
    fake.requests
      .filter((q) => q.method === 'GET' && q.path === `/api/${api}/dags`)
      .map((q) => `${q.query.get('dag_id_pattern')}@${q.query.get('offset')}`);
  const startFake = fakesClosedAfterEach();
  /** A client of a fake deployment of `deployed`, its request counts reset after connecting. */
  const connectTo = async (api: 'v1' | 'v2', opts?: { orSyntax?: boolean }) => {
    const fake = await deployment(startFake, api, deployed, opts);
    const client = await AirflowClient.connect({ baseUrl: fake.url, auth: { kind: 'none' } });
    fake.resetCounts();
    return { fake, client };
  };

  it("likeContains matches as Airflow's LIKE does", () => {
    assert.equal(likeContains('acme_probe_ok', 'ACME.PROBE-OK'), true, '_ is any one character, case-insensitive');
    assert.equal(likeContains('probe', 'acme_probe_000'), true);
    assert.equal(likeContains('acme.probe', 'acme_probe_ok'), false, '. is itself');
  });

  it('v1: finds both ids; the one past the first page by its own id, in 2 requests', async () => {
    const { fake, client } = await connectTo('v1');
    const r = await client.findDags(['acme_probe_ok', 'acme.probe-odd']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme.probe-odd', 'acme_probe_ok']);
    assert.deepEqual(r.missing, []);
    assert.deepEqual(r.unsettled, []);
    // The shared part "probe" matches 308: page 1 holds acme.probe-odd; 3 more pages would be needed, 1 id is left.
    assert.deepEqual(dagRequests(fake, 'v1'), ['probe@0', 'acme_probe_ok@0']);
    assert.equal(fake.count('GET', '/api/v1/dags'), 2);
  });

  it("v1: reads the shared pattern's further pages when that costs no more than one request per id left", async () => {
    const { fake, client } = await connectTo('v1');
    const r = await client.findDags(['acme_probe_ok', 'acme_probe_zz0', 'acme_probe_zz1']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme_probe_ok', 'acme_probe_zz0', 'acme_probe_zz1']);
    // "acme_probe_" matches all 308 ("_" is any character): 3 pages left, 3 ids left: the pages.
    assert.deepEqual(dagRequests(fake, 'v1'), [
      'acme_probe_@0',
      'acme_probe_@100',
      'acme_probe_@200',
      'acme_probe_@300',
    ]);
    assert.equal(fake.count('GET', '/api/v1/dags'), 4);
  });

  it('v1: proves an id absent by its own pattern, beside one found', async () => {
    const { fake, client } = await connectTo('v1');
    const r = await client.findDags(['acme_probe_ok', 'acme_probe_gone']);
    assert.deepEqual([...r.found.keys()], ['acme_probe_ok']);
    assert.deepEqual(r.missing, ['acme_probe_gone']);
    assert.deepEqual(r.unsettled, []);
    assert.equal(fake.count('GET', '/api/v1/dags'), 3, "the shared pattern's first page, then one per id");
  });

  it('v2 on a server that reads "|" as itself (Airflow 3.1.8): the shared part asks again, and both are found', async () => {
    const { fake, client } = await connectTo('v2', { orSyntax: false });
    const r = await client.findDags(['acme_probe_ok', 'acme.probe-odd']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme.probe-odd', 'acme_probe_ok']);
    assert.deepEqual(r.missing, []);
    assert.deepEqual(r.unsettled, []);
    assert.deepEqual(dagRequests(fake, 'v2'), ['acme.probe-odd|acme_probe_ok@0', 'probe@0', 'acme_probe_ok@0']);
  });

  it('v2: one request, the ids joined for OR', async () => {
    const { fake, client } = await connectTo('v2');
    const r = await client.findDags(['acme_probe_ok', 'acme.probe-odd']);
    assert.deepEqual([...r.found.keys()].sort(), ['acme.probe-odd', 'acme_probe_ok']);
    assert.deepEqual(dagRequests(fake, 'v2'), ['acme.probe-odd|acme_probe_ok@0']);
    assert.equal(fake.count('GET', '/api/v2/dags'), 1);
  });
});

describe('activation stays lazy', () => {
  it('activates on Airflow-looking workspaces and the view, never on every Python file or at start-up', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      activationEvents: string[];
    };
    assert.ok(
      !pkg.activationEvents.some((e) => e === '*' || e === 'onStartupFinished' || e.startsWith('onLanguage:')),
      JSON.stringify(pkg.activationEvents),
    );
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/dags/*.py'));
  });
});

describe('deployed sources', () => {
  it("are read once per server file token, and remember when the server's text changed", async () => {
    let text = 'v1';
    let reads = 0;
    const client = { dagSource: async () => (reads++, text) } as unknown as AirflowClient;
    const dag = { ...({} as import('../../src/airflow').Dag), dagId: 'd', fileLocation: 'd.py', fileToken: 't1' };
    const sources = new ServerSources();
    assert.equal(sources.has('p', dag), false);
    assert.deepEqual(
      await sources.read(client, 'p', dag, () => 100),
      { text: 'v1', changedAt: undefined },
      'a first read has seen no change',
    );
    assert.equal(sources.has('p', dag), true);
    assert.equal(sources.has('p', { ...dag, fileToken: 't2' }), false, 'another file token is another source');
    text = 'v2';
    assert.deepEqual(await sources.read(client, 'p', dag, () => 200), { text: 'v2', changedAt: 200 });
    assert.deepEqual(
      await sources.read(client, 'p', dag, () => 300),
      { text: 'v2', changedAt: 200 },
      'unchanged since: still the time it changed',
    );
    sources.forget('p', dag);
    assert.equal(sources.get('p', dag), undefined);
    assert.equal(reads, 3);
  });
});
