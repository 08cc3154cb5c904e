// ARCHITECTURE.md is read by every newcomer: each file and identifier it names must exist, so a
// rename or a split that leaves the document behind fails here instead of misleading a reader.
import * as assert from 'assert';
import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative, sep } from 'path';

const root = join(__dirname, '..', '..', '..', '..');
const doc = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
const pkg = readFileSync(join(root, 'package.json'), 'utf8');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'out', 'dist', '.cache', '.git', 'test-results'].includes(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(relative(root, p).split(sep).join('/'));
  }
  return out;
}

const files = walk(root);
const folders = new Set(
  files.flatMap((f) =>
    f
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/') + '/'),
  ),
);
const code = files
  .filter((f) => /\.(ts|mjs|cjs)$/.test(f) && !f.includes('/generated/'))
  .map((f) => readFileSync(join(root, f), 'utf8'));
/** The VS Code API the document names (`registerCommand`, `withProgress`) is declared there. */
const vscodeApi = readFileSync(join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
/** Names of other programs' things the document quotes: Airflow's `Param`, a keyword, a tool, the example DAG. */
const OUTSIDE = new Set(['Param', 'instanceof', 'tinyproxy', 'nginx', 'openssl', 'etl']);

/** Every name the code declares: classes, functions, variables, types, methods, properties, exports. */
const declared = new Set<string>();
for (const text of [...code, vscodeApi]) {
  const patterns = [
    /\b(?:class|interface|type|function|const|let|var|enum)\s+([A-Za-z_$][\w$]*)/g,
    /^\s*(?:(?:export|public|private|protected|static|readonly|async|get|set|override|abstract)\s+)*\*?([A-Za-z_$][\w$]*)\??\s*(?:<[^>\n]*>)?\s*[(:]/gm,
    /\bas\s+([A-Za-z_$][\w$]*)\b/g,
    // Keys of object literals (`order_by: …` in a query) are names the code uses too.
    /[{,]\s*([A-Za-z_$][\w$]*)\s*:/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) declared.add(m[1]);
}

/** The spans of inline code, with the heading of the section they stand in. */
const spans: { text: string; section: string }[] = [];
let section = '';
for (const line of doc.split('\n')) {
  if (line.startsWith('#')) section = line.replace(/^#+\s*/, '');
  if (line.startsWith('```')) continue;
  for (const m of line.matchAll(/`([^`]+)`/g)) spans.push({ text: m[1], section });
}

const PATH = /^(?:\.\.\/|\.\/)?[\w.@-]+(?:\/[\w.@-]+)*(?:\.(?:ts|mjs|cjs|js|json|md|sh|txt|py)|\/)$/;
const CHAIN = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:\(.*\))?$/;
/** Built outputs (esbuild.mjs names them), not source files. */
const esbuild = readFileSync(join(root, 'esbuild.mjs'), 'utf8');

describe('ARCHITECTURE.md names only what exists', () => {
  it('reads enough of the document to mean something', () => {
    assert.ok(spans.length > 100, `only ${spans.length} code spans read`);
  });

  it('every file and folder it names is in the repository', () => {
    const missing = spans
      .filter((s) => PATH.test(s.text))
      .filter(({ text }) => {
        const path = text.replace(/^(?:\.\.\/)+|^\.\//, '');
        // An output of a test run: the script that writes it names it.
        if (path.startsWith('test-results/')) return !code.some((c) => c.includes(path.slice('test-results/'.length)));
        if (
          path.startsWith('dist/') ||
          (!path.includes('/') && path.endsWith('.js') && esbuild.includes(path.replace(/\.js$/, '')))
        ) {
          return !esbuild.includes(path.replace(/^dist\//, '').replace(/\.js$/, ''));
        }
        if (path.endsWith('/')) return ![...folders].some((f) => f === path || f.endsWith(`/${path}`));
        return !files.some((f) => f === path || f.endsWith(`/${path}`));
      })
      .map((s) => `${s.text} (in "${s.section}")`);
    assert.deepStrictEqual(missing, [], 'files or folders named in ARCHITECTURE.md that do not exist');
  });

  it('names every source file (a line for each, so a new file is described where newcomers look)', () => {
    const sources = files.filter((f) => f.startsWith('src/') && f.endsWith('.ts') && !f.includes('/generated/'));
    assert.ok(sources.length > 100, `only ${sources.length} source files found`);
    const named = new Set(spans.flatMap((s) => s.text.split(/[\s,]+/)).map((t) => t.split('/').pop()));
    const unnamed = sources.filter((f) => !named.has(f.split('/').pop()));
    assert.deepStrictEqual(unnamed, [], 'source files ARCHITECTURE.md does not name');
  });

  it('every setting, command and view id it names is contributed by package.json', () => {
    const ids = spans
      .filter((s) => !PATH.test(s.text))
      .map((s) => s.text.match(/^(airflow\.[\w.]+)/)?.[1])
      .filter((id): id is string => !!id);
    assert.ok(ids.length > 0, 'no airflow.* id read');
    // `airflow.state.*` names a family: its prefix must be there.
    const has = (id: string) => (id.endsWith('.') ? pkg.includes(`"${id}`) : pkg.includes(`"${id}"`));
    const missing = ids.filter((id) => !has(id) && !code.some((c) => c.includes(`'${id}'`)));
    assert.deepStrictEqual(missing, [], 'ids named in ARCHITECTURE.md that package.json and the code do not have');
  });

  it('every identifier it names (a class, function, method or property) is declared in the code', () => {
    const named = spans
      .filter((s) => !PATH.test(s.text) && !s.text.startsWith('airflow.') && !/^[A-Z0-9_]+$/.test(s.text))
      .map((s) => ({ ...s, chain: s.text.match(CHAIN)?.[1] }))
      .filter((s): s is typeof s & { chain: string } => !!s.chain && !OUTSIDE.has(s.chain));
    assert.ok(named.length > 30, `only ${named.length} identifiers read`);
    const missing = named
      .filter(({ chain }) => {
        const parts = chain.split('.');
        // The last name, and every capitalised one (a class or type), must be declared.
        return parts.some((p, i) => (i === parts.length - 1 || /^[A-Z]/.test(p)) && !declared.has(p));
      })
      .map((s) => `${s.text} (in "${s.section}")`);
    assert.deepStrictEqual(missing, [], 'identifiers named in ARCHITECTURE.md that the code does not declare');
  });
});
