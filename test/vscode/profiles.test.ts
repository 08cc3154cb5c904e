import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { secretKey } from '../../src/profiles/profile';
import { airflow, hooks, Relay, settled, waitUntil } from './support/airflow';
import { answer, pick, pickByTitle } from './support/quickInput';
import { countElements, getText, hover, mouseMove, pressKeys, screenshot, waitForSelector } from './support/screenshot';

const STATUS = '[id$="airflow.status"]';

/** Every file under `dir` whose content holds `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    try {
      if (fs.readFileSync(file).includes(needle)) hits.push(file);
    } catch {
      // unreadable (socket, lock): nothing of ours
    }
  }
  return hits;
}

async function statusText(): Promise<string> {
  return getText(STATUS);
}

async function addProfileThroughUi(
  name: string,
  url: string,
  authFilter: string,
  username: string,
  password: string,
): Promise<void> {
  const done = vscode.commands.executeCommand('airflow.addProfile');
  await answer('A name for this connection', name);
  await answer('URL of the Airflow web server', url);
  await pick('No authentication', authFilter);
  await answer('User name', username);
  await answer(`Password for ${username}`, password);
  await pick('Cancel', 'Save');
  await settled(`"Add Connection" for ${name} to finish after Save`, done);
}

async function profileId(name: string): Promise<string> {
  const h = await hooks();
  return waitUntil(`profile ${name}`, () => h.store.list().find((e) => e.profile.name === name)?.profile.id);
}

describe('connection profiles and the status bar (real VS Code, real Airflow)', function () {
  this.timeout(180_000);
  const af2 = airflow(2);
  const af3 = airflow(3);
  // A distinctive password that is the real one for the servers would be "admin"; "admin" is
  // too common a word to search logs for, so the secret test uses a profile with a wrong,
  // distinctive password and then the real one for the health tests.
  const distinctive = `Sekret-${Date.now()}-pw`;

  before(async () => {
    await hooks();
    await vscode.workspace
      .getConfiguration('airflow')
      .update('healthCheckIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
  });

  it('adds a profile through the quick inputs; the password is in SecretStorage and nowhere else', async () => {
    await addProfileThroughUi('secret-check', af3.url, 'Airflow 3.x', af3.username, distinctive);
    const h = await hooks();
    const id = await profileId('secret-check');
    assert.strictEqual(await h.context.secrets.get(secretKey(id, 'password')), distinctive);

    // Settings: the API and the files on disk.
    const inspected = vscode.workspace.getConfiguration('airflow').inspect('profiles');
    assert.ok(JSON.stringify(inspected?.globalValue).includes('secret-check'), 'the profile is in user settings');
    assert.ok(!JSON.stringify(inspected).includes(distinctive), 'password in settings');
    const userDir = path.dirname(path.dirname(h.context.globalStorageUri.fsPath));
    const userSettings = path.join(userDir, 'settings.json');
    assert.ok(fs.readFileSync(userSettings, 'utf8').includes('secret-check'), `profile written to ${userSettings}`);
    assert.deepStrictEqual(
      filesContaining(userDir, distinctive).filter((f) => !f.includes('globalStorage') && f.endsWith('.json')),
      [],
    );
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      assert.deepStrictEqual(
        filesContaining(path.join(folder.uri.fsPath, '.vscode'), distinctive),
        [],
        'password in workspace settings',
      );
    }

    // globalState and workspaceState.
    for (const memento of [h.context.globalState, h.context.workspaceState]) {
      const dump = JSON.stringify(memento.keys().map((k) => [k, memento.get(k)]));
      assert.ok(!dump.includes(distinctive), `password in state: ${dump}`);
    }

    // The output channel (its log file) - after a failed connection attempt with that password too.
    // Not awaited: the command ends when its error notification is dismissed.
    void vscode.commands.executeCommand('airflow.testConnection', id);
    const logDir = path.dirname(h.context.logUri.fsPath);
    await waitUntil(
      'the test result in the log',
      () => filesContaining(logDir, 'Test connection: secret-check').length > 0,
    );
    const ours = filesContaining(logDir, 'Saved connection "secret-check"');
    assert.ok(ours.length > 0, `our output channel's log file not found under ${logDir}`);
    assert.deepStrictEqual(filesContaining(logDir, distinctive), [], 'password in a log file');
  });

  it('warns before a password goes over plain http:// to another machine, not to this one', async () => {
    const warning = '.quick-input-widget:visible:has-text("travels unencrypted")';
    for (const [url, warned] of [
      ['http://airflow.example.invalid:8080', true],
      ['http://127.0.0.1:9', false],
    ] as const) {
      const done = vscode.commands.executeCommand('airflow.addProfile');
      await answer('A name for this connection', 'http-warning');
      await answer('URL of the Airflow web server', url);
      await pick('No authentication', 'Airflow 2.x');
      await answer('User name', 'someone');
      // The warning takes the place of the prompt, so it repeats what the step asks for.
      await waitForSelector('.quick-input-widget:visible:has-text("Password for someone")');
      if (warned) await waitForSelector(warning);
      else assert.strictEqual(await countElements(warning), 0, `a warning for ${url}`);
      await screenshot(`add-profile-http-warning-${warned ? 'shown' : 'absent'}`);
      await pressKeys('Escape');
      await settled('the add flow to end after Escape', done);
    }
    assert.ok(
      !(await hooks()).store.list().some((e) => e.profile.name === 'http-warning'),
      'a cancelled add saved a profile',
    );
  });

  it('removing a profile (after confirming) deletes its secret', async () => {
    const h = await hooks();
    const id = await profileId('secret-check');
    const done = vscode.commands.executeCommand('airflow.removeProfile', id);
    await pick('Cancel', 'Remove "secret-check"');
    await settled('"Remove Connection" to finish after its confirmation was picked', done);
    assert.strictEqual(await h.context.secrets.get(secretKey(id, 'password')), undefined);
    assert.ok(!h.store.list().some((e) => e.profile.id === id));
    assert.ok(
      !JSON.stringify(vscode.workspace.getConfiguration('airflow').inspect('profiles')?.globalValue ?? []).includes(
        'secret-check',
      ),
    );
  });

  it(`a correct profile shows healthy, for Airflow ${af2.version} and ${af3.version}`, async () => {
    await addProfileThroughUi('af2', af2.url, 'Airflow 2.x', af2.username, af2.password);
    await waitUntil('af2 healthy in the status bar', async () => (await statusText()).includes(`af2 · ${af2.version}`));
    const h = await hooks();
    assert.strictEqual(h.monitor.state.kind, 'healthy');
    await hover(STATUS);
    await waitForSelector('.monaco-hover:has-text("connected, healthy")');
    await screenshot('status-healthy-tooltip');

    await addProfileThroughUi('af3', af3.url, 'Airflow 3.x', af3.username, af3.password);
    await waitUntil('af3 healthy in the status bar', async () => (await statusText()).includes(`af3 · ${af3.version}`));
    assert.strictEqual(h.monitor.state.kind, 'healthy');
  });

  for (const af of [af2, af3]) {
    it(`a wrong password shows "authentication failed" (Airflow ${af.version})`, async () => {
      const h = await hooks();
      const name = `wrong${af.major}`;
      await addProfileThroughUi(name, af.url, `Airflow ${af.major}.x`, af.username, 'not-the-password');
      // The status bar names the profile: the one before (wrong2 after 2.x) said the same words.
      await waitUntil(`${name}: authentication failed`, async () => {
        const text = await statusText();
        return text.includes(name) && text.includes('authentication failed');
      });
      assert.strictEqual(h.monitor.state.kind, 'authFailed');
      const state = h.monitor.state as { message: string };
      assert.match(state.message, /credentials|authentic/i);
      await mouseMove(700, 300);
      await hover(STATUS);
      await waitForSelector('.monaco-hover:has-text("authentication failed")');
      await screenshot(`status-auth-failed-${af.major}`);
    });
  }

  it('switching profiles changes the status bar and the tree', async () => {
    const treeRow = (label: string) => `.part.sidebar .monaco-list-row:has-text("${label}")`;
    // The last test left a profile with a wrong password active: its tree shows the error.
    await waitForSelector(treeRow('Cannot list DAGs of wrong3'));
    const done = vscode.commands.executeCommand('airflow.switchProfile');
    await pickByTitle('Switch Airflow Connection', 'af2');
    await settled('"Switch Connection" to finish after af2 was picked', done);
    await waitUntil('status bar shows af2', async () => (await statusText()).includes(`af2 · ${af2.version}`));
    await waitForSelector(treeRow('vsc_marker'));
    assert.strictEqual(await countElements(treeRow('Cannot list DAGs')), 0);
    const h = await hooks();
    assert.strictEqual(h.store.active()?.profile.name, 'af2');
    await screenshot('switched-to-af2');
  });

  it('a stopped server shows "unreachable" and the item recovers by itself when it is back', async () => {
    const relay = new Relay(new URL(af3.url));
    await relay.open();
    try {
      await addProfileThroughUi('flaky', relay.url, 'Airflow 3.x', af3.username, af3.password);
      await waitUntil('flaky healthy', async () => (await statusText()).includes(`flaky · ${af3.version}`));
      await relay.close();
      await waitUntil('flaky unreachable', async () => (await statusText()).includes('unreachable'), 60_000);
      const h = await hooks();
      assert.strictEqual(h.monitor.state.kind, 'unreachable');
      assert.match((h.monitor.state as { message: string }).message, /refused|reach/i);
      await mouseMove(700, 300);
      await hover(STATUS);
      await waitForSelector('.monaco-hover:has-text("unreachable")');
      await screenshot('status-unreachable-tooltip');
      await relay.open();
      await waitUntil(
        'flaky healthy again',
        async () => (await statusText()).includes(`flaky · ${af3.version}`),
        60_000,
      );
      assert.strictEqual(h.monitor.state.kind, 'healthy');
    } finally {
      await relay.close();
    }
  });
});
