// Bundles the extension into one CommonJS file for the extension host.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

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

const ctx = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  // The map is written beside the bundle, never inlined, and .vscodeignore keeps it out of the .vsix.
  sourcemap: production ? 'external' : true,
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'silent',
  plugins: [problemReporter],
});

if (watch) {
  await ctx.watch();
} else {
  const result = await ctx.rebuild();
  await ctx.dispose();
  if (result.errors.length > 0) process.exit(1);
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(`[esbuild] dist/extension.js ${(bytes / 1024).toFixed(1)} KiB`);
}
