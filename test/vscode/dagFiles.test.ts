// DAG files in the editor know their deployed DAG: lenses, "is my change deployed?", import errors as Problems, and what it costs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AirflowClient, DagRun } from '../../src/airflow';
import { lastRunText } from '../../src/dagFiles/lensText';
import { airflow, hooks, settled, waitUntil } from './support/airflow';
import { CountingProxy } from './support/countingProxy';
import { clientFor, triggerAndWait, useAirflow } from './support/profiles';
import { click, getAttribute, getText, screenshot, uiAvailable, waitForSelector } from './support/screenshot';

/** The lenses VS Code would draw on a file, with their commands. */
async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

const titles = async (uri: vscode.Uri) => (await lenses(uri)).map((l) => l.command?.title ?? '');

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** The server's newest run of a DAG, as the lens should describe it. */
async function expectedStatus(client: AirflowClient, dagId: string): Promise<string> {
  const [runs, dag] = await Promise.all([client.listDagRuns(dagId, {}, { limit: 1 }), client.dagDetails(dagId)]);
  const latest: DagRun | undefined = runs.items[0];
  // The state part only: "✓ success", "no runs yet" (the "… ago" part moves with the clock).
  return lastRunText(latest, dag.isPaused)
    .replace(/ (just now|\d+ (min|h|d) ago).*$/, '')
    .replace(/, started.*$/, '');
}

const TEST_DAG_FILES = ['vsc_long.py', 'vsc_mapped.py', 'vsc_marker.py', 'vsc_params.py', 'vsc_retry_fail.py'];

