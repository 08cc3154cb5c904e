#!/usr/bin/env node
/**
 * Runs the extension's mocha suites inside a real VS Code extension host:
 * code-server (by default the main version of code-server-versions.json, the newest the npm
 * registry had; installed offline by install-code-server.sh, with the Node it asks for) driven
 * by headless Chromium through playwright-core. See shared/vscode-in-ci.md.
 *
 * API:
 *   import { runInCodeServer } from './scripts/vscode/run-in-code-server.mjs';
 *   const { passed, failed, failures, vscodeVersion, codeServerVersion, nodeVersion, resultsDir } = await runInCodeServer({
 *     extensionPath,      // folder with the extension's package.json (built: dist/extension.js)
 *     testsPath,          // compiled suite module exporting run(), e.g. out/test/vscode/index.js
 *     workspaceFolder,    // folder to open (default: a fresh empty temp folder)
 *     env,                // extra environment for code-server and so the extension host
 *     resultsDir,         // default <extensionPath>/test-results/vscode
 *     timeoutMs,          // whole run, from page open to results (default 10 min)
 *     workspaceTrust,     // false (default): --disable-workspace-trust; true: trust is on
 *     installVsix,        // a .vsix to install first with `code-server --install-extension`
 *                         // (extensionPath is then only the carrier of the suite)
 *     codeServerVersion,  // a version or a name of code-server-versions.json (default: main)
 *   });
 * Never throws for failing tests (failed > 0); throws on infrastructure errors
 * (install failed, code-server did not start, no results before the timeout).
 *
 * CLI:
 *   node scripts/vscode/run-in-code-server.mjs --extension out/test-extension --tests out/test/vscode/index.js
 *     [--workspace DIR] [--results DIR] [--timeout MS] [--workspace-trust] [--env KEY=VALUE]...
 *     [--code-server VERSION|main|previous|oldest]
 *   Exits 1 on any failure; the last line is "vscode: N passed, N failed, N skipped".
 *   Every run prints "[run-in-code-server] VS Code X (code-server Y, Node Z)" as it ends.
 *
 * The suite (test/vscode/index.ts) sees VSC_TEST_RESULTS_DIR, writes
 * results.json and mocha.log there, and asks for browser actions
 * (screenshots, hover, keys) through files in ui-requests/ and ui-responses/
 * (test/vscode/support/ui.ts); screenshots land in <resultsDir>/screenshots/.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../airflow/ports.mjs';
import { quietFlags, quietSettings } from './codeServerSettings.mjs';
import {
  CODE_SERVER_VERSION,
  codeServerEntry,
  codeServerNode,
  codeServerVscodeVersion,
  installCodeServer,
  resolveCodeServerVersion,
} from './codeServer.mjs';

export { CODE_SERVER_VERSION, codeServerVscodeVersion };

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1400, height: 900 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(text, lines = 60) {
  return text.split('\n').slice(-lines).join('\n');
}

function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Tail of the extension host's own log files under the user data dir. */
function extensionHostLogs(userDataDir) {
  const out = [];
  const walk = (d) => {
    let entries = [];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost|remoteagent|server/i.test(p) && e.name.endsWith('.log')) {
        try {
          out.push(`--- ${path.relative(userDataDir, p)}\n${tail(fs.readFileSync(p, 'utf8'), 40)}`);
        } catch {
          /* ignore */
        }
      }
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return out.join('\n');
}

