import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
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
});
