// Bundles the extension into one CommonJS file for the extension host.
// `--production` minifies; `--watch` rebuilds on change; `--outdir=<dir>` writes elsewhere than dist/.
// `--test-hooks` keeps the hooks the VS Code suites reach the extension's internals through
// (scripts/vscode/test-extension.mjs); every other build removes them from the bundle.
import { writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const testHooks = process.argv.includes('--test-hooks');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

/** Prints build problems in the `file:line:col: error: text` form VS Code's problem matchers read. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => console.log(`[esbuild] build started${watch ? ' (watch)' : ''}`));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log(`[esbuild] build finished with ${result.errors.length} error(s)`);
    });
  },
};

/**
 * undici (TLS options, proxies) is large and most profiles never need it, so it is its own
 * bundle, dist/agent.js, required only when a profile has TLS options or a proxy applies.
 */
const lazyAgent = {
  name: 'lazy-agent',
  setup(build) {
    build.onResolve({ filter: /^\.\/agentFactory$/ }, () => ({ path: './agent.js', external: true }));
  },
};

const ctx = await esbuild.context({
  entryPoints: { extension: 'src/extension.ts', agent: 'src/airflow/agentFactory.ts' },
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
  plugins: [problemReporter, lazyAgent],
});

if (watch) {
  await ctx.watch();
} else {
  const result = await ctx.rebuild();
  await ctx.dispose();
  if (result.errors.length > 0) process.exit(1);
  // `--metafile FILE`: what went into each output, for the benchmark's size breakdown (bench/run.mjs).
  const metaAt = process.argv.indexOf('--metafile');
  if (metaAt > 0) writeFileSync(process.argv[metaAt + 1], JSON.stringify(result.metafile));
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`[esbuild] ${file} ${(out.bytes / 1024).toFixed(1)} KiB`);
  }
}
