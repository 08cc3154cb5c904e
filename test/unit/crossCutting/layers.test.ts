// The layers of ARCHITECTURE.md, checked: a file imports from its own layer or the layers below it,
// never from above (type imports, `import('…')` types and requires included).
import * as assert from 'assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { dirname, join, normalize, relative, sep } from 'path';

const root = join(__dirname, '..', '..', '..', '..');
const src = join(root, 'src');

/** Top to bottom, as ARCHITECTURE.md draws them; each entry is a file or folder under src/. */
const LAYERS: string[][] = [
  ['extension.ts'],
  ['commands/'],
  ['services.ts'],
  ['trigger/', 'notifications/', 'runViews/', 'agentTools/'],
  ['views/explorer/', 'dagFiles/', 'logs/', 'status/'],
  ['ui/', 'views/format.ts', 'views/states.ts'],
  ['connection/'],
  ['profiles/'],
  ['airflow/'],
];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'generated') sources(p, out);
    } else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const rel = (file: string) => relative(src, file).split(sep).join('/');

/** The layer of a file under src/: the index of the entry that names it or its folder. */
function layerOf(file: string): number {
  const path = rel(file);
  const i = LAYERS.findIndex((layer) => layer.some((e) => (e.endsWith('/') ? path.startsWith(e) : path === e)));
  if (i < 0) throw new Error(`${path} is in no layer of ARCHITECTURE.md: add its folder to the diagram and to LAYERS`);
  return i;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)'(\.[^']*)'/gm)].map(
    (m) => m[1],
  );
  return specs
    .map((spec) => normalize(join(dirname(file), spec)))
    .map((base) => [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p)))
    .filter((p): p is string => !!p);
}

describe('layers (ARCHITECTURE.md)', () => {
  const files = sources(src);

  it('reads the imports of every source file', () => {
    assert.ok(files.length > 100, `only ${files.length} files`);
    assert.ok(files.flatMap(importsOf).length > 300, 'too few imports read: the pattern no longer matches');
  });

  it('every file is in a layer, and imports only from its own layer or the ones below', () => {
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => layerOf(target) < layerOf(file))
        .map((target) => `${rel(file)} imports ${rel(target)}, a layer above it`),
    );
    assert.deepStrictEqual(upward, []);
  });

  it('would see an import from above (the check can fail)', () => {
    assert.ok(layerOf(join(src, 'airflow', 'client.ts')) > layerOf(join(src, 'commands', 'index.ts')));
    assert.ok(importsOf(join(src, 'extension.ts')).some((t) => rel(t).startsWith('commands/')));
  });
});
