// No import cycle among the sources: every import of src/**/*.ts (type-only ones, `import('…')` types and
// `require('…')` included) is read from the text, and each cycle found is named.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
const src = join(root, 'src');

const rel = (f: string) => relative(root, f).split('\\').join('/');

/** Every .ts file under src/. */
function sources(): string[] {
  return readdirSync(src, { recursive: true })
    .map((f) => join(src, String(f)))
    .filter((f) => f.endsWith('.ts'));
}

/** The text without comments that start a line or a block (a `//` inside a string, as in a URL, stays). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** The relative module specifiers a file names: `import … from`, `export … from`, `import '…'`, `import('…')`, `require('…')`. */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code(text).matchAll(re)) found.push(m[1]);
  return found.filter((s) => s.startsWith('.'));
}

/** The source file a relative specifier names: `x.ts` or `x/index.ts`. */
function resolveFrom(file: string, spec: string): string | undefined {
  const base = resolve(dirname(file), spec);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((f) => f.endsWith('.ts') && existsSync(f));
}

/** The groups of files that reach each other through imports (strongly connected, more than one file or a self-import). */
export function tangles(graph: Map<string, string[]>): string[][] {
  // Tarjan's strongly connected components.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!order.has(v)) visit(v);
  return groups.map((g) => g.sort());
}

/** Each import cycle, as the files around it (the first repeated at the end): the shortest through each tangle's first file. */
export function cycles(graph: Map<string, string[]>): string[][] {
  return tangles(graph).map((group) => {
    const members = new Set(group);
    const start = [...group].sort()[0];
    const from = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(from.get(path[0])!);
          return [...path, start];
        }
        if (!from.has(w)) {
          from.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

describe('import graph', () => {
  it('reads every kind of import', () => {
    const text = [
      "import * as vscode from 'vscode';",
      "import type { A } from './a';",
      "import {\n  b,\n  type C,\n} from '../b';",
      "export { d } from './d';",
      "import './e';",
      "type F = typeof import('./f').F;",
      "const g = require('./g') as typeof import('./h');",
      "// require('./commented')",
      "const url = 'http://x'; // import('./i') after code is read as code",
    ].join('\n');
    assert.deepEqual(specifiers(text).sort(), ['../b', './a', './d', './e', './f', './g', './h', './i']);
  });

  it('finds a cycle and names its files', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    assert.deepEqual(cycles(graph), [['a', 'b', 'c', 'a']]);
  });

  it('has no cycle among the files of src/', () => {
    const graph = new Map<string, string[]>();
    for (const file of sources()) {
      const targets = specifiers(readFileSync(file, 'utf8'))
        .map((spec) => resolveFrom(file, spec))
        .filter((f): f is string => f !== undefined);
      graph.set(rel(file), [...new Set(targets.map(rel))]);
    }
    // Each cycle, and every file tangled with it (more cycles may run through them).
    const paths = cycles(graph);
    const found = tangles(graph).map((group, i) => `${paths[i].join(' → ')} (tangled: ${group.join(', ')})`);
    assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
  });
});
