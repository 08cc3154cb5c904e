import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

describe('the .vsix package', function () {
  this.timeout(120_000);

  it('holds the bundle, manifest, README, licence and media, and nothing from src, test or caches', function () {
    assert.ok(existsSync(join(root, 'dist/extension.js')), 'build first (npm test does)');
    const out = join(mkdtempSync(join(tmpdir(), 'vsix-')), 'airflow-vscode.vsix');
    execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], {
      cwd: root, stdio: 'pipe', env: { ...process.env, npm_config_yes: 'true' },
    });
    const listing = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', out], { encoding: 'utf8' });
    const files = listing.trim().split('\n').filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
    for (const needed of ['dist/extension.js', 'package.json', 'readme.md', 'LICENSE.txt', 'media/airflow.svg', 'media/icon.png', 'changelog.md']) {
      assert.ok(files.some((f) => f.toLowerCase() === needed.toLowerCase()), `${needed} missing from ${files.join(', ')}`);
    }
    const forbidden = files.filter((f) => /^(src|test|out|scripts|bench|\.cache|node_modules|test-results)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts') || /^media\/screenshot/.test(f));
    assert.deepEqual(forbidden, []);
    console.log(`      .vsix: ${files.length} files, ${(statSync(out).size / 1024).toFixed(1)} KiB`);
  });

  it('ships a bundle without the test hooks, which only the suites\' own build keeps', function () {
    // The hooks hand the explorer and the profile store (and so secrets) to whoever activates
    // the extension; only scripts/vscode/test-extension.mjs builds them in.
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const build = (outdir: string, ...flags: string[]) => {
      execFileSync(process.execPath, ['esbuild.mjs', '--production', ...flags, `--outdir=${outdir}`], { cwd: root, stdio: 'pipe' });
      return readFileSync(join(outdir, 'extension.js'), 'utf8');
    };
    const shipped = build(join(dir, 'shipped'));
    const withHooks = build(join(dir, 'hooks'), '--test-hooks');
    assert.ok(withHooks.includes('AIRFLOW_VSCODE_TEST_HOOKS'), 'the test build reads the hooks switch');
    assert.ok(!shipped.includes('AIRFLOW_VSCODE_TEST_HOOKS'), 'the shipped bundle must not read the hooks switch');
    assert.ok(!readFileSync(join(root, 'dist/extension.js'), 'utf8').includes('AIRFLOW_VSCODE_TEST_HOOKS'), 'dist/extension.js (what the .vsix packs) has no hooks');
  });
});
