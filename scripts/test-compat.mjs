// `npm run test:compat [-- 3.0.6 2.10.5 …]`: the contract tests and the VS Code explorer and log
// suites against every version of scripts/airflow/versions.mjs (or those named), one Airflow at
// a time: lint, type check and build once, then `scripts/test.mjs` per version with
// TEST_AIRFLOW=<version>. Ends with one line per version and `N passed, N failed` over all;
// test-results/compat.json keeps the latest result of each version (counts, seconds, date), so
// versions run one at a time add up to the whole matrix.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPAT_SUITES, COMPAT_VERSIONS } from './airflow/versions.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const asked = process.argv.slice(2);
const unknown = asked.filter((v) => !COMPAT_VERSIONS.includes(v));
if (unknown.length > 0) {
  console.error(`test:compat: no constraints for ${unknown.join(', ')}; the versions are ${COMPAT_VERSIONS.join(', ')}`);
  process.exit(2);
}
const versions = asked.length > 0 ? asked : COMPAT_VERSIONS;

const npx = (bin) => join(root, 'node_modules/.bin', bin);
// TEST_SKIP_BUILD=1: the build is already there (one version at a time under a shared lock).
const build = process.env.TEST_SKIP_BUILD === '1' ? [] : [
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

/** Runs scripts/test.mjs against one version; its output passes through, its closing counts are read back. */
function testVersion(version) {
  return new Promise((res) => {
    const t0 = Date.now();
    const env = {
      ...process.env,
      TEST_SKIP_BUILD: '1',
      TEST_LAYERS: 'airflow,vscode',
      TEST_AIRFLOW: version,
      VSC_TEST_FILES: process.env.VSC_TEST_FILES || COMPAT_SUITES.join(','),
    };
    const child = spawn(process.execPath, [join(root, 'scripts/test.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      tail = (tail + d).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      const m = /^(\d+) passed, (\d+) failed$/m.exec(tail.split('\n').filter(Boolean).slice(-1)[0] ?? '');
      const seconds = Math.round((Date.now() - t0) / 1000);
      // No closing line: the runner died; count that as a failure of the version.
      res(m ? { version, passed: Number(m[1]), failed: Number(m[2]), seconds } : { version, passed: 0, failed: 1, seconds, error: `test.mjs ended (${code ?? signal}) without its counts` });
    });
  });
}

const line = (r) => `compat Airflow ${r.version}: ${r.passed} passed, ${r.failed} failed in ${r.seconds} s${r.error ? ` (${r.error})` : ''}`;
const recordFile = join(root, 'test-results', 'compat.json');
const results = [];
for (const v of versions) {
  console.log(`\n==== Airflow ${v}: contract tests, VS Code ${COMPAT_SUITES.join(', ')}`);
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
