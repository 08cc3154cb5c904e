/**
 * Runs the same suites as scripts/vscode/run-in-code-server.mjs, but in desktop
 * VS Code downloaded by @vscode/test-electron (needs internet; it cannot run on
 * the project's CI machines, which reach only package registries).
 *
 *   npm run test:electron
 *
 * Env: VSCODE_TEST_VERSION ('stable' by default, e.g. '1.90.0' for the oldest
 * supported version). The UI helpers (support/ui.ts) need the outer browser of
 * run-in-code-server and are skipped here (VSC_TEST_RESULTS_DIR is not set).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // This file is out/test/vscode/runTestElectron.js; the extension with test hooks, built by
  // scripts/vscode/test-extension.mjs, is out/test-extension.
  const extensionDevelopmentPath = path.resolve(__dirname, '../../test-extension');
  const extensionTestsPath = path.resolve(__dirname, 'index');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'airflow-vscode-ws-'));
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      // Empty = no outer browser: UI tests skip instead of waiting for answers.
      extensionTestsEnv: { VSC_TEST_RESULTS_DIR: '', AIRFLOW_VSCODE_TEST_HOOKS: '1' },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('VS Code tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
