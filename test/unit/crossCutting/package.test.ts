import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

describe('the .vsix package', function () {
  this.timeout(120_000);

  it('holds the bundle and its chunks, manifest, README, licence and media, and nothing from src, test or caches', function () {
    assert.ok(existsSync(join(root, 'dist/extension.js')), 'build first (npm test does)');
    const out = join(mkdtempSync(join(tmpdir(), 'vsix-')), 'airflow-vscode.vsix');
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/@vscode/vsce/vsce'),
        'package',
        '--no-dependencies',
        '--no-rewrite-relative-links',
        '--out',
        out,
      ],
      {
        cwd: root,
        stdio: 'pipe',
        env: { ...process.env, npm_config_yes: 'true' },
      },
    );
    const listing = execFileSync(
      'python3',
      ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', out],
      { encoding: 'utf8' },
    );
    const files = listing
      .trim()
      .split('\n')
      .filter((f) => f.startsWith('extension/'))
      .map((f) => f.slice('extension/'.length));
    for (const needed of [
      'dist/extension.js',
      'dist/agent.js',
      'dist/api.js',
      'dist/dagFiles.js',
      'dist/trigger.js',
      'dist/wizard.js',
      'dist/runViews.js',
      'dist/runView.js',
      'media/runView.css',
      'package.json',
      'readme.md',
      'LICENSE.txt',
      'media/airflow.svg',
      'media/icon.png',
      'changelog.md',
    ]) {
      assert.ok(
        files.some((f) => f.toLowerCase() === needed.toLowerCase()),
        `${needed} missing from ${files.join(', ')}`,
      );
    }
    const forbidden = files.filter(
      (f) =>
        /^(src|test|out|scripts|bench|\.cache|node_modules|test-results)\//.test(f) ||
        f.endsWith('.map') ||
        f.endsWith('.ts') ||
        /^media\/screenshot/.test(f),
    );
    assert.deepEqual(forbidden, []);
    console.log(`      .vsix: ${files.length} files, ${(statSync(out).size / 1024).toFixed(1)} KiB`);
  });

  it('loads no chunk at activation; each chunk loads later and has no module of its own that another output has', function () {
    const dir = mkdtempSync(join(tmpdir(), 'chunks-'));
    execFileSync(
      process.execPath,
      ['esbuild.mjs', '--production', `--outdir=${dir}`, '--metafile', join(dir, 'meta.json')],
      { cwd: root, stdio: 'pipe' },
    );
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const outputs = Object.keys(meta.outputs)
      .filter((f) => f.endsWith('.js'))
      .map((f) => f.split('/').pop()!)
      .sort();
    assert.deepEqual(outputs, [
      'agent.js',
      'agentTools.js',
      'api.js',
      'dagFiles.js',
      'extension.js',
      'runView.js',
      'runViews.js',
      'trigger.js',
      'wizard.js',
    ]);
    // The run view's page (runView.js) runs in the webview, a world of its own: it shares no module state
    // with the extension, so it may bundle the pure modules the extension has too, and never vscode.
    assert.equal(readFileSync(join(dir, 'runView.js'), 'utf8').split('require("vscode")').length - 1, 0);
    const owner = new Map<string, string>();
    for (const [file, out] of Object.entries(meta.outputs).filter(([f]) => !f.endsWith('/runView.js'))) {
      // main-*: a chunk's stand-ins for what it takes from the main bundle; vscode-once: each output's one require of `vscode`.
      for (const input of Object.keys(out.inputs).filter((i) => !/^(main-(bundle|entry)|vscode-once):/.test(i))) {
        assert.ok(!owner.has(input), `${input} is in ${owner.get(input)} and in ${file}`);
        owner.set(input, file);
      }
    }
    for (const f of outputs) {
      const n = readFileSync(join(dir, f), 'utf8').split('require("vscode")').length - 1;
      assert.ok(
        n <= 1,
        `${f} requires vscode ${n} times: each is a copy of the whole API made at load (27 of them cost ~6 ms of activation)`,
      );
    }
    // A stub vscode module: enough for activate() and for loading the chunks, nothing real.
    const child = `
      const Module = require('module');
      const stub = () => new Proxy(function () {}, { get: (_t, k) => (k === 'then' || k === 'workspaceFolders' || k === 'workspaceFile' ? undefined : k === 'visible' ? false : stub()), apply: () => stub(), construct: () => stub() });
      const vscode = new Proxy({}, { get: (_t, k) => stub(), has: () => true, ownKeys: () => ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'EventEmitter', 'TreeItem', 'ThemeIcon', 'ThemeColor', 'MarkdownString', 'Disposable', 'TreeItemCollapsibleState', 'StatusBarAlignment', 'ConfigurationTarget', 'ProgressLocation', 'Uri', 'QuickInputButtons', 'QuickPickItemKind', 'FoldingRange', 'FoldingRangeKind', 'Range', 'Position', 'ViewColumn', 'TextEditorRevealType', 'CodeLens'], getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }) });
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (req, ...rest) { return req === 'vscode' ? 'vscode' : resolve.call(this, req, ...rest); };
      require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
      const dir = ${JSON.stringify(dir)};
      const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(dir)).map((f) => f.slice(dir.length + 1)).sort();
      const memento = { get: () => undefined, update: async () => {}, keys: () => [] };
      require(dir + '/extension.js').activate({ subscriptions: [], globalState: memento, workspaceState: memento, secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) }, globalStorageUri: { fsPath: dir }, logUri: { fsPath: dir }, extensionUri: { fsPath: dir } });
      const atActivation = loaded();
      const exports = {};
      for (const c of ['api', 'trigger', 'wizard', 'dagFiles', 'runViews', 'agentTools']) exports[c] = Object.keys(require(dir + '/' + c + '.js')).sort();
      process.stdout.write(JSON.stringify({ atActivation, exports }));
    `;
    const r = JSON.parse(execFileSync(process.execPath, ['-e', child], { encoding: 'utf8' })) as {
      atActivation: string[];
      exports: Record<string, string[]>;
    };
    assert.deepEqual(r.atActivation, ['extension.js']);
    assert.deepEqual(r.exports, {
      api: ['V1Api', 'V1_FORBIDDEN_PROBE', 'V2Api'],
      trigger: ['Triggers'],
      wizard: ['editFlow', 'splitArgs'],
      dagFiles: ['DagFiles', 'DagLenses', 'findDagDefinitions', 'localPathOf', 'sameFile', 'sameSource'],
      runViews: ['RunViewPanels'],
      agentTools: ['invokeTool', 'prepareTool'],
    });
  });

  it("ships a bundle without the test hooks, which only the suites' own build keeps", function () {
    // The hooks hand the explorer and the profile store (and so secrets) to whoever activates
    // the extension; only scripts/vscode/test-extension.mjs builds them in.
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const build = (outdir: string, ...flags: string[]) => {
      execFileSync(process.execPath, ['esbuild.mjs', '--production', ...flags, `--outdir=${outdir}`], {
        cwd: root,
        stdio: 'pipe',
      });
      return readFileSync(join(outdir, 'extension.js'), 'utf8');
    };
    const shipped = build(join(dir, 'shipped'));
    const withHooks = build(join(dir, 'hooks'), '--test-hooks');
    assert.ok(withHooks.includes('AIRFLOW_VSCODE_TEST_HOOKS'), 'the test build reads the hooks switch');
    assert.ok(!shipped.includes('AIRFLOW_VSCODE_TEST_HOOKS'), 'the shipped bundle must not read the hooks switch');
    assert.ok(
      !readFileSync(join(root, 'dist/extension.js'), 'utf8').includes('AIRFLOW_VSCODE_TEST_HOOKS'),
      'dist/extension.js (what the .vsix packs) has no hooks',
    );
  });
});
