// Sizes a user downloads and loads: the bundle, the lazily loaded TLS/proxy agent and chunks, and the .vsix,
// with what contributes most to the bundle (esbuild's metafile). Used by bench/run.mjs.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/ky/distribution/x.js` -> `ky`; `src/views/explorer/x.ts` -> `src/views`. */
function owner(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m) return m[1];
  const parts = input.split('/');
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : input;
}

export function sizes(root, metafile) {
  const meta = JSON.parse(readFileSync(metafile, 'utf8'));
  const out = (name) => {
    const o = meta.outputs[`dist/${name}`];
    const by = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(o.inputs))
      by.set(owner(input), (by.get(owner(input)) ?? 0) + bytesInOutput);
    const top = [...by.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, bytes]) => ({ name, kb: Math.round(bytes / 102.4) / 10 }));
    return { kb: Math.round(o.bytes / 102.4) / 10, top };
  };
  // The chunks the bundle requires on first use (esbuild.mjs), the agent aside.
  const chunks = Object.keys(meta.outputs)
    .filter((f) => f.endsWith('.js') && !/\/(extension|agent)\.js$/.test(f))
    .map((f) => ({ name: f, kb: Math.round(meta.outputs[f].bytes / 102.4) / 10 }));
  return {
    bundle: out('extension.js'),
    agent: out('agent.js'),
    chunks,
    vsixKb: Math.round(statSync(join(root, 'dist/airflow-vscode.vsix')).size / 102.4) / 10,
  };
}
