// Every command declared in package.json is registered, and every registered one declared (read from the sources: no `vscode` here).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

/** Every .ts file under a folder of the repository, generated code aside. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map((f) => join(root, dir, String(f)))
    .filter((f) => f.endsWith('.ts') && !f.includes(`${join('airflow', 'generated')}`));
}

const rel = (f: string) => relative(root, f).split('\\').join('/');

describe('commands', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> };
  };
  const declared = manifest.contributes.commands.map((c) => c.command).sort();
  const registered = sources('src/commands')
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bcommand\(\s*'([\w.]+)'/g)].map((m) => m[1]))
    .sort();

  it('registers every command package.json declares, and declares every one it registers', () => {
    assert.ok(registered.length > 0, 'no command(...) found under src/commands');
    assert.deepEqual(registered, declared);
  });

  it('registers each command once', () => {
    assert.deepEqual(
      registered.filter((id, i) => registered.indexOf(id) !== i),
      [],
    );
  });

  it('names only declared commands in menus', () => {
    const inMenus = Object.values(manifest.contributes.menus)
      .flat()
      .map((m) => m.command);
    assert.deepEqual(
      inMenus.filter((id) => !declared.includes(id)),
      [],
    );
  });

  it('calls registerCommand only in the one wrapper, src/commands/command.ts', () => {
    const callers = sources('src')
      .filter((f) => /\bregisterCommand\(/.test(readFileSync(f, 'utf8')))
      .map(rel);
    assert.deepEqual(callers, ['src/commands/command.ts']);
  });
});

describe('layers', () => {
  it('keeps vscode out of src/airflow', () => {
    const offenders = sources('src/airflow')
      .filter((f) => /from 'vscode'|require\('vscode'\)/.test(readFileSync(f, 'utf8')))
      .map(rel);
    assert.deepEqual(offenders, []);
  });

  it('keeps source files (generated ones aside) to at most 250 lines', () => {
    const long = sources('src')
      .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 251); // a file's last line ends with a newline: 250 lines split into 251 parts
    assert.deepEqual(long, []);
  });
});
