// README promises that had no test (issue 22), each driven through the UI as a user does it (the
// Command Palette, quick picks, key presses, the save dialog, notification buttons) in a real
// VS Code, asserting what the user sees or what the server then holds.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { FINAL_RUN_STATES, type AirflowClient, type DagRun } from '../../src/airflow';
import { stripAnsi } from '../../src/logs/ansi';
import { refOf } from '../../src/logs/logDocuments';
import { secretKey, type Profile } from '../../src/profiles/profile';
import { FakeAirflow } from '../support/fakeAirflow';
import { airflow, hooks, Relay, servedMajors, waitUntil, type AirflowTarget } from './support/airflow';
import { CountingProxy } from './support/countingProxy';
import { clientFor } from './support/profiles';
import { answer, answerFileDialog, pick } from './support/quickInput';
import {
  click,
  countElements,
  getStyle,
  getText,
  hover,
  mouseMove,
  pressKeys,
  screenshot,
  typeText,
  waitForSelector,
} from './support/screenshot';

const STATUS = '[id$="airflow.status"]';
const WIDGET = '.quick-input-widget';
const toast = (text: string) => `.notifications-toasts .notification-toast:has-text(${JSON.stringify(text)})`;
const uniq = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Runs a command as a user does: F1, its title typed, Enter once the palette highlights it. */
async function fromPalette(title: string): Promise<void> {
  await waitForSelector(WIDGET, 'hidden'); // the last quick input gone: F1 would not open the palette over it
  await pressKeys('F1');
  await waitForSelector(`${WIDGET}:visible input:not([type="checkbox"])`);
  await typeText(title);
  await waitForSelector(
    `${WIDGET}:visible .monaco-list-row.focused:has-text(${JSON.stringify(title)})`,
    'visible',
    15_000,
  );
  await pressKeys('Enter');
}

/** Answers code-server's save dialog (a quick input holding a path): the whole path typed, Enter (again while it stays open). */
const saveDialog = (file: string) => answerFileDialog(undefined, file);

/** `#rrggbb` (or `#rrggbbaa` when opaque) as the browser writes a computed colour: `rgb(r, g, b)`. */
function rgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(ff)?$/i.exec(hex.trim());
  if (!m) throw new Error(`not an opaque #rrggbb colour: "${hex}"`);
  return `rgb(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)})`;
}

/** The colour the theme gives `id` (e.g. terminal.ansiRed), as the workbench's CSS variable holds it. */
async function themeColor(id: string): Promise<string> {
  return rgb(await getStyle('.monaco-workbench', `--vscode-${id.replace('.', '-')}`));
}

function tabOpen(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
  );
}

async function closeTab(uri: vscode.Uri): Promise<void> {
  for (const g of vscode.window.tabGroups.all) {
    for (const t of g.tabs)
      if (t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString())
        await vscode.window.tabGroups.close(t);
  }
}

/** Conf tabs are untitled documents: closed without a save prompt. */
async function closeConfTabs(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && !d.isClosed)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** Puts back the active connection and removes the ones a test saved. */
async function restoreProfiles(previousActive: string | undefined, saved: string[]): Promise<void> {
  const h = await hooks();
  for (const id of saved) if (h.store.get(id)) await h.store.remove(id);
  if (previousActive && h.store.get(previousActive)) await h.store.setActive(previousActive);
}

async function profileNamed(name: string): Promise<string> {
  const h = await hooks();
  return waitUntil(
    `the connection "${name}" to be saved`,
    () => h.store.list().find((e) => e.profile.name === name)?.profile.id,
    30_000,
  );
}

