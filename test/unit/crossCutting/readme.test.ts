// The README is the user's reference: every command and setting the extension declares is in its
// tables, and the tables name nothing the extension does not declare.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string }>; configuration: { properties: Record<string, unknown> } };
};
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The text of the README section under `## heading`, up to the next `## `. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `the README has a "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

const idsIn = (text: string) => new Set([...text.matchAll(/`(airflow\.[A-Za-z]+)`/g)].map((m) => m[1]));

describe('README tables against package.json', () => {
  it('lists every command, and only declared ones', () => {
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    const listed = idsIn(section('Commands'));
    assert.deepEqual(
      [...declared].filter((id) => !listed.has(id)),
      [],
      'commands missing from the README',
    );
    assert.deepEqual(
      [...listed].filter((id) => !declared.has(id)),
      [],
      'the README lists commands that do not exist',
    );
  });

  it('lists every setting, and only declared ones', () => {
    const declared = new Set(Object.keys(pkg.contributes.configuration.properties));
    const listed = idsIn(section('Settings'));
    assert.deepEqual(
      [...declared].filter((id) => !listed.has(id)),
      [],
      'settings missing from the README',
    );
    assert.deepEqual(
      [...listed].filter((id) => !declared.has(id)),
      [],
      'the README lists settings that do not exist',
    );
  });
});
