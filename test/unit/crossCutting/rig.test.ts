import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

function closedPort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

function runAirflowLayer(env: Record<string, string>) {
  const dir = join(root, 'out/test/airflow');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => join(dir, f));
  const counts = join(mkdtempSync(join(tmpdir(), 'rig-')), 'counts.json');
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/mocha/bin/mocha.js'),
      '--reporter',
      join(root, 'scripts/mocha-counting-reporter.cjs'),
      '--reporter-option',
      `out=${counts}`,
      ...files,
    ],
    { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 },
  );
  let parsed: { passed: number; failed: number; failures: { error: string }[] } | undefined;
  try {
    parsed = JSON.parse(readFileSync(counts, 'utf8'));
  } catch {
    parsed = undefined;
  }
  return { status: r.status, output: `${r.stdout}${r.stderr}`, counts: parsed };
}

describe('the real-Airflow layer fails loudly when it cannot reach Airflow', function () {
  this.timeout(120_000);

  it('fails (does not skip) with Airflow unreachable, saying the connection was refused', async () => {
    const port = await closedPort();
    const r = runAirflowLayer({
      AIRFLOW_MAJORS: '3',
      AIRFLOW3_URL: `http://127.0.0.1:${port}`,
      AIRFLOW3_VERSION: '3.3.2',
      AIRFLOW3_USERNAME: 'admin',
      AIRFLOW3_PASSWORD: 'admin',
      AIRFLOW3_DAGS_FOLDER: root,
    });
    assert.notEqual(r.status, 0, 'mocha must exit non-zero');
    assert.ok(r.counts && r.counts.failed >= 3, `failures: ${JSON.stringify(r.counts)}`);
    assert.ok(
      r.counts.failures.some((f) => /connection refused/.test(f.error)),
      r.output.slice(-2000),
    );
  });

  it('fails when it was not told where Airflow is', () => {
    const r = runAirflowLayer({
      AIRFLOW_MAJORS: '3',
      AIRFLOW3_URL: '',
      AIRFLOW3_VERSION: '',
      AIRFLOW3_USERNAME: '',
      AIRFLOW3_PASSWORD: '',
      AIRFLOW3_DAGS_FOLDER: '',
    });
    assert.notEqual(r.status, 0);
    assert.match(r.output, /AIRFLOW3_URL is not set/);
  });
});

describe('the Airflow versions the tests install', () => {
  const versions = (which: string) => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/airflow/versions.mjs'), which], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n');
  };

  it('every version npm test and test:compat run has a frozen constraints file pinning that version', () => {
    const all = [...new Set([...versions('default'), ...versions('compat')])];
    assert.ok(all.length >= 7, all.join(', '));
    for (const v of all) {
      const file = join(root, 'scripts/airflow', `constraints-${v}.txt`);
      const pins = readFileSync(file, 'utf8').split('\n');
      assert.ok(pins.includes(`apache-airflow==${v}`), `${file} pins apache-airflow==${v}`);
      assert.ok(
        pins.every((l) => l === '' || /^[A-Za-z0-9_.-]+==\S+$/.test(l)),
        `${file}: every line is name==version`,
      );
    }
  });

  it('setup.sh 2|3 installs the versions npm test starts side by side', () => {
    const sh = readFileSync(join(root, 'scripts/airflow/setup.sh'), 'utf8');
    const [two, three] = versions('default');
    assert.match(sh, new RegExp(`^AIRFLOW2_VERSION="${two.replace(/\./g, '\\.')}"$`, 'm'));
    assert.match(sh, new RegExp(`^AIRFLOW3_VERSION="${three.replace(/\./g, '\\.')}"$`, 'm'));
  });
});
