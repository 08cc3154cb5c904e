// Picks the Graph's layout library (issue 25): @dagrejs/dagre against elkjs on a generated DAG of
// 1,000 tasks in 40 task groups of 25, left to right: each one's size bundled for the page (esbuild,
// minified, browser) and its layout time in plain Node (median of 5). `node bench/graphLayout.mjs [tasks] [--only=dagre|elk]`.
import { performance } from 'node:perf_hooks';
import dagre from '@dagrejs/dagre';
import ELK from 'elkjs/lib/elk.bundled.js';
import * as esbuild from 'esbuild';

const TASKS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);

/** A DAG of tasks in groups of 25, each depending on one to three of the 50 tasks before it. */
function generatedDag(n) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const tasks = Array.from({ length: n }, (_, i) => ({
    id: `group_${Math.floor(i / 25)}.task_${i}`,
    group: `group_${Math.floor(i / 25)}`,
  }));
  const edges = [];
  for (let i = 1; i < n; i++) {
    // Among the 50 tasks before it (its group and the one before), as a pipeline's steps depend on recent ones.
    const parents = new Set(
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => i - 1 - Math.floor(random() * Math.min(i, 50))),
    );
    for (const p of parents) edges.push([tasks[p].id, tasks[i].id]);
  }
  return { tasks, edges };
}

const SIZE = { width: 180, height: 36 };

function dagreLayout({ tasks, edges }) {
  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: 'LR', nodesep: 12, ranksep: 48 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of new Set(tasks.map((t) => t.group))) g.setNode(group, {});
  for (const t of tasks) {
    g.setNode(t.id, { ...SIZE });
    g.setParent(t.id, t.group);
  }
  for (const [a, b] of edges) g.setEdge(a, b);
  dagre.layout(g);
  return g.graph().width;
}

async function elkLayout({ tasks, edges }) {
  const elk = new ELK();
  const groups = new Map();
  for (const t of tasks) {
    if (!groups.has(t.group)) groups.set(t.group, { id: t.group, children: [] });
    groups.get(t.group).children.push({ id: t.id, ...SIZE });
  }
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    },
    children: [...groups.values()],
    edges: edges.map(([a, b], i) => ({ id: `e${i}`, sources: [a], targets: [b] })),
  };
  const laid = await elk.layout(graph);
  return laid.width;
}

async function bundledKb(contents) {
  const r = await esbuild.build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return Math.round(r.outputFiles[0].contents.length / 102.4) / 10;
}

async function median(layout, dag) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await layout(dag);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[2]);
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const dag = generatedDag(TASKS);
console.log(
  `${TASKS} tasks, ${dag.edges.length} edges, ${new Set(dag.tasks.map((t) => t.group)).size} groups, left to right; node ${process.version}`,
);
const LIBRARIES = [
  ['dagre', '@dagrejs/dagre', "import dagre from '@dagrejs/dagre'; globalThis.d = dagre.layout;", dagreLayout],
  ['elk', 'elkjs (elk.bundled.js)', "import ELK from 'elkjs/lib/elk.bundled.js'; globalThis.e = new ELK();", elkLayout],
];
for (const [key, library, entry, layout] of LIBRARIES) {
  if (only && only !== key) continue;
  const kb = await bundledKb(entry);
  console.log(`${library}: ${kb} KiB minified for the browser, layout median of 5 ${await median(layout, dag)} ms`);
}
