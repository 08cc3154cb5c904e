// `npm run test:compat [-- 3.0.6 2.10.5 … vscode]`: the contract tests and the VS Code explorer
// and log suites against every version of scripts/airflow/versions.mjs (or those named), one
// Airflow at a time; then (or when `vscode` is named) every VS Code suite in the oldest VS Code
// package.json's engines.vscode admits (code-server `oldest` of
// scripts/vscode/code-server-versions.json) against the newest Airflow 2.x and 3.x. Lint, type
// check and build once, then `scripts/test.mjs` per run. Ends with one line per run and
// `N passed, N failed` over all; test-results/compat.json keeps the latest result of each run
// (counts, seconds, date), so runs made one at a time add up to the whole matrix.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPAT_SUITES, COMPAT_VERSIONS, MAIN_VERSIONS } from './airflow/versions.mjs';
import { CODE_SERVER_VERSIONS } from './vscode/codeServer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const asked = process.argv.slice(2);
const VSCODE = 'vscode';
const unknown = asked.filter((v) => v !== VSCODE && !COMPAT_VERSIONS.includes(v));
if (unknown.length > 0) {
  console.error(
    `test:compat: no constraints for ${unknown.join(', ')}; the versions are ${COMPAT_VERSIONS.join(', ')}, and \`${VSCODE}\` for the oldest VS Code`,
  );
  process.exit(2);
}
const versions = asked.length > 0 ? asked.filter((v) => v !== VSCODE) : COMPAT_VERSIONS;
const oldestVscode = asked.length === 0 || asked.includes(VSCODE);

const npx = (bin) => join(root, 'node_modules/.bin', bin);
// TEST_SKIP_BUILD=1: the build is already there (one version at a time under a shared lock).
const build =
  process.env.TEST_SKIP_BUILD === '1'
    ? []
    : [
        ['lint', npx('eslint'), ['.', '--max-warnings', '0']],
        ['type check', npx('tsc'), ['--noEmit']],
        ['build', process.execPath, ['esbuild.mjs', '--production']],
        ['compile tests', npx('tsc'), ['-p', '.']],
      ];
for (const [title, cmd, args] of build) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log(`\n${title} failed (exit ${r.status ?? r.signal}): no version was tested\n0 passed, 1 failed`);
    process.exit(1);
  }
}

/**
 * Runs scripts/test.mjs against one Airflow version (or, for `vscode`, the oldest VS Code); its
 * output passes through, its closing counts are read back.
 */
function testVersion(version) {
  return new Promise((res) => {
    const t0 = Date.now();
    const env =
      version === VSCODE
        ? {
            ...process.env,
            TEST_SKIP_BUILD: '1',
            TEST_LAYERS: 'vscode',
            TEST_AIRFLOW: MAIN_VERSIONS.join(','),
            TEST_CODE_SERVER: 'oldest',
          }
        : {
            ...process.env,
            TEST_SKIP_BUILD: '1',
            TEST_LAYERS: 'airflow,vscode',
            TEST_AIRFLOW: version,
            VSC_TEST_FILES: process.env.VSC_TEST_FILES || COMPAT_SUITES.join(','),
          };
    const child = spawn(process.execPath, [join(root, 'scripts/test.mjs')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      tail = (tail + d).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m.exec(
        tail.split('\n').filter(Boolean).slice(-1)[0] ?? '',
      );
      const seconds = Math.round((Date.now() - t0) / 1000);
      // No closing line: the runner died; count that as a failure of the version.
      // test.mjs exits non-zero for what its counts may not show (a skipped test not declared not
      // applicable): that fails the run too.
      if (m && code !== 0 && Number(m[2]) === 0)
        res({
          version,
          passed: Number(m[1]),
          failed: 1,
          seconds,
          error: `test.mjs exited ${code ?? signal} (see its Failures above)`,
        });
      else
        res(
          m
            ? { version, passed: Number(m[1]), failed: Number(m[2]), seconds }
            : {
                version,
                passed: 0,
                failed: 1,
                seconds,
                error: `test.mjs ended (${code ?? signal}) without its counts`,
              },
        );
    });
  });
}

const name = (v) =>
  v === VSCODE
    ? `the oldest VS Code engines.vscode admits (code-server ${CODE_SERVER_VERSIONS.oldest}), Airflow ${MAIN_VERSIONS.join(' + ')}`
    : `Airflow ${v}`;
const line = (r) =>
  `compat ${name(r.version)}: ${r.passed} passed, ${r.failed} failed in ${r.seconds} s${r.error ? ` (${r.error})` : ''}`;
const recordFile = join(root, 'test-results', 'compat.json');
const results = [];
for (const v of [...versions, ...(oldestVscode ? [VSCODE] : [])]) {
  console.log(
    `\n==== ${v === VSCODE ? `${name(v)}: every VS Code suite` : `Airflow ${v}: contract tests, VS Code ${COMPAT_SUITES.join(', ')}`}`,
  );
  const r = await testVersion(v);
  results.push(r);
  console.log(`\n${line(r)}`);
  // Recorded as each version ends, so an interrupted run keeps what it finished.
  const record = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : {};
  record[v] = { ...r, date: new Date().toISOString() };
  mkdirSync(dirname(recordFile), { recursive: true });
  writeFileSync(recordFile, JSON.stringify(record, null, 2) + '\n');
}

console.log(`\n${results.map(line).join('\n')}`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
