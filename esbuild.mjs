// Bundles the extension for the extension host: dist/extension.js, and the chunks it loads on first use.
// `--production` minifies; `--watch` rebuilds on change; `--outdir=<dir>` writes elsewhere than dist/.
// `--test-hooks` keeps the hooks the VS Code suites reach the extension's internals through
// (scripts/vscode/test-extension.mjs); every other build removes them from the bundle.
import { copyFileSync, watch as watchFiles, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const testHooks = process.argv.includes('--test-hooks');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

/**
 * Code that activation does not need is bundled apart and required when first used: undici (TLS
 * options, proxies) in dist/agent.js, and the chunks below. The source reaches each with a plain
 * `require('./<file>')` inside a function (so tests run the compiled module) and `import type`.
 */
const CHUNKS = {
  agent: 'src/airflow/agentFactory.ts',
  wizard: 'src/commands/profileWizard/index.ts',
  trigger: 'src/trigger/triggers.ts',
  api: 'src/airflow/apis.ts',
  dagFiles: 'src/dagFiles/chunk.ts',
  runViews: 'src/runViews/chunk.ts',
  agentTools: 'src/agentTools/chunk.ts',
};

/**
 * The run view's page runs in the webview, not the extension host: a browser bundle of its own
 * (elkjs included), loaded only by the panel's HTML, sharing no module state with the extension.
 */
const PAGES = { runView: 'src/runViews/page/main.ts' };
const ELK_WORKER = 'node_modules/elkjs/lib/elk-worker.min.js';
const chunkOf = new Map(Object.entries(CHUNKS).map(([name, file]) => [resolve(file), name]));
// The main bundle exports the modules the chunks share with it under this name.
const SHARED = '__airflowShared';

/** A require of a chunk's entry becomes a require of its file beside the bundle. */
const lazyChunks = (self) => ({
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
      const r = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'inner',
      });
      const name = chunkOf.get(r.path);
      if (!name || name === self) return undefined;
      if (args.kind !== 'require-call')
        return {
          errors: [
            {
              text: `${args.path} is the lazily loaded ${name}.js: reach it with require() inside a function and import type only`,
            },
          ],
        };
      return { path: `./${name}.js`, external: true };
    });
  },
});

/**
 * A chunk must not hold its own copy of a module of the main bundle (a second class identity, a
 * second module state): it takes the main bundle's, which exports each one a chunk imports.
 */