const unescapeHtml = (t) =>
  t.replace(/&(quot|#39|lt|gt|amp);/g, (_, e) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[e]);

/** The workbench configuration a code-server page carries (<meta id="vscode-workbench-web-configuration">), or null. */
export function workbenchConfiguration(html) {
  const m = /<meta id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
  if (!m) return null;
  try {
    return JSON.parse(unescapeHtml(m[1]));
  } catch {
    return null;
  }
}

/** How a built VS Code >= 1.101 decides to read the extension-development payload, and the condition the test browser gives it. */
const READS_PAYLOAD_WHEN = 'this.payload&&(!this.isBuilt||this.enableSmokeTestDriver)';
const READS_PAYLOAD = 'this.payload';

/**
 * The frame of a webview's page: the one VS Code's webview iframe (`selector`) holds as
 * `#active-frame`, resolved once per action.
 */
async function webviewFrame(page, selector, timeout) {
  const outer = await (await page.locator(selector).first().elementHandle({ timeout })).contentFrame();
  const inner = await (await outer.locator('#active-frame').first().elementHandle({ timeout })).contentFrame();
  if (!inner) throw new Error(`the webview ${selector} has no page frame`);
  return inner;
}

/** Executes one browser action asked for by the suite (see test/vscode/support/ui.ts). */
async function uiAction(page, req, resultsDir) {
  const timeout = req.timeoutMs ?? 10_000;
  // Inside a webview, selectors are the page's own: its content sits in the frame `#active-frame`
  // within the webview's iframe (`req.webview` picks that iframe among the workbench's).
  const scope = req.webview ? await webviewFrame(page, req.webview, timeout) : page;
  switch (req.action) {
    case 'screenshot': {
      if (!/^[\w.-]+$/.test(req.name ?? '')) throw new Error(`bad screenshot name: ${req.name}`);
      const dir = path.join(resultsDir, 'screenshots');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${req.name}.png`);
      // Finite CSS animations (a context menu's fade-in) are run to their end first, so a shot
      // taken as soon as an element appears shows it as the user sees it a moment later.
      if (req.selector)
        await scope.locator(req.selector).first().screenshot({ path: file, timeout, animations: 'disabled' });
      else await page.screenshot({ path: file, fullPage: !!req.fullPage, timeout, animations: 'disabled' });
      return file;
    }
    case 'hover':
      await scope.locator(req.selector).first().hover({ timeout });
      return null;
    case 'click':
      await scope
        .locator(req.selector)
        .first()
        .click({ button: req.button ?? 'left', clickCount: req.clickCount ?? 1, modifiers: req.modifiers, timeout });
      return null;
    case 'press':
      for (const k of req.keys) await page.keyboard.press(k);
      return null;
    case 'type':
      await page.keyboard.type(req.text);
      return null;
    case 'waitFor':
      await scope
        .locator(req.selector)
        .first()
        .waitFor({ state: req.state ?? 'visible', timeout });
      return null;
    case 'text':
      return await scope.locator(req.selector).first().innerText({ timeout });
    case 'textsOfAll':
      // Every match's innerText in one turn of the page, without waiting: none is an empty list.
      return await scope.locator(req.selector).evaluateAll((els) => els.map((el) => el.innerText));
    case 'value':
      return await scope.locator(req.selector).first().inputValue({ timeout });
    case 'count':
      return await scope.locator(req.selector).count();
    case 'attribute':
      return await scope.locator(req.selector).first().getAttribute(req.name, { timeout });
    case 'attributesOfAll':
      // One snapshot of every match, taken in one turn of the page: the list cannot redraw between two reads.
      return await scope
        .locator(req.selector)
        .evaluateAll((els, names) => els.map((el) => names.map((n) => el.getAttribute(n))), req.names);
    case 'style':
      /* global getComputedStyle -- in the page, not in node */
      return await scope
        .locator(req.selector)
        .first()
        .evaluate((el, property) => getComputedStyle(el).getPropertyValue(property).trim(), req.property, { timeout });
    case 'mouseMove':
      await page.mouse.move(req.x, req.y);
      return null;
    case 'windowFocus':
      // Playwright makes every page believe it has focus. The workbench asks document.hasFocus()
      // whenever the window's focus, blur or the document's visibility changes; answer for it,
      // then fire the visibility event (its focus tracker ignores a blur it saw no focus for).
      /* global document -- in the page, not in node */
      await page.evaluate((focused) => {
        Object.defineProperty(document, 'hasFocus', { value: () => focused, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, !!req.focused);
      return null;
    default:
      throw new Error(`unknown ui action: ${req.action}`);
  }
}

async function serveUiRequests(page, resultsDir, log) {
  const reqDir = path.join(resultsDir, 'ui-requests');
  const resDir = path.join(resultsDir, 'ui-responses');
  let names = [];
  try {
    names = fs
      .readdirSync(reqDir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return;
  }
  for (const n of names) {
    const file = path.join(reqDir, n);
    let req;
    try {
      req = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    fs.rmSync(file, { force: true });
    let res;
    try {
      res = { id: req.id, ok: true, result: await uiAction(page, req, resultsDir) };
    } catch (err) {
      res = { id: req.id, ok: false, error: String(err?.message ?? err) };
      // What the screen showed when an action failed: the first thing to look at.
      if (req.action !== 'screenshot') {
        const shot = path.join(resultsDir, 'screenshots', `failed-${req.action}-${req.id}.png`);
        try {
          fs.mkdirSync(path.dirname(shot), { recursive: true });
          await page.screenshot({ path: shot, timeout: 10_000 });
          res.error += `\n(the screen then: ${shot})`;
        } catch {
          /* the page itself is gone */
        }
      }
      log(`[run-in-code-server] ui action ${req.action} failed: ${res.error}`);
    }
    fs.mkdirSync(resDir, { recursive: true });
    writeAtomic(path.join(resDir, `${req.id}.json`), JSON.stringify(res));
  }
}

export async function runInCodeServer({
  extensionPath,
  testsPath,
  workspaceFolder,
  env = {},
  resultsDir,
  timeoutMs = 10 * 60_000,
  workspaceTrust = false,
  installVsix,
  codeServerVersion = CODE_SERVER_VERSION,
  install = true,
  log = (line) => console.log(line),
} = {}) {
  if (!extensionPath || !testsPath) throw new Error('runInCodeServer: extensionPath and testsPath are required');
  extensionPath = path.resolve(extensionPath);
  testsPath = path.resolve(testsPath);
  if (!fs.existsSync(path.join(extensionPath, 'package.json'))) throw new Error(`no package.json in ${extensionPath}`);
  if (!fs.existsSync(testsPath) && !fs.existsSync(testsPath + '.js')) {
    throw new Error(`tests module ${testsPath} does not exist (compile first: npx tsc -p .)`);
  }
  resultsDir = path.resolve(resultsDir ?? path.join(extensionPath, 'test-results', 'vscode'));
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const stale of ['results.json', 'mocha.log', 'code-server.log', 'ui-requests', 'ui-responses', 'screenshots']) {
    fs.rmSync(path.join(resultsDir, stale), { recursive: true, force: true });
  }

  codeServerVersion = resolveCodeServerVersion(codeServerVersion);
  if (install) installCodeServer(codeServerVersion);
  const entry = codeServerEntry(codeServerVersion);
  if (!fs.existsSync(entry)) throw new Error(`code-server ${codeServerVersion} is not installed (no ${entry})`);
  // Its native modules are built for this node (Node 24 from the npm registry for the newest).
  const nodeBin = codeServerNode(codeServerVersion);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsc-cs-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(userDataDir);
  fs.mkdirSync(extensionsDir);
  // Keep the workbench quiet and predictable.
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(quietSettings({ trust: !!workspaceTrust }), null, 2),
  );
  if (!workspaceFolder) {
    workspaceFolder = path.join(tmp, 'workspace');
    fs.mkdirSync(workspaceFolder);
  }
  workspaceFolder = path.resolve(workspaceFolder);
  if (installVsix) {
    // As a user installs it: the suite sees the extension from the extensions folder, not a development path.
    const r = spawnSync(
      nodeBin,
      [
        entry,
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        '--install-extension',
        path.resolve(installVsix),
        '--force',
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0)
      throw new Error(
        `code-server --install-extension ${installVsix} failed (exit ${r.status ?? r.signal}):\n${r.stderr || r.stdout}`,
      );
  }

  const port = await freePort();
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    ...quietFlags({ trust: !!workspaceTrust }),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    workspaceFolder,
  ];
  const csLogFile = path.join(resultsDir, 'code-server.log');
  const csLog = fs.createWriteStream(csLogFile);
  let csOutput = '';
  const csEnv = { ...process.env, ...env, VSC_TEST_RESULTS_DIR: resultsDir, VSC_TEST_EXTENSIONS_DIR: extensionsDir };
  delete csEnv.VSCODE_IPC_HOOK_CLI; // when run from a VS Code terminal
  const cs = spawn(nodeBin, args, { env: csEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let csExit = null;
  cs.on('exit', (code, signal) => {
    csExit = { code, signal };
  });
  for (const s of [cs.stdout, cs.stderr]) {
    s.on('data', (d) => {
      csLog.write(d);
      csOutput = (csOutput + d.toString()).slice(-200_000);
    });
  }

  const killCodeServer = () => {
    if (csExit || !cs.pid) return;
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  const onSignal = (sig) => {
    killCodeServer();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let browser;
  const consoleErrors = [];
  const diagnostics = () =>
    [
      `--- code-server output (tail, full log: ${csLogFile})`,
      tail(csOutput),
      '--- extension host logs',
      extensionHostLogs(userDataDir) || '(none)',
      '--- browser console errors',
      consoleErrors.slice(-30).join('\n') || '(none)',
    ].join('\n');

  try {
    // 1. Wait for the server.
    const startDeadline = Date.now() + 60_000;
    for (;;) {
      if (csExit) throw new Error(`code-server exited early (${JSON.stringify(csExit)})\n${diagnostics()}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > startDeadline)
        throw new Error(`code-server did not answer /healthz within 60 s\n${diagnostics()}`);
      await sleep(250);
    }

    // 2. Open the workbench with the extension under development and the suite.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-dev-shm-usage',
      ],
    });
    // The clipboard as a user's browser allows it to VS Code's page once asked: VS Code 1.90 reads
    // it through the browser's clipboard API, which an unasked headless page is refused ("").
    const context = await browser.newContext({
      viewport: VIEWPORT,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('crash', () => consoleErrors.push('page crashed'));

    // The authority the workbench names its server by: host and port up to VS Code 1.100,
    // "remote" in later builds. The suite's paths are given under the same one.
    const workbenchUrl = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspaceFolder)}`;
    const config = workbenchConfiguration(await (await fetch(workbenchUrl)).text());
    const authority = config?.remoteAuthority ?? `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    const url = `${workbenchUrl}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    // VS Code 1.90-1.100 read this payload (the extension under development and the suite) in
    // any build. Later builds read it only when unbuilt or with the smoke-test driver, which
    // also hides every notification toast (the suites look for them). In this test browser
    // only, the one condition that decides it is made true again; nothing else of the page
    // changes. A build without that condition reads the payload as it is.
    await page.route(
      (u) =>
        u.origin === `http://127.0.0.1:${port}` && u.pathname.endsWith('/out/vs/code/browser/workbench/workbench.js'),
      async (route) => {
        const response = await route.fetch();
        const script = await response.text();
        const patched = script.replace(READS_PAYLOAD_WHEN, READS_PAYLOAD);
        if (patched !== script)
          log("[run-in-code-server] the workbench reads the suite's payload (built VS Code >= 1.101)");
        await route.fulfill({ response, body: patched });
      },
    );
    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    // 3. Serve UI requests and stream the suite's log until results.json appears.
    const resultsFile = path.join(resultsDir, 'results.json');
    const mochaLog = path.join(resultsDir, 'mocha.log');
    let logPos = 0;
    const pumpLog = () => {
      let buf;
      try {
        buf = fs.readFileSync(mochaLog);
      } catch {
        return;
      }
      if (buf.length > logPos) {
        const text = buf.subarray(logPos).toString();
        const cut = text.lastIndexOf('\n');
        if (cut >= 0) {
          for (const line of text.slice(0, cut).split('\n')) log(line);
          logPos += Buffer.byteLength(text.slice(0, cut + 1));
        }
      }
    };
    let results;
    for (;;) {
      await serveUiRequests(page, resultsDir, log);
      pumpLog();
      if (fs.existsSync(resultsFile)) {
        pumpLog();
        results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
        break;
      }
      if (csExit) throw new Error(`code-server exited during the tests (${JSON.stringify(csExit)})\n${diagnostics()}`);
      if (Date.now() - started > timeoutMs) {
        let lastLine = '';
        try {
          lastLine =
            fs
              .readFileSync(mochaLog, 'utf8')
              .trimEnd()
              .split('\n')
              .filter((l) => /^\s+(ok|FAIL|skip) /.test(l))
              .pop() ?? '';
        } catch {
          /* none */
        }
        throw new Error(
          `no ${resultsFile} within ${timeoutMs} ms: the suite did not finish, ` +
            (lastLine
              ? `hung in the test after "${lastLine.trim()}"`
              : `no test ended (did the extension host load ${testsPath}?)`) +
            `\n${diagnostics()}`,
        );
      }
      await sleep(100);
    }
    const vscodeVersion = results.vscodeVersion || codeServerVscodeVersion(codeServerVersion);
    const nodeVersion = results.nodeVersion || spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    log(
      `[run-in-code-server] VS Code ${vscodeVersion} (code-server ${codeServerVersion}, Node ${nodeVersion.replace(/^v/, '')}), suite took ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return {
      passed: results.passed ?? 0,
      failed: results.failed ?? 0,
      skipped: results.skipped ?? [],
      failures: results.failures ?? [],
      vscodeVersion,
      codeServerVersion,
      nodeVersion,
      resultsDir,
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (browser) await browser.close().catch(() => {});
    killCodeServer();
    for (let i = 0; i < 50 && !csExit; i++) await sleep(100);
    if (!csExit && cs.pid) {
      try {
        process.kill(-cs.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    csLog.end();
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}

function parseArgs(argv) {
  const o = { env: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--extension':
        o.extensionPath = val();
        break;
      case '--tests':
        o.testsPath = val();
        break;
      case '--workspace':
        o.workspaceFolder = val();
        break;
      case '--results':
        o.resultsDir = val();
        break;
      case '--timeout':
        o.timeoutMs = Number(val());
        break;
      case '--workspace-trust':
        o.workspaceTrust = true;
        break;
      case '--code-server':
        o.codeServerVersion = val();
        break;
      case '--env': {
        const kv = val();
        const eq = kv.indexOf('=');
        if (eq < 1) throw new Error(`--env wants KEY=VALUE, got ${kv}`);
        o.env[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      case '-h':
      case '--help':
        console.log(
          'usage: run-in-code-server.mjs --extension DIR --tests out/test/vscode/index.js [--workspace DIR] [--results DIR] [--timeout MS] [--workspace-trust] [--env K=V]... [--code-server VERSION|main|previous|oldest]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  o.extensionPath ??= '.';
  o.testsPath ??= 'out/test/vscode/index.js';
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let code = 1;
  try {
    const r = await runInCodeServer(parseArgs(process.argv.slice(2)));
    for (const f of r.failures) console.log(`\nFAILED: ${f.title}\n${f.error}`);
    console.log(`results: ${r.resultsDir}`);
    console.log(`VS Code ${r.vscodeVersion} (code-server ${r.codeServerVersion})`);
    console.log(`vscode: ${r.passed} passed, ${r.failed} failed, ${r.skipped.length} skipped`);
    code = r.failed > 0 || r.skipped.length > 0 || r.passed === 0 ? 1 : 0;
  } catch (err) {
    console.error(`[run-in-code-server] ERROR: ${err?.stack ?? err}`);
  }
  process.exit(code);
}
