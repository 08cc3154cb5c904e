// Activation cost of the bundle in plain Node: load dist/extension.js and call activate() with a
// stub `vscode` module, in a fresh Node process each time (so nothing is cached). What VS Code
// reports as activation time is the same two parts: code loading + activate call. Used by bench/run.mjs.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const child = `
const Module = require('module');
const noop = () => ({ dispose() {} });
const event = () => noop;
// No workspace is open (workspace profiles hash the workspace's identity, which a stub object cannot give).
const proxy = () => new Proxy(function () {}, {
  get: (_t, k) => (k === 'then' || k === 'workspaceFile' || k === 'workspaceFolders' ? undefined : k === 'event' ? event : k === 'visible' ? false : proxy()),
  apply: () => proxy(),
  construct: () => proxy(),
  set: () => true,
  defineProperty: () => true,
});
// esbuild's interop copies the module's own properties, so the stub names what the bundle uses.
const names = ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'EventEmitter', 'TreeItem', 'ThemeIcon', 'ThemeColor',
  'MarkdownString', 'Disposable', 'TreeItemCollapsibleState', 'StatusBarAlignment', 'ConfigurationTarget', 'ProgressLocation', 'Uri',
  'QuickInputButtons', 'QuickPickItemKind', 'FoldingRange', 'FoldingRangeKind', 'Range', 'Position', 'ViewColumn', 'TextEditorRevealType'];
const vscode = Object.fromEntries(names.map((n) => [n, proxy()]));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) { return req === 'vscode' ? 'vscode' : resolve.call(this, req, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
const memento = { get: () => undefined, update: async () => {}, keys: () => [] };
const context = { subscriptions: [], globalState: memento, workspaceState: memento, secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: event },
  globalStorageUri: { fsPath: '/tmp' }, logUri: { fsPath: '/tmp' }, extensionUri: { fsPath: '${root}' } };
const t0 = process.hrtime.bigint();
const ext = require(${JSON.stringify(join(root, 'dist/extension.js'))});
const t1 = process.hrtime.bigint();
ext.activate(context);
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ load: Number(t1 - t0) / 1e6, activate: Number(t2 - t1) / 1e6 }));
`;

/** One `{ load, activate }` sample (ms) per fresh Node process. */
export function requireBundle(runs) {
  const samples = [];
  for (let i = 0; i < runs; i++)
    samples.push(JSON.parse(execFileSync(process.execPath, ['-e', child], { encoding: 'utf8' })));
  return samples;
}
