import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { hooks, settled, waitUntil } from './support/airflow';
import { pick } from './support/quickInput';
import { pressKeys, screenshot, waitForSelector } from './support/screenshot';

// The runner opens a workspace whose .vscode/settings.json declares a profile "ws-command"
// with a token command that would write VSC_MARKER_FILE if it ever ran.
function marker(): string {
  const file = process.env.VSC_MARKER_FILE;
  if (!file) throw new Error('VSC_MARKER_FILE is not set: the runner must prepare the workspace');
  return file;
}

describe('profiles from workspace settings (trusted workspace)', function () {
  this.timeout(60_000);

  it('are listed, but their token command is never run', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, true);
    const h = await hooks();
    const entry = await waitUntil('the workspace profile', () =>
      h.store.list().find((e) => e.profile.name === 'ws-command'),
    );
    assert.strictEqual(entry.source, 'workspace');
    const previous = h.store.active()?.profile.id;
    await h.store.setActive(entry.profile.id);
    try {
      const state = await h.monitor.checkNow();
      assert.strictEqual(state.kind, 'unreachable');
      assert.match((state as { message: string }).message, /only run from your user settings/);
      assert.strictEqual(fs.existsSync(marker()), false, 'the token command ran');
    } finally {
      if (previous) await h.store.setActive(previous);
    }
  });

  it('editing one shows its token command and asks before copying it to user settings; leaving it out copies nothing', async () => {
    const h = await hooks();
    const entry = await waitUntil('the workspace profile', () =>
      h.store.list().find((e) => e.profile.name === 'ws-command'),
    );
    const userProfiles = () =>
      JSON.stringify(vscode.workspace.getConfiguration('airflow').inspect('profiles')?.globalValue ?? []);
    const before = userProfiles();
    const done = vscode.commands.executeCommand('airflow.editProfile', entry.profile.id);
    // The question names what would be copied: the command itself, before anything runs.
    await waitForSelector('.quick-input-widget:visible:has-text("token command:")');
    await screenshot('edit-workspace-profile-carry-over');
    await pick('Copy Them into My User Settings', 'Leave Them Out');
    // The edit goes on without them, from its first step; Escape there cancels it.
    await waitForSelector('.quick-input-widget:visible:has-text("A name for this connection")');
    await pressKeys('Escape');
    await settled('the edit to end after Escape', done);
    assert.strictEqual(userProfiles(), before, 'user settings changed');
    assert.strictEqual(fs.existsSync(marker()), false, 'the token command ran');
  });
});
