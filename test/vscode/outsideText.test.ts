// Issue 23 in a real VS Code: text from a server is shown, never obeyed. A fake Airflow answers
// with link syntax in its version, in an error's detail and in a DAG id, and a watched run of such
// a DAG fails: each notification holds no link, and a click on the text opens nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DagRun } from '../../src/airflow';
import type { Profile } from '../../src/profiles/profile';
import { FakeAirflow } from '../support/fakeAirflow';
import { hooks, waitUntil } from './support/airflow';
import { assertProbeSeesLinks, assertShownNotObeyed, linkTo } from './support/notifications';
import { getText, screenshot, uiAvailable } from './support/screenshot';

const HEALTHY = { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy' } };

describe('outside text is shown, never obeyed (real VS Code, fake server)', function () {
  this.timeout(120_000);
  let fake: FakeAirflow;
  let previousActive: string | undefined;
  const profile: Profile = { id: 'outside-text', name: 'outside-text', url: '', auth: 'none' };
  const LINKY_DAG = linkTo('Open the DAG');

  before(async function () {
    if (!uiAvailable()) this.skip();
    fake = await FakeAirflow.start();
    fake.route('GET', '/api/v2/version', () => ({
      json: { version: `3.1.0 ${linkTo('Sign in again')}`, git_version: null },
    }));
    fake.route('GET', '/api/v2/monitor/health', () => ({ json: HEALTHY }));
    fake.route('GET', '/api/v2/dags', () => ({ json: { dags: [], total_entries: 0 } }));
    fake.route('GET', '/api/v2/dags/d1/dagRuns/r1/taskInstances', () => ({
      status: 400,
      json: { detail: `Bad run. ${linkTo('Retry as admin')}` },
    }));
    fake.route('GET', `/api/v2/dags/${encodeURIComponent(LINKY_DAG)}/dagRuns/r1/taskInstances`, () => ({
      json: { task_instances: [], total_entries: 0 },
    }));
    const h = await hooks();
    previousActive = h.store.active()?.profile.id;
    profile.url = fake.url;
    await h.store.save(profile);
    await h.store.setActive(profile.id);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    if (!fake) return;
    const h = await hooks();
    await h.store.remove(profile.id);
    if (previousActive) await h.store.setActive(previousActive);
    await fake.close();
  });

  it('the check finds a link when there is one (our own message)', async () => {
    await assertProbeSeesLinks();
  });

  it('a version string with link syntax (Test Connection)', async () => {
    await vscode.commands.executeCommand('airflow.testConnection', profile.id);
    await assertShownNotObeyed('Sign in again', 'outside-text-version');
  });

  it("an error detail with link syntax (the command wrapper's error path)", async () => {
    void vscode.commands.executeCommand('airflow.openFailedTaskLog', {
      profileId: profile.id,
      dagId: 'd1',
      runId: 'r1',
    });
    await assertShownNotObeyed('Retry as admin', 'outside-text-error-detail');
  });

  it("a DAG id with link syntax (a log command's message)", async () => {
    await vscode.commands.executeCommand('airflow.openFailedTaskLog', {
      profileId: profile.id,
      dagId: LINKY_DAG,
      runId: 'r1',
    });
    await assertShownNotObeyed('Open the DAG', 'outside-text-dag-id');
  });

  it('a watched run that failed, its DAG and run ids with link syntax (the run-finished message)', async () => {
    const h = await hooks();
    const run = {
      dagId: LINKY_DAG,
      runId: `manual ${linkTo('Show the failure')}`,
      state: 'running',
    } as unknown as DagRun;
    const nodeId = `${profile.id}/dag/${LINKY_DAG}/run/x`;
    h.explorer.live.saw(profile.id, nodeId, run);
    h.explorer.live.saw(profile.id, nodeId, { ...run, state: 'failed' });
    await assertShownNotObeyed('Show the failure', 'outside-text-run-failed');
  });

  it('the status bar shows the version as text', async () => {
    const h = await hooks();
    const state = await h.monitor.checkNow();
    assert.strictEqual(state.kind, 'healthy', JSON.stringify(state));
    // The version as the server wrote it, as text (the status bar would draw `$(…)`; it has no links).
    const text = await waitUntil(
      'the status bar to show the version',
      async () => {
        const t = (await getText('.statusbar-item:has-text("outside-text")')).replace(/\u2060/g, '');
        return /outside-text · 3\.1\.0 \[Sign in again\]\(command/.test(t) ? t : undefined;
      },
      20_000,
    );
    await screenshot('outside-text-status-bar', { selector: '.statusbar-item:has-text("outside-text")' });
    assert.ok(text.length < 120, text);
  });
});
