// Issue 12 in a real VS Code: a stored secret is never sent to another origin than the one it was
// entered for (a profile whose URL changed, a workspace reusing an id), and a profile switch
// mid-load never shows the previous profile's DAGs. The "other origin" is a fake Airflow that
// records every request, so the tests can prove the secret never reached it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { secretKey, type Profile } from '../../src/profiles/profile';
import type { Node } from '../../src/views/explorer/nodes';
import { FakeAirflow, fakeDag } from '../support/fakeAirflow';
import { hooks, settled, waitUntil } from './support/airflow';
import { pick } from './support/quickInput';
import { countElements, setWindowFocus, waitForSelector } from './support/screenshot';
import { dagNode, expand, row } from './support/tree';

const HEALTHY = { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy' } };

async function fakeServer(dagIds: string[], delayMs = 0): Promise<FakeAirflow> {
  const fake = await FakeAirflow.start();
  fake.route('GET', '/api/v2/monitor/health', () => ({ json: HEALTHY }));
  fake.route('GET', '/api/v2/dags', () => ({
    delayMs,
    json: {
      dags: dagIds.map((id, i) => ({ ...fakeDag(i), dag_id: id, dag_display_name: id })),
      total_entries: dagIds.length,
    },
  }));
  return fake;
}

/** Every request that carried `secret` anywhere (headers or body). */
function carrying(fake: FakeAirflow, secret: string): string[] {
  return fake.requests
    .filter((r) => JSON.stringify(r.headers).includes(secret) || r.body.includes(secret))
    .map((r) => `${r.method} ${r.path}`);
}

const dagIdsOf = (nodes: Node[]) => nodes.flatMap((n) => (n.kind === 'dag' ? [n.dag.dagId] : []));

describe('secrets bound to their server; no stale tree after a switch (real VS Code, fake servers)', function () {
  this.timeout(120_000);
  const fakes: FakeAirflow[] = [];
  const saved: string[] = [];
  let previousActive: string | undefined;

  before(async () => {
    const h = await hooks();
    previousActive = h.store.active()?.profile.id;
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
  });

  after(async () => {
    const h = await hooks();
    for (const id of saved) await h.store.remove(id);
    if (previousActive) await h.store.setActive(previousActive);
    for (const f of fakes) await f.close();
  });

  async function save(profile: Profile, secret?: string): Promise<void> {
    await (await hooks()).store.save(profile, secret);
    if (!saved.includes(profile.id)) saved.push(profile.id);
  }

  it('a profile whose URL changed does not send its stored token there (health check, tree, then the user is asked)', async () => {
    const h = await hooks();
    const other = await fakeServer(['moved_dag']);
    fakes.push(other);
    const token = `tok-${Date.now()}-entered-for-the-old-url`;
    const profile: Profile = { id: 'sec-moved', name: 'sec-moved', url: 'http://127.0.0.1:9/airflow', auth: 'bearer' };
    await save(profile, token);
    // Same id, another origin: as after a hand edit, a settings sync or a paste in the wrong field.
    await save({ ...profile, url: other.url });
    await h.store.setActive(profile.id);

    const state = await h.monitor.checkNow();
    assert.deepStrictEqual(carrying(other, token), [], 'the token reached the other origin');
    assert.strictEqual(state.kind, 'authFailed', JSON.stringify(state));
    assert.match(
      (state as { message: string }).message,
      /was entered for http:\/\/127\.0\.0\.1:9.*not sent.*Edit Connection/s,
    );
    assert.strictEqual(h.monitor.state.kind, 'authFailed', 'the status bar state');
    const roots = await h.explorer.getChildren();
    assert.ok(
      roots.some((n) => n.kind === 'message' && /not sent/.test(n.text)),
      JSON.stringify(roots),
    );
    assert.deepStrictEqual(carrying(other, token), [], 'the token reached the other origin');

    // Interactively (Test Connection), the user is asked first; Cancel sends nothing.
    void vscode.commands.executeCommand('airflow.testConnection', profile.id);
    await pick('Enter a New Secret', 'Cancel');
    // The check has ended and said so (the positive signal; the command itself then waits on that
    // message's button): whatever it was going to send is sent by now.
    await waitForSelector('.notification-toast:has-text("not sent")', 'visible', 30_000);
    assert.deepStrictEqual(carrying(other, token), [], 'the token reached the other origin after Cancel');

    // "Send It" binds the token to the new origin; from then on it is used without asking.
    void vscode.commands.executeCommand('airflow.testConnection', profile.id);
    await pick('Enter a New Secret', 'Send It');
    await waitUntil(
      'the token to reach the new origin after the user agreed',
      () => carrying(other, token).length > 0 || undefined,
    );
    await waitUntil(
      'a healthy check with the now-bound token',
      async () => (await h.monitor.checkNow()).kind === 'healthy' || undefined,
      30_000,
    );
  });

  it('a workspace profile reusing an id gets no secret stored under that id, and never becomes active by itself', async () => {
    const h = await hooks();
    const other = await fakeServer(['workspace_dag']);
    fakes.push(other);
    const id = 'sec-shared-id';
    const token = `tok-${Date.now()}-of-the-user`;
    // A secret the user stored for a profile with this id (another window, another repository's
    // workspace profile of the same id, or a user profile removed by hand).
    await h.context.secrets.store(secretKey(id, 'token'), token);
    await h.context.globalState.update('airflow.activeProfile', id);
    const config = vscode.workspace.getConfiguration('airflow');
    const before = config.inspect<unknown[]>('profiles')?.workspaceValue;
    await config.update(
      'profiles',
      [...(before ?? []), { id, name: id, url: other.url, auth: 'bearer' }],
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      const entry = await waitUntil('the workspace profile', () => h.store.get(id));
      assert.strictEqual(entry.source, 'workspace');
      const activeByItself = h.store.active()?.profile.id;

      await h.store.setActive(id); // the user picks it in this workspace
      assert.strictEqual(h.store.active()?.profile.id, id);
      const state = await h.monitor.checkNow();
      await h.explorer.getChildren();
      assert.deepStrictEqual(carrying(other, token), [], "the user's token reached the workspace's server");
      assert.strictEqual(state.kind, 'authFailed', JSON.stringify(state));
      assert.match((state as { message: string }).message, /No api token is stored/);
      assert.notStrictEqual(activeByItself, id, 'a workspace profile became active by itself');
    } finally {
      await config.update('profiles', before, vscode.ConfigurationTarget.Workspace);
      await h.context.secrets.delete(secretKey(id, 'token'));
      await h.context.workspaceState.update('airflow.activeProfile', undefined);
      await h.context.globalState.update('airflow.activeProfile', previousActive);
    }
  });

  it('secrets of user profiles removed from settings (by hand or by sync) are deleted, also those stored before the index', async () => {
    const h = await hooks();
    const config = vscode.workspace.getConfiguration('airflow');
    const secretOf = (id: string) => h.context.secrets.get(secretKey(id, 'token'));
    // One saved through the extension (indexed as it is stored); one as an older version left it:
    // declared in settings, its secret stored, its id in no index.
    await save(
      { id: 'sec-stale-new', name: 'sec-stale-new', url: 'http://127.0.0.1:9', auth: 'bearer' },
      'tok-stale-new',
    );
    const before = config.inspect<unknown[]>('profiles')?.globalValue ?? [];
    await config.update(
      'profiles',
      [...before, { id: 'sec-stale-old', name: 'sec-stale-old', url: 'http://127.0.0.1:9', auth: 'bearer' }],
      vscode.ConfigurationTarget.Global,
    );
    await h.context.secrets.store(secretKey('sec-stale-old', 'token'), 'tok-stale-old');
    // (Earlier suites may have left other stale ids: only these two are looked at.)
    const ours = (ids: string[]) => ids.filter((id) => id.startsWith('sec-stale-')).sort();
    assert.deepStrictEqual(ours(await h.store.deleteStaleSecrets()), [], 'nothing is stale while both are declared');
    assert.strictEqual(await secretOf('sec-stale-old'), 'tok-stale-old');

    // Both removed from user settings by hand: the next start (which runs this) deletes both secrets.
    const now = config.inspect<Array<{ id: string }>>('profiles')?.globalValue ?? [];
    await config.update(
      'profiles',
      now.filter((p) => !p.id.startsWith('sec-stale-')),
      vscode.ConfigurationTarget.Global,
    );
    await waitUntil(
      'the store to see both profiles gone',
      () => (!h.store.get('sec-stale-new') && !h.store.get('sec-stale-old')) || undefined,
    );
    assert.deepStrictEqual(ours(await h.store.deleteStaleSecrets()), ['sec-stale-new', 'sec-stale-old']);
    assert.strictEqual(await secretOf('sec-stale-new'), undefined, "the indexed profile's secret is gone");
    assert.strictEqual(await secretOf('sec-stale-old'), undefined, "the older profile's secret is gone");
    assert.deepStrictEqual(ours(await h.store.deleteStaleSecrets()), [], 'and nothing is left to delete');
  });

  it('switching profile while the previous one is still loading never shows its DAGs', async () => {
    const h = await hooks();
    const slow = await fakeServer(['old_profile_dag_a', 'old_profile_dag_b'], 4000);
    const fast = await fakeServer(['new_profile_dag']);
    fakes.push(slow, fast);
    await save({ id: 'sec-slow', name: 'sec-slow', url: slow.url, auth: 'none' });
    await save({ id: 'sec-fast', name: 'sec-fast', url: fast.url, auth: 'none' });
    await h.store.setActive('sec-slow');
    const first = h.explorer.getChildren();
    await waitUntil(
      'the slow server to be asked for DAGs',
      () => slow.count('GET', '/api/v2/dags') > 0 || undefined,
      20_000,
    );

    await h.store.setActive('sec-fast');
    assert.deepStrictEqual(dagIdsOf(await h.explorer.getChildren()), ['new_profile_dag']);
    // The overtaken load ends now; its answer must go nowhere.
    const late = await settled('the overtaken load to end', first, 30_000);
    assert.ok(
      !dagIdsOf(late).some((d) => d.startsWith('old_profile')),
      `the overtaken load answered ${JSON.stringify(dagIdsOf(late))}`,
    );
    assert.deepStrictEqual(dagIdsOf(await h.explorer.getChildren()), ['new_profile_dag']);
    await waitUntil(
      'the tree to show the new profile',
      async () => (await countElements(row('new_profile_dag'))) > 0 || undefined,
      20_000,
    );
    assert.strictEqual(await countElements(row('old_profile_dag')), 0, "the tree shows the previous profile's DAGs");
  });

  it('a filter typed right after "Clear Filter" is not overwritten by the slower unfiltered load', async () => {
    const h = await hooks();
    const fake = await FakeAirflow.start();
    fakes.push(fake);
    const all = ['even_dag', 'odd_dag', 'other_dag'];
    fake.route('GET', '/api/v2/monitor/health', () => ({ json: HEALTHY }));
    fake.route('GET', '/api/v2/dags', (req) => {
      // Airflow's patterns are SQL LIKE ones: the client sends `%odd%`.
      const pattern = [...req.query.entries()].find(([k]) => k.endsWith('_pattern'))?.[1]?.replace(/%/g, '');
      const ids = pattern ? all.filter((id) => id.includes(pattern)) : all;
      // The unfiltered list is the slow one, as on a large deployment.
      return {
        delayMs: pattern ? 0 : 4000,
        json: {
          dags: ids.map((id, i) => ({ ...fakeDag(i), dag_id: id, dag_display_name: id })),
          total_entries: ids.length,
        },
      };
    });
    const unfiltered = () =>
      fake.requests.filter((r) => r.path === '/api/v2/dags' && ![...r.query.keys()].some((k) => k.endsWith('_pattern')))
        .length;
    await save({ id: 'sec-filter', name: 'sec-filter', url: fake.url, auth: 'none' });
    await h.store.setActive('sec-filter');
    try {
      await h.filters.setFilter({ text: 'odd' });
      assert.deepStrictEqual(dagIdsOf(await h.explorer.getChildren()), ['odd_dag']);
      const before = unfiltered();
      await vscode.commands.executeCommand('airflow.clearFilter');
      const cleared = h.explorer.getChildren();
      await waitUntil('the unfiltered DAG list to be asked for', () => unfiltered() > before || undefined, 20_000);

      await h.filters.setFilter({ text: 'odd' });
      assert.deepStrictEqual(dagIdsOf(await h.explorer.getChildren()), ['odd_dag']);
      // The unfiltered load ends now; its answer must go nowhere.
      const late = await settled('the overtaken unfiltered load to end', cleared, 30_000);
      assert.ok(!dagIdsOf(late).includes('even_dag'), `the overtaken load answered ${JSON.stringify(dagIdsOf(late))}`);
      assert.deepStrictEqual(dagIdsOf(await h.explorer.getChildren()), ['odd_dag']);
      await waitUntil(
        'the tree to show the filtered DAG',
        async () => (await countElements(row('odd_dag'))) > 0 || undefined,
        20_000,
      );
      assert.strictEqual(await countElements(row('even_dag')), 0, 'the tree shows a DAG the filter excludes');
    } finally {
      await h.filters.setFilter({});
    }
  });

  it('auto-refresh follows a changed interval at once, stops while the window has no focus, and resumes with it', async () => {
    const h = await hooks();
    const fake = await FakeAirflow.start();
    fakes.push(fake);
    const runsPath = '/api/v2/dags/live_dag/dagRuns';
    fake.route('GET', '/api/v2/monitor/health', () => ({ json: HEALTHY }));
    fake.route('GET', '/api/v2/dags', () => ({
      json: { dags: [{ ...fakeDag(0), dag_id: 'live_dag', dag_display_name: 'live_dag' }], total_entries: 1 },
    }));
    // A run that never ends keeps the DAG live, so the timer has work on every cycle.
    fake.route('GET', runsPath, () => ({
      json: {
        total_entries: 1,
        dag_runs: [
          {
            dag_id: 'live_dag',
            dag_run_id: 'endless',
            state: 'running',
            run_type: 'manual',
            conf: {},
            note: null,
            logical_date: '2026-11-25T00:00:00Z',
            queued_at: '2026-11-25T00:00:00Z',
            start_date: '2026-11-25T00:00:01Z',
            end_date: null,
          },
        ],
      },
    }));
    const runLoads = () => fake.count('GET', runsPath);
    const config = vscode.workspace.getConfiguration('airflow');
    // An hour first, as an earlier suite may leave it: the timer then starts at that interval, and
    // the change to 1 s below must take effect at once (it did not: the old timer was kept).
    await config.update('autoRefreshSeconds', 3600, vscode.ConfigurationTarget.Global);
    await save({ id: 'sec-focus', name: 'sec-focus', url: fake.url, auth: 'none' });
    await h.store.setActive('sec-focus');
    try {
      // The tree reloads when the connection turns healthy (coming from a failing profile); that
      // reload would collapse a DAG expanded just before it, so expand after it.
      await waitUntil(
        'sec-focus to be checked healthy',
        async () => (await h.monitor.checkNow()).kind === 'healthy' || undefined,
        20_000,
      );
      await new Promise((r) => setTimeout(r, 500));
      await expand(await waitUntil('live_dag in the tree', async () => dagNode('live_dag'), 20_000));
      await waitUntil("live_dag's runs to load", () => runLoads() >= 1 || undefined, 20_000);
      await config.update('autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global);
      const first = runLoads();
      await waitUntil(
        'two auto-refresh cycles while the window has focus',
        () => runLoads() >= first + 2 || undefined,
        30_000,
      ).catch((err: unknown) => {
        throw new Error(
          `${String(err)} (run lists: ${first} then ${runLoads()}; requests: ${JSON.stringify(fake.countsByRoute())}; window focused: ${vscode.window.state.focused}; view visible: ${h.treeView.visible})`,
        );
      });

      await setWindowFocus(false);
      await waitUntil(
        'VS Code to report the window unfocused',
        () => !vscode.window.state.focused || undefined,
        10_000,
      );
      await new Promise((r) => setTimeout(r, 1500)); // a cycle already under way may still land
      const unfocused = runLoads();
      await new Promise((r) => setTimeout(r, 4000)); // four refresh intervals
      assert.strictEqual(runLoads(), unfocused, 'runs were reloaded while the window had no focus');

      await setWindowFocus(true);
      await waitUntil('VS Code to report the window focused', () => vscode.window.state.focused || undefined, 10_000);
      await waitUntil('the auto-refresh to resume', () => runLoads() > unfocused || undefined, 30_000);
    } finally {
      await setWindowFocus(true);
      await config.update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a "Load more" that fails keeps the DAGs shown, says why under them, and can be tried again', async () => {
    const h = await hooks();
    const fake = await FakeAirflow.start();
    fakes.push(fake);
    let failing = true;
    fake.route('GET', '/api/v2/monitor/health', () => ({ json: HEALTHY }));
    fake.route('GET', '/api/v2/dags', (req) => {
      const offset = Number(req.query.get('offset') ?? 0);
      const limit = Number(req.query.get('limit') ?? 100);
      if (offset > 0 && failing) return { status: 500, json: { detail: 'database is restarting' } };
      const dags = [];
      for (let i = offset; i < Math.min(150, offset + limit); i++) dags.push(fakeDag(i));
      return { json: { dags, total_entries: 150 } };
    });
    await save({ id: 'sec-more', name: 'sec-more', url: fake.url, auth: 'none' });
    await h.store.setActive('sec-more');
    const more = (nodes: Node[]) => nodes.find((n): n is Extract<Node, { kind: 'loadMore' }> => n.kind === 'loadMore');
    const first = await h.explorer.getChildren();
    assert.strictEqual(dagIdsOf(first).length, 100);
    await vscode.commands.executeCommand('airflow.loadMore', more(first));
    const failed = await h.explorer.getChildren();
    assert.strictEqual(dagIdsOf(failed).length, 100, 'the DAGs already shown stay');
    const error = failed.find((n) => n.kind === 'message' && n.icon === 'error');
    assert.ok(
      error &&
        error.kind === 'message' &&
        /Could not load more DAGs/.test(error.text) &&
        /500|restarting/.test(error.text),
      `an error row under the list: ${JSON.stringify(error)}`,
    );
    assert.ok(more(failed), '"Load more" is still offered');
    // Below a hundred DAGs: scrolled to, as the user would.
    await h.treeView.reveal(error, { select: false, focus: false });
    await waitUntil(
      'the error row in the view',
      async () => (await countElements(row('Could not load more DAGs'))) > 0 || undefined,
      20_000,
    );

    failing = false;
    await vscode.commands.executeCommand('airflow.loadMore', more(failed));
    const loaded = await h.explorer.getChildren();
    assert.strictEqual(dagIdsOf(loaded).length, 150);
    assert.ok(
      !loaded.some((n) => n.kind === 'message' && n.icon === 'error'),
      'the error row is gone after a successful retry',
    );
  });
});