describe('README promises: the status bar and connections (real VS Code)', function () {
  this.timeout(240_000);
  let previousActive: string | undefined;

  before(async () => {
    const h = await hooks();
    previousActive = h.store.active()?.profile.id;
    await vscode.workspace
      .getConfiguration('airflow')
      .update('healthCheckIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
  });

  after(async () => {
    await restoreProfiles(previousActive, []);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('"degraded": a server whose scheduler is unhealthy shows a warning item, says which component in its tooltip, and recovers when it is healthy again', async () => {
    const h = await hooks();
    const fake = await FakeAirflow.start({ api: 'v2' });
    let scheduler = 'unhealthy';
    fake.route('GET', '/api/v2/monitor/health', () => ({
      json: {
        metadatabase: { status: 'healthy' },
        scheduler: { status: scheduler, latest_scheduler_heartbeat: new Date(Date.now() - 600_000).toISOString() },
        triggerer: { status: 'healthy', latest_triggerer_heartbeat: new Date().toISOString() },
        dag_processor: { status: 'healthy', latest_dag_processor_heartbeat: new Date().toISOString() },
      },
    }));
    fake.route('GET', '/api/v2/dags', () => ({ json: { dags: [], total_entries: 0 } }));
    const name = uniq('degraded');
    const profile: Profile = { id: name, name, url: fake.url, auth: 'none' };
    try {
      await h.store.save(profile);
      await h.store.setActive(name);
      await waitUntil(
        'the status bar to show the degraded connection',
        async () =>
          (await getText(STATUS)).includes(`${name} · 3.1.0`) &&
          (await countElements(`${STATUS} .codicon-warning`)) === 1,
        30_000,
      );
      assert.strictEqual(h.monitor.state.kind, 'degraded');
      await mouseMove(700, 300); // off the item, whose hover has a background of its own
      assert.strictEqual(
        await getStyle(STATUS, 'background-color'),
        await themeColor('statusBarItem.warningBackground'),
        'the item has the warning background',
      );
      await hover(STATUS);
      await waitForSelector('.monaco-hover:has-text("degraded: Scheduler unhealthy")');
      assert.match(await getText('.monaco-hover'), /Scheduler\s+unhealthy/);
      await screenshot('status-degraded-tooltip');
      await mouseMove(700, 300);

      scheduler = 'healthy';
      await waitUntil(
        'the item to turn healthy on a recheck',
        async () => (await countElements(`${STATUS} .codicon-pass-filled`)) === 1,
        30_000,
      );
      assert.strictEqual(await countElements(`${STATUS} .codicon-warning`), 0);
      assert.notStrictEqual(
        await getStyle(STATUS, 'background-color'),
        await themeColor('statusBarItem.warningBackground'),
        'no warning background once healthy',
      );
    } finally {
      await restoreProfiles(previousActive, [name]);
      await fake.close();
    }
  });

  for (const major of servedMajors()) {
    it(`Sign Out (Forget Stored Secret)… deletes the stored password, keeps the connection, and the next use asks for it (Airflow ${major}.x)`, async () => {
      const h = await hooks();
      const af = airflow(major);
      const name = uniq(`signout${major}`);
      const other = uniq('signout-other');
      try {
        await h.store.save(
          { id: name, name, url: af.url, auth: major === 2 ? 'basic' : 'jwt', username: af.username },
          af.password,
        );
        // A second connection, so Sign Out asks which (as it does for most users), and keeps its secret.
        await h.store.save({ id: other, name: other, url: 'http://127.0.0.1:9', auth: 'bearer' }, `tok-${other}`);
        await h.store.setActive(name);
        await waitUntil(
          `${name} healthy in the status bar`,
          async () => (await getText(STATUS)).includes(`${name} · ${af.version}`),
          60_000,
        );
        const key = secretKey(name, 'password');
        assert.strictEqual(await h.context.secrets.get(key), af.password, 'the password is stored before signing out');

        await vscode.commands.executeCommand('notifications.clearAll');
        await fromPalette('Airflow: Sign Out (Forget Stored Secret)');
        await pick(other, name);
        await waitForSelector(toast(`Signed out of "${name}"`));
        assert.strictEqual(await h.context.secrets.get(key), undefined, 'the password is gone from SecretStorage');
        assert.strictEqual(await h.store.readSecret(h.store.get(name)!), undefined);
        assert.ok(h.store.get(name), 'the connection is kept');
        assert.ok(
          JSON.stringify(vscode.workspace.getConfiguration('airflow').inspect('profiles')?.globalValue).includes(name),
          'the connection is still in the settings',
        );
        assert.strictEqual(
          await h.context.secrets.get(secretKey(other, 'token')),
          `tok-${other}`,
          'the other connection keeps its secret',
        );
        assert.strictEqual(h.store.active()?.profile.id, name, 'still the active connection');
        // The background check has no secret to send and says so.
        await waitUntil(
          'the status bar to say authentication failed',
          async () => (await getText(STATUS)).includes(`${name}: authentication failed`),
          30_000,
        );

        // The next use asks for the password.
        await fromPalette('Airflow: Test Connection');
        await answer(`Password for ${af.username} at ${af.url}`, af.password);
        await waitForSelector(toast(`${name}: Airflow ${af.version}`), 'visible', 60_000);
        assert.strictEqual(await h.context.secrets.get(key), af.password, 'the password entered is stored again');
        await waitUntil(
          `${name} healthy again`,
          async () => (await getText(STATUS)).includes(`${name} · ${af.version}`),
          60_000,
        );
      } finally {
        await restoreProfiles(previousActive, [name, other]);
      }
    });

    it(`Add Connection… asks the server which Airflow it is and suggests its sign-in kind (Airflow ${major}.x)`, async () => {
      const h = await hooks();
      const af = airflow(major);
      const name = uniq(`suggest${major}`);
      const kind = `User name and password (Airflow ${major}.x)`;
      try {
        await fromPalette('Airflow: Add Connection');
        await answer('A name for this connection', name);
        await answer('URL of the Airflow web server', af.url);
        // The sign-in step opens on the matching kind, which says why.
        const focused = `${WIDGET}:visible .monaco-list-row.focused`;
        await waitForSelector(`${focused}:has-text(${JSON.stringify(kind)})`);
        assert.match(
          await getText(focused),
          new RegExp(`suggested: the server is Airflow ${af.version.replace(/\./g, '\\.')}`),
        );
        assert.strictEqual(
          await countElements(`${WIDGET}:visible .monaco-list-row:has-text("suggested")`),
          1,
          'one kind is suggested',
        );
        await screenshot(`add-connection-suggested-${major}`);
        await pressKeys('Enter'); // the suggestion, as it stands
        await answer('User name', af.username);
        await answer(`Password for ${af.username}`, af.password);
        await pick('Cancel', 'Save');
        const id = await profileNamed(name);
        assert.strictEqual(h.store.get(id)?.profile.auth, major === 2 ? 'basic' : 'jwt');
        await waitUntil(
          `${name} healthy in the status bar`,
          async () => (await getText(STATUS)).includes(`${name} · ${af.version}`),
          60_000,
        );
      } finally {
        const id = h.store.list().find((e) => e.profile.name === name)?.profile.id;
        await restoreProfiles(previousActive, id ? [id] : []);
      }
    });
  }

  it('Add Connection… saves a connection whose server is down ("Save Anyway"), which works once the server is up', async () => {
    const h = await hooks();
    const af = airflow(servedMajors().includes(3) ? 3 : 2);
    const relay = new Relay(new URL(af.url));
    await relay.open();
    await relay.close(); // its port, with nothing listening: a server that is down
    const name = uniq('down');
    try {
      await fromPalette('Airflow: Add Connection');
      await answer('A name for this connection', name);
      await answer('URL of the Airflow web server', relay.url);
      await pick('No authentication', `Airflow ${af.major}.x`);
      await answer('User name', af.username);
      await answer(`Password for ${af.username}`, af.password);
      await waitForSelector(`${WIDGET}:visible .monaco-list-row:has-text("Save Anyway")`, 'visible', 60_000);
      assert.match(await getText(`${WIDGET}:visible`), /unreachable/);
      assert.strictEqual(
        await countElements(`${WIDGET}:visible .monaco-list-row:has-text("Save")`),
        1,
        'no plain "Save" for a server that is down, only "Save Anyway"',
      );
      await screenshot('add-connection-save-anyway');
      await pick('Save Anyway', 'Save Anyway');
      const id = await profileNamed(name);
      assert.strictEqual(h.store.get(id)?.profile.url, relay.url);
      assert.strictEqual(await h.context.secrets.get(secretKey(id, 'password')), af.password, 'its password is stored');
      assert.strictEqual(h.store.active()?.profile.id, id, 'the saved connection is active');
      await waitUntil(
        `${name} unreachable in the status bar`,
        async () => (await getText(STATUS)).includes(`${name}: unreachable`),
        60_000,
      );

      await relay.open(); // the server comes up on the same address
      await waitUntil(
        `${name} healthy once its server is up`,
        async () => (await getText(STATUS)).includes(`${name} · ${af.version}`),
        90_000,
      );
    } finally {
      await relay.close();
      const id = h.store.list().find((e) => e.profile.name === name)?.profile.id;
      await restoreProfiles(previousActive, id ? [id] : []);
    }
  });
});

for (const major of servedMajors()) {
  describe(`README promises on Airflow ${major}.x: the conf tab, log tabs, DAG source (real VS Code, real Airflow)`, function () {
    this.timeout(600_000);
    let af: AirflowTarget;
    let client: AirflowClient;
    const proxy = { current: undefined as CountingProxy | undefined };
    const profileId = `readme-af${major}`;
    let previousActive: string | undefined;
    let tmp: string;
    /** The run of vsc_ansi the log tests read, started in before(). */
    const ansiRunId = `vsc_readme_ansi_${major}__${new Date().toISOString()}+${Math.random().toString(36).slice(2, 7)}`;
    /** Settled either way, so no rejection goes unhandled before a test awaits it (and rethrows it). */
    let ansiRun: Promise<{ run: DagRun } | { error: unknown }>;

    before(async () => {
      af = airflow(major);
      const h = await hooks();
      previousActive = h.store.active()?.profile.id;
      client = await clientFor(af);
      proxy.current = new CountingProxy(new URL(af.url));
      await proxy.current.open();
      await h.store.save(
        {
          id: profileId,
          name: profileId,
          url: proxy.current.url,
          auth: major === 2 ? 'basic' : 'jwt',
          username: af.username,
        },
        af.password,
      );
      await h.store.setActive(profileId);
      await h.filters.setFilter({});
      await vscode.commands.executeCommand('workbench.view.extension.airflow');
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), `vsc-readme-${major}-`));
      await client.trigger('vsc_ansi', { runId: ansiRunId });
      ansiRun = waitUntil(
        `run ${ansiRunId} of vsc_ansi to end`,
        async () => {
          const run = await client.getDagRun('vsc_ansi', ansiRunId);
          return FINAL_RUN_STATES.has(run.state) ? run : undefined;
        },
        420_000,
      ).then(
        (run) => ({ run }),
        (error: unknown) => ({ error }),
      );
    });

    after(async () => {
      await closeConfTabs();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('notifications.clearAll');
      await restoreProfiles(previousActive, [profileId]);
      await proxy.current?.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    /** "Trigger with Config…" from the palette, DAG picked; resolves to its tab once it is the active editor. */
    async function openConfTab(dagId: string): Promise<vscode.TextDocument> {
      await fromPalette('Airflow: Trigger with Config');
      await pick(dagId, dagId);
      return waitUntil(
        `the conf tab of ${dagId} to be the active editor`,
        () => {
          const doc = vscode.window.activeTextEditor?.document;
          // An untitled tab (Untitled-N: saving asks where) whose first line names the DAG.
          return doc?.uri.scheme === 'untitled' &&
            doc.getText().startsWith(`// Trigger DAG "${dagId}" on `) &&
            doc.getText().includes('"name"')
            ? doc
            : undefined;
        },
        30_000,
      );
    }

    async function setConf(doc: vscode.TextDocument, text: string): Promise<void> {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applied');
      await vscode.window.showTextDocument(doc, { preview: false });
      // Into the editor, as the user's click puts the keyboard there.
      await click('.editor-group-container.active .monaco-editor .view-lines');
    }

    const runsWithConf = async (name: string) =>
      (await client.listDagRuns('vsc_params', {}, { limit: 50 })).items.filter((r) => r.conf?.name === name);

    it('in the conf tab, Ctrl+Enter (a key press) sends it: the real Airflow has a run with that conf, and the tab closes', async () => {
      const counting = proxy.current!;
      const unique = uniq(`ctrl-enter-${major}`);
      const doc = await openConfTab('vsc_params');
      await setConf(doc, `{"name": "${unique}", "count": 2}`);
      counting.reset();
      await pressKeys('Control+Enter');
      const [run] = await waitUntil(
        `a run of vsc_params with conf name=${unique} on the server`,
        async () => {
          const runs = await runsWithConf(unique);
          return runs.length ? runs : undefined;
        },
        60_000,
      );
      assert.deepStrictEqual(run.conf, { name: unique, count: 2 });
      assert.strictEqual((await runsWithConf(unique)).length, 1, 'one run with that conf');
      assert.strictEqual(counting.count('/dagRuns', 'POST'), 1, 'one trigger request');
      await waitUntil('the sent tab to close', () => !tabOpen(doc.uri) || undefined, 15_000);
    });

    it('saving the conf tab (Ctrl+S) triggers nothing, and asks where to save it', async () => {
      const counting = proxy.current!;
      const h = await hooks();
      const unique = uniq(`ctrl-s-${major}`);
      const chosen = path.join(tmp, `${unique}.jsonc`);
      const before = (await client.listDagRuns('vsc_params', {}, { limit: 1 })).total;
      const doc = await openConfTab('vsc_params');
      // An untitled document opened with a path is saved to that path without a dialog: on the
      // server's file system, from its root (issue: found by this test).
      const unasked = path.posix.join('/', doc.uri.path);
      const holdsConf = (file: string) => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(unique);
      try {
        await setConf(doc, `{"name": "${unique}", "count": 3}`);
        counting.reset();
        await pressKeys('Control+s');
        const how = await waitUntil(
          `a save dialog, or the conf written to ${unasked} without one`,
          async () => {
            if ((await countElements(`${WIDGET}:visible input:not([type="checkbox"])`)) > 0) return 'dialog';
            return holdsConf(unasked) ? 'unasked' : undefined;
          },
          30_000,
        );
        if (how === 'dialog') await saveDialog(chosen);
        const savedTo = how === 'dialog' ? chosen : unasked;
        // The positive signals: the save completed (the file holds the conf, its tab is the active
        // editor), and a reload of the view went through the same connection after it.
        await waitUntil(`the conf saved to ${savedTo}`, () => holdsConf(savedTo) || undefined, 30_000);
        await waitUntil(
          'the saved file to be the active editor',
          () => vscode.window.activeTextEditor?.document.uri.path === vscode.Uri.file(savedTo).path || undefined,
          30_000,
        );
        const listed = counting.count('/dags', 'GET');
        await fromPalette('Airflow: Refresh');
        await waitUntil(
          'the view to reload its DAGs after the save',
          () => counting.count('/dags', 'GET') > listed || undefined,
          30_000,
        );
        await waitUntil(
          'the tree to list vsc_params again',
          async () =>
            (await h.explorer.getChildren()).some((n) => n.kind === 'dag' && n.dag.dagId === 'vsc_params') || undefined,
          30_000,
        );
        assert.strictEqual(
          counting.count('/dagRuns', 'POST'),
          0,
          `no trigger request: ${JSON.stringify(counting.naming('dagRuns'))}`,
        );
        assert.deepStrictEqual(await runsWithConf(unique), [], 'no run with the saved conf');
        assert.strictEqual(
          (await client.listDagRuns('vsc_params', {}, { limit: 1 })).total,
          before,
          "the server's run count is unchanged",
        );
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        assert.strictEqual(
          how,
          'dialog',
          `Ctrl+S wrote the conf tab to ${unasked} without asking where (a Save As dialog was expected)`,
        );
      } finally {
        // Only a file this test wrote (it holds the test's unique conf).
        if (holdsConf(unasked)) fs.rmSync(unasked);
      }
    });

    /** "Open Log…" from the palette: DAG → run → task picked; resolves to the log tab once it shows the log's last line. */
    async function openAnsiLog(): Promise<vscode.TextDocument> {
      const ended = await ansiRun;
      if ('error' in ended) throw ended.error;
      assert.strictEqual(ended.run.state, 'success', `run ${ansiRunId} of vsc_ansi`);
      await fromPalette('Airflow: Open Log…');
      await pick('vsc_ansi', 'vsc_ansi');
      await pick(ansiRunId, ansiRunId);
      await pick('paint', 'paint');
      return waitUntil(
        'the log tab of vsc_ansi to show its last line',
        () => {
          const doc = vscode.window.activeTextEditor?.document;
          return doc && refOf(doc.uri)?.runId === ansiRunId && doc.getText().includes('VSC_ANSI done')
            ? doc
            : undefined;
        },
        60_000,
      );
    }

    it("a log's ANSI colours are drawn in its tab in the theme's terminal colours, with no escape codes in the text", async () => {
      const doc = await openAnsiLog();
      try {
        assert.ok(!doc.getText().includes('\u001b'), "no escape character in the tab's text");
        assert.match(doc.getText(), /VSC_ANSI VSCRED plain VSCGREEN VSCONBLUE/);
        const word = (w: string) => `.editor-group-container.active .monaco-editor .view-line span:text-is("${w}")`;
        await waitForSelector(word('VSCRED'));
        const line = await getText('.editor-group-container.active .monaco-editor .view-line:has-text("VSCRED")');
        assert.ok(!/\[\d+(;\d+)*m/.test(line), `no raw SGR code on screen: ${line}`);
        const red = await themeColor('terminal.ansiRed');
        await waitUntil(
          "VSCRED drawn in the theme's terminal red",
          async () => (await getStyle(word('VSCRED'), 'color')) === red || undefined,
          15_000,
        );
        assert.notStrictEqual(await getStyle(word('plain'), 'color'), red, 'the reset text is not red');
        assert.strictEqual(await getStyle(word('VSCGREEN'), 'color'), await themeColor('terminal.ansiGreen'));
        assert.strictEqual(await getStyle(word('VSCGREEN'), 'font-weight'), '700', 'bold');
        // A background is drawn behind the text, in the editor's overlay layer, not on the text's span.
        const blue = await themeColor('terminal.ansiBlue');
        const overlays = '.editor-group-container.active .monaco-editor .view-overlays .cdr';
        const backgrounds: string[] = [];
        for (let i = 1; i <= (await countElements(overlays)); i++)
          backgrounds.push(await getStyle(`:nth-match(${overlays}, ${i})`, 'background-color'));
        assert.strictEqual(
          backgrounds.filter((b) => b === blue).length,
          1,
          `one blue background (${blue}) drawn: ${JSON.stringify(backgrounds)}`,
        );
        await screenshot(`log-ansi-colours-${major}`, { selector: '.editor-group-container.active .monaco-editor' });
      } finally {
        await closeTab(doc.uri);
      }
    });

    it('Save Full Log… writes the whole log through the save dialog', async () => {
      const doc = await openAnsiLog();
      const file = path.join(tmp, `${uniq('full')}.log`);
      try {
        await vscode.commands.executeCommand('notifications.clearAll');
        await fromPalette('Airflow: Save Full Log');
        await saveDialog(file);
        await waitForSelector(toast(`lines to ${file}`), 'visible', 60_000);
        const ref = refOf(doc.uri)!;
        const server = await client.readFullLog(
          { dagId: ref.dagId, runId: ref.runId, taskId: ref.taskId, mapIndex: ref.mapIndex },
          ref.tryNumber,
        );
        const written = fs.readFileSync(file, 'utf8');
        assert.deepStrictEqual(
          written.split('\n').slice(0, -1),
          server.lines.map(stripAnsi),
          "the file holds every line of the server's log, without escape codes",
        );
        assert.ok(written.endsWith('\n'));
        assert.match(written, /VSC_ANSI VSCRED plain VSCGREEN VSCONBLUE/);
        assert.match(written, /VSC_ANSI done/);
        const said = await getText(toast(`lines to ${file}`));
        assert.ok(said.includes(`Saved ${server.lines.length} lines to ${file}`), said);
      } finally {
        await closeTab(doc.uri);
      }
    });

    it('Open DAG Source shows the server\'s source and offers the workspace\'s copy, which "Open Local File" opens', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the suites run with a workspace folder');
      const dir = path.join(folder.uri.fsPath, uniq(`readme-source-${major}`));
      const local = path.join(dir, 'dags', 'vsc_ansi.py');
      const serverSource = await client.dagSource(await client.dagDetails('vsc_ansi'));
      fs.mkdirSync(path.dirname(local), { recursive: true });
      fs.writeFileSync(local, serverSource);
      try {
        await vscode.commands.executeCommand('notifications.clearAll');
        await fromPalette('Airflow: Open DAG Source');
        await pick('vsc_ansi', 'vsc_ansi');
        const shown = await waitUntil(
          "the server's source in a tab",
          () => {
            const d = vscode.window.activeTextEditor?.document;
            return d && d.uri.scheme !== 'file' && d.getText().includes('dag_id="vsc_ansi"') ? d : undefined;
          },
          30_000,
        );
        assert.strictEqual(shown.languageId, 'python');
        const relative = vscode.workspace.asRelativePath(local);
        const offer = toast(`The workspace has ${relative}`);
        await waitForSelector(offer, 'visible', 30_000);
        await screenshot(`dag-source-offers-local-${major}`);
        await click(`${offer} .monaco-button:has-text("Open Local File")`);
        await waitUntil(
          "the workspace's copy to be the active editor",
          () => vscode.window.activeTextEditor?.document.uri.fsPath === local || undefined,
          30_000,
        );
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