const fromMain = (mainInputs, used) => ({
  name: 'from-main',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (
        args.pluginData === 'inner' ||
        args.kind === 'entry-point' ||
        args.path === 'vscode' ||
        args.path.startsWith('node:')
      )
        return undefined;
      const r = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'inner',
      });
      if (r.errors.length || r.external) return undefined;
      const key = relative(process.cwd(), r.path).split(sep).join('/');
      if (!mainInputs.has(key) || chunkOf.has(r.path)) return undefined;
      used.add(key);
      return { path: key, namespace: 'main-bundle' };
    });
    build.onLoad({ filter: /.*/, namespace: 'main-bundle' }, (args) => ({
      contents: `module.exports = require('./extension.js').${SHARED}[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/extension\.js$/, namespace: 'main-bundle' }, () => ({
      path: './extension.js',
      external: true,
    }));
  },
});

/**
 * `vscode` is required once per output file: imported as is, esbuild copies every property of the
 * API into a fresh namespace object in each file that imports it (27 copies, ~6 ms of activation).
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

/** The main entry: the extension, plus the modules the chunks take from it. */
const mainEntry = (shared) => ({
  name: 'main-entry',
  setup(build) {
    build.onResolve({ filter: /^airflow-main$/ }, () => ({ path: 'airflow-main', namespace: 'main-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'main-entry' }, () => ({
      resolveDir: process.cwd(),
      loader: 'ts',
      contents: [
        "export * from './src/extension';",
        ...shared.map((key, i) => `import * as m${i} from ${JSON.stringify(`./${key}`)};`),
        `export const ${SHARED} = { ${shared.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(', ')} };`,
      ].join('\n'),
    }));
  },
});

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outdir,
  external: ['vscode'],
  // The hook is gated on this variable; defined away, the minifier drops the branch entirely.
  define: testHooks ? {} : { 'process.env.AIRFLOW_VSCODE_TEST_HOOKS': 'undefined' },
  // ESM first: jsonc-parser's "main" is a UMD build whose internal requires esbuild cannot follow.
  mainFields: ['module', 'main'],
  minify: production,
  // The map is written beside the bundle, never inlined, and .vscodeignore keeps it out of the .vsix.
  sourcemap: production ? 'external' : true,
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'silent',
};

/**
 * Three passes: the main bundle's modules, then the chunks (taking those from it), then the main
 * bundle again, exporting what the chunks took. Fails when any module is in two outputs. Then the pages.
 */
async function buildAll() {
  const first = await esbuild.build({
    ...common,
    write: false,
    entryPoints: { extension: 'src/extension.ts' },
    plugins: [vscodeOnce, lazyChunks()],
  });
  const mainInputs = new Set(Object.keys(first.metafile.inputs));
  const used = new Set();
  const chunks = await Promise.all(
    Object.entries(CHUNKS).map(([name, file]) =>
      esbuild.build({
        ...common,
        entryPoints: { [name]: file },
        plugins: [vscodeOnce, lazyChunks(name), fromMain(mainInputs, used)],
      }),
    ),
  );
  const main = await esbuild.build({
    ...common,
    entryPoints: { extension: 'airflow-main' },
    plugins: [vscodeOnce, mainEntry([...used].sort()), lazyChunks()],
  });
  const metafile = { inputs: {}, outputs: {} };
  for (const r of [main, ...chunks]) {
    Object.assign(metafile.inputs, r.metafile.inputs);
    Object.assign(metafile.outputs, r.metafile.outputs);
  }
  const owners = new Map();
  for (const [file, out] of Object.entries(metafile.outputs)) {
    for (const input of Object.keys(out.inputs)) {
      if (input.startsWith('main-bundle:') || input.startsWith('main-entry:') || input.startsWith('vscode-once:'))
        continue;
      if (owners.has(input))
        throw new Error(
          `${input} is in both ${owners.get(input)} and ${file}: a chunk must take it from the main bundle`,
        );
      owners.set(input, file);
    }
  }
  const pages = await esbuild.build({
    ...common,
    entryPoints: PAGES,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
    plugins: [],
  });
  Object.assign(metafile.inputs, pages.metafile.inputs);
  Object.assign(metafile.outputs, pages.metafile.outputs);
  // The Graph's layout runs in a Web Worker: elkjs's own worker script, as its authors ship it,
  // fetched by the page only when a Graph is first drawn.
  copyFileSync(ELK_WORKER, join(outdir, 'elkWorker.js'));
  return metafile;
}

/** Builds, reporting problems as `file:line:col` for VS Code's problem matchers; resolves to the metafile or undefined. */
async function build() {
  console.log(`[esbuild] build started${watch ? ' (watch)' : ''}`);
  try {
    const metafile = await buildAll();
    console.log('[esbuild] build finished with 0 error(s)');
    return metafile;
  } catch (err) {
    const errors = err?.errors ?? [{ text: String(err?.message ?? err) }];
    for (const { text, location } of errors) {
      console.error(`✘ [ERROR] ${text}`);
      if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
    }
    console.log(`[esbuild] build finished with ${errors.length} error(s)`);
    return undefined;
  }
}

if (watch) {
  await build();
  let timer;
  watchFiles('src', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(build, 100);
  });
} else {
  const metafile = await build();
  if (!metafile) process.exit(1);
  // `--metafile FILE`: what went into each output, for the benchmark's size breakdown (bench/run.mjs).
  const metaAt = process.argv.indexOf('--metafile');
  if (metaAt > 0) writeFileSync(process.argv[metaAt + 1], JSON.stringify(metafile));
  for (const [file, out] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`[esbuild] ${file} ${(out.bytes / 1024).toFixed(1)} KiB`);
  }
}
