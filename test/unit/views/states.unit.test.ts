// Every state the v1 and v2 APIs can return has a look of its own (icon, theme colour, label).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { components as C1 } from '../../../src/airflow/generated/v1';
import type { components as C2 } from '../../../src/airflow/generated/v2';
import type { TaskState } from '../../../src/airflow';
import { lookOf, NO_STATUS } from '../../../src/views/states';

const root = join(__dirname, '..', '..', '..', '..');

type ApiState =
  | C1['schemas']['TaskState']
  | C1['schemas']['DagState']
  | C2['schemas']['TaskInstanceState']
  | C2['schemas']['DagRunState']
  // States newer than the generated specs (3.3's awaiting_input) come from the domain model.
  | TaskState;

// Written out so the compiler checks it is complete: a regenerated spec with a new state fails here.
const EVERY_STATE: Record<Exclude<ApiState, null>, true> = {
  success: true,
  running: true,
  failed: true,
  upstream_failed: true,
  skipped: true,
  up_for_retry: true,
  up_for_reschedule: true,
  queued: true,
  none: true,
  scheduled: true,
  deferred: true,
  removed: true,
  restarting: true,
  awaiting_input: true,
  shutdown: true,
};

/** The members of a string union in a generated file, read from its text. */
function unionIn(file: string, name: string): string[] {
  const text = readFileSync(join(root, 'src/airflow/generated', file), 'utf8');
  const line = new RegExp(`^\\s+${name}: (.+);$`, 'm').exec(text);
  assert.ok(line, `${name} not found in ${file}`);
  return [...line[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

describe('state looks', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { colors: { id: string; defaults: Record<string, string> }[] };
  };
  const colours = new Map(pkg.contributes.colors.map((c) => [c.id, c.defaults]));

  it('lists every state of the generated API types', () => {
    const inSpecs = [
      ...unionIn('v1.ts', 'TaskState'),
      ...unionIn('v1.ts', 'DagState'),
      ...unionIn('v2.ts', 'TaskInstanceState'),
      ...unionIn('v2.ts', 'DagRunState'),
    ];
    assert.ok(inSpecs.includes('deferred') && inSpecs.includes('up_for_reschedule'), 'the unions were read');
    for (const s of inSpecs) assert.ok(Object.hasOwn(EVERY_STATE, s), `state "${s}" of the specs is missing here`);
  });

  it('gives every state but "no status" its own icon and a contributed colour with light, dark and high-contrast values', () => {
    const icons = new Map<string, string>();
    for (const state of Object.keys(EVERY_STATE) as (keyof typeof EVERY_STATE)[]) {
      const look = lookOf(state);
      if (state === 'none') {
        assert.equal(look, NO_STATUS, 'v1\'s "none" is no status');
        continue;
      }
      assert.notEqual(look, NO_STATUS, `${state} falls back to the "no status" circle`);
      assert.notEqual(look.icon, NO_STATUS.icon, `${state} uses the "no status" icon`);
      assert.ok(look.color, `${state} has no colour`);
      const defaults = colours.get(look.color);
      assert.ok(defaults, `${look.color} (for ${state}) is not contributed in package.json`);
      for (const theme of ['light', 'dark', 'highContrast', 'highContrastLight'])
        assert.match(defaults[theme] ?? '', /^#[0-9a-f]{6}$/i, `${look.color} ${theme}`);
      assert.match(look.label, /^[a-z ]+$/, 'a plain label (it goes into Markdown tooltips)');
      // shutdown (2.0-2.3) is shown as the failure it is; every other state has its own icon.
      if (state !== 'shutdown') {
        assert.ok(!icons.has(look.icon), `${state} shares its icon with ${icons.get(look.icon)}`);
        icons.set(look.icon, state);
      }
    }
    assert.equal(lookOf(null), NO_STATUS);
    assert.equal(lookOf(undefined), NO_STATUS);
  });

  it("uses the Airflow 3 UI's colours in light themes (its palette's solid shade)", () => {
    const light = (state: TaskState) => colours.get(lookOf(state).color!)!.light.toLowerCase();
    assert.equal(light('success'), '#007600');
    assert.equal(light('failed'), '#e7000b');
    assert.equal(light('running'), '#0092b8');
    assert.equal(light('deferred'), '#9810fa');
    assert.equal(light('awaiting_input'), '#d93f0a');
    assert.equal(light('upstream_failed'), '#e17100');
  });

  it('shows a state newer than the extension as itself, never as "no status", and never server text that is not a plain word', () => {
    const future = lookOf('planned_later' as TaskState);
    assert.notEqual(future, NO_STATUS);
    assert.equal(future.label, 'planned later');
    assert.equal(lookOf('[x](javascript:alert)' as TaskState).label, 'unknown state');
    assert.equal(lookOf('constructor' as TaskState).label, 'constructor', "not Object.prototype's");
  });
});
