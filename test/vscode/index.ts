/**
 * Entry point of the suites that run inside a real VS Code extension host.
 * Both hosts call run(): code-server driven by headless Chromium
 * (scripts/vscode/run-in-code-server.mjs) and @vscode/test-electron
 * (test/vscode/runTestElectron.ts).
 *
 * Runs every *.test.js below this folder (after `tsc -p .`, out/test/vscode/**)
 * with mocha (bdd, 60 s timeout). When VSC_TEST_RESULTS_DIR is set it writes
 *   <dir>/results.json  { passed, failed, skipped: [titles], failures: [{ title, error }], vscodeVersion, nodeVersion }
 *   <dir>/mocha.log     one line per test, appended as the run goes
 * Rejects when a test failed, so either host reports failure.
 * Optional filters: VSC_TEST_GREP (mocha grep), VSC_TEST_FILES (comma-separated
 * substrings of the file paths to run).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { restoreSettings, takeSettings, type SettingsSnapshot } from './support/settingsGuard';

export interface SuiteResults {
  passed: number;
  failed: number;
  /** Full titles of skipped tests: the runner fails the run for any not declared not applicable. */
  skipped: string[];
  failures: { title: string; error: string }[];
  vscodeVersion: string;
  /** The extension host's Node (the one code-server was started with). */
  nodeVersion: string;
}

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...findTests(p));
    } else if (entry.isFile() && entry.name.endsWith('.test.js')) {
      out.push(p);
    }
  }
  return out.sort();
}

function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`;
  return String(err);
}

export async function run(): Promise<void> {
  const resultsDir = process.env.VSC_TEST_RESULTS_DIR || undefined;
  const logFile = resultsDir ? path.join(resultsDir, 'mocha.log') : undefined;
  if (resultsDir) fs.mkdirSync(resultsDir, { recursive: true });
  const log = (line: string) => {
    console.log(line);
    if (logFile) fs.appendFileSync(logFile, line + '\n');
  };

  const results: SuiteResults = {
    passed: 0,
    failed: 0,
    skipped: [],
    failures: [],
    vscodeVersion: vscode.version,
    nodeVersion: process.version,
  };
  const finish = () => {
    if (resultsDir) writeAtomic(path.join(resultsDir, 'results.json'), JSON.stringify(results, null, 2));
  };

  try {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    if (process.env.VSC_TEST_GREP) mocha.grep(process.env.VSC_TEST_GREP);
    const only = (process.env.VSC_TEST_FILES || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const exclude = (process.env.VSC_TEST_EXCLUDE || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const files = findTests(__dirname)
      .filter((f) => only.length === 0 || only.some((s) => f.includes(s)))
      .filter((f) => !exclude.some((s) => f.includes(s)));
    if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
    log(
      `VS Code ${vscode.version}, ${files.length} test file(s): ${files.map((f) => path.relative(__dirname, f)).join(', ')}`,
    );
    for (const f of files) mocha.addFile(f);
    // Loaded here (mocha.run would) to give every top-level suite the settings guard: a snapshot
    // before its own hooks, everything it left changed put back after its last hook.
    // (loadFiles and lazyLoadFiles are public in mocha's JavaScript, not in its typings.)
    const loader = mocha as unknown as { loadFiles(): void; lazyLoadFiles(lazy: boolean): void };
    loader.loadFiles();
    loader.lazyLoadFiles(true);
    for (const suite of mocha.suite.suites) {
      let snapshot: SettingsSnapshot | undefined;
      suite.beforeAll('settings guard: note the settings this suite starts with', () => {
        snapshot = takeSettings();
      });
      const hooks = (suite as unknown as { _beforeAll: unknown[] })._beforeAll;
      hooks.unshift(hooks.pop());
      suite.afterAll('settings guard: put back the settings this suite changed', async () => {
        if (!snapshot) return;
        const restored = await restoreSettings(snapshot);
        if (restored.length) log(`  (settings put back after "${suite.title}": ${restored.join(', ')})`);
      });
    }

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => {
        results.passed++;
        log(`  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
      });
      runner.on('fail', (test, err) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: errorText(err) });
        log(`  FAIL ${test.fullTitle()}\n${errorText(err).replace(/^/gm, '       ')}`);
      });
      runner.on('pending', (test) => {
        results.skipped.push(test.fullTitle());
        log(`  skip ${test.fullTitle()}`);
      });
    });
  } catch (err) {
    // Loading a test file threw (syntax error, missing module, ...).
    results.failed++;
    results.failures.push({ title: 'loading the test suites', error: errorText(err) });
    log(`  FAIL loading the test suites\n${errorText(err)}`);
  }

  log(`${results.passed} passed, ${results.failed} failed, ${results.skipped.length} skipped`);
  finish();
  if (results.failed > 0) {
    throw new Error(`${results.failed} test(s) failed: ${results.failures.map((f) => f.title).join('; ')}`);
  }
}