for (const major of [2, 3] as const) {
  describe(`DAG files in the editor against Airflow ${major}.x (real VS Code, real Airflow)`, function () {
    this.timeout(400_000);
    const af = airflow(major);
    const proxy = new CountingProxy(new URL(af.url));
    let client: AirflowClient;
    let folder: vscode.WorkspaceFolder;
    let dagsDir: string;
    /** The folder this real Airflow parses: its own copy of test/dags (the other server does not see it). */
    let serverDags: string;
    const tmpName = `vsc_lens_tmp_${major}.py`;

    before(async () => {
      const h = await hooks();
      folder = vscode.workspace.workspaceFolders![0];
      serverDags = af.dagsFolder;
      // The test DAGs, checked out in the workspace under dags/, which the server's DAGs folder holds.
      dagsDir = path.join(folder.uri.fsPath, 'dags');
      fs.mkdirSync(dagsDir, { recursive: true });
      for (const f of [...TEST_DAG_FILES, 'broken_dag.py'])
        fs.copyFileSync(path.join(serverDags, f), path.join(dagsDir, f));
      await vscode.workspace
        .getConfiguration('airflow', folder.uri)
        .update('dagsFolder', 'dags', vscode.ConfigurationTarget.WorkspaceFolder);
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
      await proxy.open();
      await useAirflow(h, { ...af, url: proxy.url }, `local${major}`);
      await h.filters.setFilter({});
      client = await clientFor(af);
      await Promise.all([
        triggerAndWait(client, 'vsc_marker', `lens${major}`),
        triggerAndWait(client, 'vsc_retry_fail', `lens${major}`),
      ]);
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(path.join(serverDags, tmpName), { force: true });
      fs.rmSync(path.join(dagsDir, tmpName), { force: true });
      // Leave the server without this suite's import error, as the other suites expect it.
      await waitUntil(
        `the server to drop ${tmpName} from its import errors`,
        async () => !(await client.listImportErrors()).some((e) => e.filename.endsWith(tmpName)),
        120_000,
      );
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    });

    it("shows each DAG's real last run on its definition, with the actions", async () => {
      for (const file of TEST_DAG_FILES) {
        const uri = vscode.Uri.file(path.join(dagsDir, file));
        await open(uri);
        const dagId = file.replace(/\.py$/, '');
        const want = `Airflow: ${await expectedStatus(client, dagId)}`;
        const got = await waitUntil(`the lens of ${dagId} to say "${want}"`, async () => {
          const t = await titles(uri);
          return t.some((x) => x.startsWith(want)) ? t : undefined;
        });
        for (const action of ['Trigger', 'Trigger with Config…', 'Show in Airflow View', 'Grid, Graph, Gantt'])
          assert.ok(got.includes(action), `${dagId}: "${action}" in ${JSON.stringify(got)}`);
        assert.ok(got.includes('Pause') || got.includes('Unpause'), `${dagId}: pause or unpause`);
        if (dagId === 'vsc_retry_fail')
          assert.ok(got.includes('Open Last Failed Log'), 'the failed DAG offers its failed log');
        if (dagId === 'vsc_marker') assert.ok(!got.includes('Open Last Failed Log'), 'a successful DAG does not');
      }
      const failing = vscode.Uri.file(path.join(dagsDir, 'vsc_retry_fail.py'));
      const editor = await open(failing);
      await waitUntil('vsc_retry_fail to read as deployed', async () => (await titles(failing)).includes('deployed'));
      if (uiAvailable()) {
        const line = editor.document
          .getText()
          .split('\n')
          .findIndex((l) => l.startsWith('@dag('));
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        // The editor may first draw the lenses it cached for this file; wait for the current ones.
        await waitForSelector(
          '.codelens-decoration:has-text("✗ failed"):has-text("deployed"):has-text("Open Last Failed Log")',
        );
        await screenshot(`dag-file-lenses-${major}`);
      }
      const failedLog = (await lenses(failing)).find((l) => l.command?.title === 'Open Last Failed Log')!;
      const log = await settled(
        'Open Last Failed Log',
        vscode.commands.executeCommand<vscode.Uri>(failedLog.command!.command, ...(failedLog.command!.arguments ?? [])),
      );
      assert.strictEqual(log?.scheme, 'airflow-log', "the failed task's log opens in a tab");
      assert.match(decodeURIComponent(log.toString()), /vsc_retry_fail/);
    });

    it('"Trigger" on the lens creates a run on the server', async () => {
      const marker = vscode.Uri.file(path.join(dagsDir, 'vsc_marker.py'));
      await open(marker);
      const before = (await client.listDagRuns('vsc_marker', {}, { limit: 1 })).total;
      const lens = await waitUntil('the Trigger lens', async () =>
        (await lenses(marker)).find((l) => l.command?.title === 'Trigger'),
      );
      if (uiAvailable()) await click('.codelens-decoration a:text-is("Trigger")');
      else
        await settled(
          'Trigger from the lens',
          vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])),
        );
      await waitUntil(
        'a new run of vsc_marker on the server',
        async () => (await client.listDagRuns('vsc_marker', {}, { limit: 1 })).total > before || undefined,
      );
    });

    it('a lens that reads the same is not drawn anew at each refresh (a click on it is not lost to a redraw)', async function () {
      if (!uiAvailable()) this.skip();
      await open(vscode.Uri.file(path.join(dagsDir, 'vsc_retry_fail.py')));
      const line = '.codelens-decoration:has(a:text-is("Trigger"))';
      const link = `${line} a:text-is("Trigger")`;
      await waitForSelector(link);
      const files = (await hooks()).dagFiles;
      // A change is told at the two refreshes after it as well: start past those.
      const start = files.counts.refreshes + 3;
      await waitUntil(
        'three refreshes of the DAG files after opening',
        () => files.counts.refreshes >= start || undefined,
        60_000,
      );
      const samples: Array<{ text: string; id: string | null }> = [];
      for (let i = 0; i < 4; i++) {
        const next = files.counts.refreshes + 1;
        samples.push({ text: await getText(line), id: await getAttribute(link, 'id') });
        if (i < 3)
          await waitUntil(
            'the next refresh of the DAG files',
            () => files.counts.refreshes >= next || undefined,
            30_000,
          );
      }
      // "… min ago" may tick over once meanwhile: that redraw is right. The others must not happen.
      const pairs = samples
        .slice(1)
        .map((s, i) => [samples[i], s])
        .filter(([a, b]) => a.text === b.text);
      assert.ok(pairs.length > 0, `the lens read the same across a refresh at least once: ${JSON.stringify(samples)}`);
      for (const [a, b] of pairs)
        assert.strictEqual(
          b.id,
          a.id,
          `the "Trigger" link was drawn anew though its lens read the same: ${JSON.stringify(samples)}`,
        );
    });

    it('"Show in Airflow View" selects the DAG\'s row in the tree', async () => {
      const marker = vscode.Uri.file(path.join(dagsDir, 'vsc_marker.py'));
      await open(marker);
      const lens = await waitUntil('the Show in Airflow View lens', async () =>
        (await lenses(marker)).find((l) => l.command?.title === 'Show in Airflow View'),
      );
      const shown = await settled(
        'Show in Airflow View',
        vscode.commands.executeCommand<boolean>(lens.command!.command, ...(lens.command!.arguments ?? [])),
      );
      assert.strictEqual(shown, true);
      const { treeView } = await hooks();
      assert.deepStrictEqual(
        treeView.selection.map((n) => n.id),
        [`local${major}/dag/vsc_marker`],
      );
    });

    it('after an edit is saved (not deployed) says "local changes not deployed", and the diff shows the change', async () => {
      const file = path.join(dagsDir, 'vsc_marker.py');
      const original = fs.readFileSync(file, 'utf8');
      const uri = vscode.Uri.file(file);
      const editor = await open(uri);
      await waitUntil('vsc_marker to read as deployed first', async () => (await titles(uri)).includes('deployed'));
      const change = `# local change ${major} not deployed yet\n`;
      try {
        await editor.edit((e) => e.insert(new vscode.Position(0, 0), change));
        await editor.document.save();
        const lens = await waitUntil('"local changes not deployed"', async () =>
          (await lenses(uri)).find((l) => l.command?.title === 'local changes not deployed'),
        );
        await settled(
          'the diff',
          vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])),
        );
        const tab = await waitUntil('a diff tab', () => {
          const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
          return input instanceof vscode.TabInputTextDiff ? input : undefined;
        });
        assert.strictEqual(tab.modified.toString(), uri.toString(), 'the local file on the right');
        const server = await vscode.workspace.openTextDocument(tab.original);
        assert.ok(!server.getText().includes(change.trim()), 'the server side lacks the change');
        assert.ok(server.getText().includes('dag_id="vsc_marker"'), 'the server side is the deployed source');
        assert.ok((await vscode.workspace.openTextDocument(uri)).getText().startsWith(change), 'the local side has it');
        if (uiAvailable()) await screenshot(`dag-file-diff-${major}`);
      } finally {
        fs.writeFileSync(file, original);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    it('follows a change through deployment: local change, deployed, then a newer server version', async () => {
      const id = `vsc_lens_deploy_${major}`;
      const text = (description: string) =>
        `from datetime import datetime\n\nfrom airflow import DAG\n\nwith DAG("${id}", description="${description}", schedule=None, start_date=datetime(2024, 1, 1), catchup=False):\n    pass\n`;
      const local = vscode.Uri.file(path.join(dagsDir, `${id}.py`));
      const server = path.join(serverDags, `${id}.py`);
      const serverHas = (description: string) =>
        waitUntil(
          `the server to parse "${description}"`,
          async () => {
            const dags = await client.listDags({ idPattern: id });
            const dag = dags.items.find((d) => d.dagId === id);
            return dag && (await client.dagSource(dag)).includes(description);
          },
          180_000,
        );
      const lensSays = (state: string) =>
        waitUntil(
          `the lens of ${id} to say "${state}"`,
          async () => (await titles(local)).includes(state) || undefined,
          60_000,
        );
      try {
        fs.writeFileSync(local.fsPath, text('first'));
        fs.writeFileSync(server, text('first'));
        await serverHas('first');
        const editor = await open(local);
        await lensSays('deployed');

        await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text('second')));
        await editor.document.save();
        await lensSays('local changes not deployed');

        fs.writeFileSync(server, text('second')); // the deployment
        await serverHas('second');
        await vscode.commands.executeCommand('airflow.refresh');
        await lensSays('deployed');

        fs.writeFileSync(server, text('third')); // someone else deployed a newer one
        await serverHas('third');
        await vscode.commands.executeCommand('airflow.refresh');
        await lensSays('server has a newer version');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        fs.rmSync(server, { force: true });
        fs.rmSync(local.fsPath, { force: true });
        // The other suites expect only the test DAGs on the server.
        await waitUntil(
          `the server to drop ${id}`,
          async () => !(await client.listDags({ idPattern: id })).items.some((d) => d.dagId === id) || undefined,
          180_000,
        );
      }
    });

    it("shows the server's import error of broken_dag.py in Problems at the line the trace names", async () => {
      const uri = vscode.Uri.file(path.join(dagsDir, 'broken_dag.py'));
      const editor = await open(uri);
      const line = editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith('import this_module_does_not_exist_vsc'));
      const diag = await waitUntil('the import error in Problems', () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.source?.startsWith('Airflow')),
      );
      assert.strictEqual(diag.range.start.line, line, 'at the import that fails');
      assert.match(diag.message, /No module named 'this_module_does_not_exist_vsc'/);
      assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Error);
      await waitUntil('the lens to say the file does not import', async () =>
        (await titles(uri)).some((t) => t.includes('does not import')),
      );
      if (uiAvailable()) {
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await waitForSelector('.markers-panel .monaco-list-row:has-text("this_module_does_not_exist_vsc")');
        // The editor first draws the lenses it cached for this file (from the other server's run): wait for this one's.
        await waitForSelector(
          `.codelens-decoration:has-text("not deployed on local${major}: the file does not import")`,
        );
        await screenshot(`dag-file-problems-${major}`);
      }
    });

    it('clears the Problem once the server stops reporting the import error', async () => {
      // Broken on this Airflow only (the other server reads the same folder and must not see an error).
      const broken = `# airflow dag helper for the lens suite: fails to import on Airflow ${major}.x only\nimport airflow\n\nif airflow.__version__.startswith("${major}."):\n    import vsc_lens_missing_module_${major}  # noqa: F401\n`;
      const fixed = '# airflow dag helper for the lens suite: imports fine now\nimport airflow  # noqa: F401\n';
      const local = vscode.Uri.file(path.join(dagsDir, tmpName));
      fs.writeFileSync(local.fsPath, broken);
      fs.writeFileSync(path.join(serverDags, tmpName), broken);
      await open(local);
      const diag = await waitUntil(
        `the server's import error of ${tmpName}`,
        () => vscode.languages.getDiagnostics(local).find((d) => d.source?.startsWith('Airflow')),
        180_000,
      );
      assert.strictEqual(diag.range.start.line, 4);
      fs.writeFileSync(path.join(serverDags, tmpName), fixed);
      await waitUntil(
        `the Problem of ${tmpName} to clear after the server reparsed the fixed file`,
        () => !vscode.languages.getDiagnostics(local).some((d) => d.source?.startsWith('Airflow')) || undefined,
        180_000,
      );
    });

    it('a file with no DAG costs no request; a DAG the server lacks costs one DAG lookup and shows no error', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 3600, vscode.ConfigurationTarget.Global);
      const plain = vscode.Uri.file(path.join(dagsDir, 'helpers.py'));
      fs.writeFileSync(plain.fsPath, 'def helper():\n    return 1\n');
      const absentId = `vsc_lens_absent_${major}`;
      const absent = vscode.Uri.file(path.join(dagsDir, `${absentId}.py`));
      fs.writeFileSync(
        absent.fsPath,
        `from airflow import DAG\n\nwith DAG("${absentId}", schedule=None) as dag:\n    pass\n`,
      );
      const lensRoutes = () => ({
        dags: proxy.count('/dags', 'GET'),
        runs: proxy.count('/dagRuns/list'),
        sources: proxy.matching(/\/dagSources\//),
        importErrors: proxy.count('/importErrors'),
      });
      // Whatever else was under way (the view, health checks, the refresh the setting's change
      // starts) settles first: the change is seen here once this extension host has it.
      await waitUntil(
        'the extension host to see the new refresh interval',
        () => vscode.workspace.getConfiguration('airflow').get('autoRefreshSeconds') === 3600 || undefined,
      );
      await new Promise((r) => setTimeout(r, 1500));
      await (await hooks()).dagFiles.idle();
      proxy.reset();
      const lookupsBefore = (await hooks()).dagFiles.counts.lookups;
      await open(plain);
      assert.deepStrictEqual(await titles(plain), [], 'no lens on a file without a DAG');
      await (await hooks()).dagFiles.idle();
      assert.deepStrictEqual(
        lensRoutes(),
        { dags: 0, runs: 0, sources: 0, importErrors: 0 },
        'no request for a file without a DAG',
      );

      await open(absent);
      await waitUntil('"not deployed on"', async () =>
        (await titles(absent)).some((t) => t.startsWith('Airflow: not deployed on')),
      );
      await (await hooks()).dagFiles.idle();
      const counts = lensRoutes();
      // The lens's lookup names the id; the tree may list DAGs meanwhile (a reload when the
      // connection's health changes), which is not the lens's cost.
      // Counted where it is sent: a request the transport sent again (a connection closed under it) is one lookup.
      const sent = JSON.stringify(proxy.naming(absentId));
      assert.strictEqual(
        (await hooks()).dagFiles.counts.lookups - lookupsBefore,
        1,
        `one DAG lookup for the two files; the server saw ${sent}`,
      );
      assert.ok(proxy.countNaming('/dags', absentId, 'GET') >= 1, `the lookup names ${absentId}: ${sent}`);
      assert.strictEqual(counts.runs, 0, 'no run lookup for a DAG the server lacks');
      assert.strictEqual(counts.sources, 0, 'no source lookup for a DAG the server lacks');
      // The import errors come from the tree's list when it is fresh, else from one request.
      const treeList = (await hooks()).explorer.cachedDagList();
      assert.strictEqual(
        counts.importErrors,
        treeList ? 0 : 1,
        `${treeList ? "no import-error request (the tree's list has them)" : 'one import-error request'}, got ${counts.importErrors}`,
      );
      assert.deepStrictEqual(vscode.languages.getDiagnostics(absent), [], 'no Problem for it');
      assert.ok(!(await titles(absent)).some((t) => t.includes('cannot check')), 'no error on the lens');
      fs.rmSync(plain.fsPath);
      fs.rmSync(absent.fsPath);
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
    });

    it('three DAG files side by side: one refresh asks for all their DAGs at once, and no source again', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 3600, vscode.ConfigurationTarget.Global);
      const files = ['vsc_marker.py', 'vsc_mapped.py', 'vsc_params.py'].map((f) =>
        vscode.Uri.file(path.join(dagsDir, f)),
      );
      for (const [i, uri] of files.entries()) {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
          viewColumn: i + 1,
          preview: false,
        });
      }
      for (const uri of files)
        await waitUntil(`${path.basename(uri.fsPath)} to read as deployed`, async () =>
          (await titles(uri)).includes('deployed'),
        );
      const h = await hooks();
      await h.dagFiles.idle();
      proxy.reset();
      const [refreshesBefore, lookupsBefore] = [h.dagFiles.counts.refreshes, h.dagFiles.counts.lookups];
      h.dagFiles.refresh();
      await waitUntil('the refresh asked for to run', () => h.dagFiles.counts.refreshes > refreshesBefore || undefined);
      await h.dagFiles.idle();
      // The tree's list, when fresh, answers for the DAGs it holds (and their newest runs and
      // import errors); the rest is one request of each kind, whatever the number of files.
      const treeList = h.explorer.cachedDagList();
      const fromTree = treeList
        ? files.filter((f) => treeList.dags.some((d) => `${d.dagId}.py` === path.basename(f.fsPath))).length
        : 0;
      const asked = fromTree === files.length ? 0 : 1;
      assert.strictEqual(
        h.dagFiles.counts.lookups - lookupsBefore,
        asked,
        `${asked} DAG lookup(s) for three files (${fromTree} known from the tree's list)`,
      );
      assert.strictEqual(
        proxy.count('/dags', 'GET'),
        asked,
        `${asked} DAG-list request(s) for three files, got ${proxy.count('/dags', 'GET')}`,
      );
      assert.strictEqual(
        proxy.count('/dagRuns/list', 'POST'),
        asked,
        `${asked} request(s) for their newest runs, got ${proxy.count('/dagRuns/list', 'POST')}`,
      );
      assert.strictEqual(
        proxy.count('/importErrors', 'GET'),
        treeList ? 0 : 1,
        `import errors from the tree's list or one request, got ${proxy.count('/importErrors', 'GET')}`,
      );
      assert.strictEqual(
        proxy.matching(/\/dagSources\//),
        0,
        'sources are fetched once per file token, not on every refresh',
      );
      assert.strictEqual(proxy.matching(/\/dags\/[^/]+(\/details)?$/), 0, 'no request per DAG');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
    });

    it('a file defining DAGs whose ids share a prefix with 300 others gets their lenses (a lookup past the first page)', async () => {
      // The server holds 300 generated DAGs vsc_zz_fleet_NNN and a file defining two more
      // (scripts/airflow/fleet.mjs): the part their ids share, "vsc_zz_", matches all 302, and
      // both sort past the first 100. The file is checked out in the workspace as deployed.
      const ids = ['vsc_zz_fleet_ok', 'vsc_zz_zulu.odd-1'];
      assert.strictEqual(
        (await client.listDags({ idPattern: 'vsc_zz' }, { limit: 1 })).total,
        302,
        'the server holds the generated DAGs',
      );
      const deployed = (await client.listDags({ idPattern: ids[0] })).items.find((d) => d.dagId === ids[0]);
      assert.ok(deployed, `${ids[0]} on the server`);
      const source = await client.dagSource(deployed);
      const local = vscode.Uri.file(path.join(dagsDir, 'vsc_zz_probe.py'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace
        .getConfiguration('airflow')
        .update('autoRefreshSeconds', 3600, vscode.ConfigurationTarget.Global);
      try {
        fs.writeFileSync(local.fsPath, source);
        await waitUntil(
          'the extension host to see the new refresh interval',
          () => vscode.workspace.getConfiguration('airflow').get('autoRefreshSeconds') === 3600 || undefined,
        );
        const h = await hooks();
        await h.dagFiles.idle();
        proxy.reset();
        const lookupsBefore = h.dagFiles.counts.lookups;
        await open(local);
        for (const id of ids) {
          const line = source.split('\n').findIndex((l) => l.includes(`DAG("${id}"`));
          assert.ok(line >= 0, `${id} defined in the server's source`);
          const want = `Airflow: ${await expectedStatus(client, id)}`;
          const here = async () =>
            (await lenses(local)).filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
          await waitUntil(
            `the lenses of ${id} to say "${want}" and "deployed"`,
            async () => {
              const t = await here();
              return t.some((x) => x.startsWith(want)) && t.includes('deployed') ? t : undefined;
            },
            60_000,
          ).catch(async (err: unknown) => {
            throw new Error(`${String(err)}; the lenses read ${JSON.stringify(await here())}`);
          });
        }
        await h.dagFiles.idle();
        assert.strictEqual(h.dagFiles.counts.lookups - lookupsBefore, 1, 'one DAG lookup for the file');
        // 2.x: the shared part's first page, then each id by itself (cheaper than 3 more pages); 3.x: "a|b", one request.
        const sent = proxy.naming('vsc_zz');
        // Counted as answered: an attempt the server dropped under load is sent again, as it should be.
        assert.strictEqual(
          proxy.countDeliveredNaming('/dags', 'vsc_zz', 'GET'),
          major === 2 ? 3 : 1,
          `the lookup's requests: ${JSON.stringify(sent)}`,
        );
        if (uiAvailable()) {
          await waitForSelector('.codelens-decoration:has-text("deployed"):has-text("Trigger")');
          await screenshot(`dag-file-lenses-fleet-${major}`);
        }
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        fs.rmSync(local.fsPath, { force: true });
        await vscode.workspace
          .getConfiguration('airflow')
          .update('autoRefreshSeconds', 2, vscode.ConfigurationTarget.Global);
      }
    });
  });
}
