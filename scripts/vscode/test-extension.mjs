// The extension the VS Code suites run: exactly the files the .vsix ships (as `vsce ls` lists
// them, after .vscodeignore), with the bundle rebuilt with the test-hooks switch on. The shipped
// bundle has no test hooks at all (esbuild defines them away), so the suites need their own copy.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Builds `<root>/out/test-extension` and returns its path. */
export function prepareTestExtension(root) {
  const dir = join(root, 'out', 'test-extension');
  rmSync(dir, { recursive: true, force: true });
  const shipped = run(join(root, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], root)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (!shipped.includes('package.json') || !shipped.includes('dist/extension.js')) {
    throw new Error(`vsce ls did not list package.json and dist/extension.js: ${shipped.join(', ')}`);
  }
  for (const file of shipped.filter((f) => !f.startsWith('dist/'))) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(root, file), join(dir, file));
  }
  run(process.execPath, ['esbuild.mjs', '--production', '--test-hooks', `--outdir=${join(dir, 'dist')}`], root);
  return dir;
}

// `node scripts/vscode/test-extension.mjs` (used by `npm run test:electron`) prepares it and prints its path.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(prepareTestExtension(join(dirname(new URL(import.meta.url).pathname), '..', '..')));
}

/**
 * For the suite that runs against the extension as a user installs it: the .vsix packed from
 * the shipped build (dist/, no test hooks), and an empty extension that only carries the suite
 * into the extension host. Returns { vsix, carrier }.
 */
export function preparePackagedRun(root) {
  const dir = join(root, 'out', 'packaged');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'carrier'), { recursive: true });
  const vsix = join(dir, 'airflow-vscode.vsix');
  run(
    join(root, 'node_modules/.bin/vsce'),
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix],
    root,
  );
  writeFileSync(
    join(dir, 'carrier', 'package.json'),
    JSON.stringify(
      {
        name: 'airflow-vscode-suite-carrier',
        publisher: 'airflow-vscode-tests',
        version: '0.0.0',
        engines: { vscode: '*' },
      },
      null,
      2,
    ),
  );
  return { vsix, carrier: join(dir, 'carrier') };
}
