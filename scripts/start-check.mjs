// The `npm start` check of `npm test`: runs scripts/start.mjs as a user would, opens the URL it
// prints in headless Chromium, logs in with the printed password, expects the Airflow view with
// the demo DAGs and a healthy status bar without typing anything, then presses Ctrl-C (SIGINT)
// and checks that every process it started is gone.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePorts, portInUse } from './airflow/ports.mjs';

const DEMO_DAGS = ['example_etl', 'example_flaky', 'example_mapped', 'example_live_log', 'example_params'];

/** Every process whose parent chain reaches `root`, plus those whose command line holds `marker`. */
function processTree(root, marker) {
  const procs = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      procs.set(Number(entry), { ppid, cmd });
    } catch {
      /* gone meanwhile */
    }
  }
  const found = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!found.has(pid) && (found.has(p.ppid) || p.cmd.includes(marker))) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found].map((pid) => ({ pid, cmd: procs.get(pid)?.cmd ?? '' }));
}

function alive(pid) {
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves when `text` matches the output so far; rejects when the process exits first or time runs out. */
function waitForOutput(child, out, pattern, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `timed out after ${timeoutMs / 1000} s waiting for ${what}; last output:\n${out.text.slice(-1500)}`,
          ),
        ),
      timeoutMs,
    );
    const check = () => {
      const m = out.text.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before ${what}:\n${out.text.slice(-1500)}`));
    });
    check();
  });
}

export async function checkStart({ root, resultsDir }) {
  const results = { passed: 0, failed: 0, failures: [] };
  const check = async (title, fn) => {
    try {
      await fn();
      results.passed++;
      console.log(`  ok   ${title}`);
    } catch (err) {
      results.failed++;
      results.failures.push({ title, error: err instanceof Error ? err.message : String(err) });
      console.log(
        `  FAIL ${title}\n       ${String(err instanceof Error ? err.message : err)
          .split('\n')
          .join('\n       ')}`,
      );
    }
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  // npm start's own ports, which a user may set: free ones, passed as its options.
  const [vscode, airflow, postgres] = await freePorts(3);
  const PORTS = { vscode, airflow, postgres };
  await check(
    'a busy port stops npm start at once with one sentence that names the port and how to choose another',
    async () => {
      const net = await import('node:net');
      const holder = net.createServer();
      await new Promise((r) => holder.listen(PORTS.postgres, '127.0.0.1', r));
      try {
        const r = spawnSync(
          process.execPath,
          [
            path.join(root, 'scripts', 'start.mjs'),
            '--airflow',
            '3',
            '--port',
            String(PORTS.vscode),
            '--airflow-port',
            String(PORTS.airflow),
            '--postgres-port',
            String(PORTS.postgres),
          ],
          { cwd: root, encoding: 'utf8', timeout: 60_000 },
        );
        const want = `npm start stopped before its first step: port ${PORTS.postgres} (PostgreSQL) is busy. To fix it: stop what uses it, or choose another with \`npm start -- --postgres-port N\`.`;
        if (r.status !== 1)
          throw new Error(`exit ${r.status ?? r.signal}, expected 1; stdout: ${r.stdout}; stderr: ${r.stderr}`);
        if (r.stdout.trim() !== want)
          throw new Error(`standard output was:\n${r.stdout}\nexpected the one line:\n${want}`);
      } finally {
        await new Promise((r) => holder.close(r));
      }
    },
  );

  const out = { text: '' };
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'scripts', 'start.mjs'),
      '--airflow',
      '3',
      '--port',
      String(PORTS.vscode),
      '--airflow-port',
      String(PORTS.airflow),
      '--postgres-port',
      String(PORTS.postgres),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = fs.createWriteStream(path.join(resultsDir, 'npm-start.log'));
  child.stdout.on('data', (d) => {
    out.text += d;
    log.write(d);
  });
  child.stderr.on('data', (d) => log.write(d));
  let tree = [];
  let browser;
  try {
    let url;
    let password;
    await check('npm start brings up Airflow and VS Code and prints the URL and a password', async () => {
      const m = await waitForOutput(
        child,
        out,
        /VS Code:\s+(http:\/\/127\.0\.0\.1:\d+\/)\s+password: (\S+)/,
        'the "Ready" lines',
        15 * 60_000,
      );
      [, url, password] = m;
      for (const step of ['[1/6]', '[6/6]', 'Three things to try', 'Ctrl-C stops everything']) {
        if (!out.text.includes(step)) throw new Error(`the output lacks "${step}"`);
      }
    });
    tree = processTree(child.pid, `port=${PORTS.postgres}`);

    await check(
      'the printed URL opens VS Code with the Airflow view connected to the demo DAGs, nothing typed but the password',
      async () => {
        if (!url) throw new Error('no URL was printed');
        const { chromium } = await import('playwright-core');
        browser = await chromium.launch({
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
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
        const page = await (await browser.newContext({ viewport: { width: 1400, height: 800 } })).newPage();
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await page.locator('input[type=password]').fill(password, { timeout: 30_000 });
        await page.keyboard.press('Enter');
        await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
        await page.locator('.activitybar [aria-label^="Airflow"]').first().click({ timeout: 60_000 });
        for (const dag of DEMO_DAGS) {
          await page.locator(`.part.sidebar .monaco-list-row:has-text("${dag}")`).first().waitFor({ timeout: 120_000 });
        }
        await page
          .locator('.part.sidebar .monaco-list-row:has-text("failed to import")')
          .first()
          .waitFor({ timeout: 60_000 });
        const status = page.locator('[id$="airflow.status"]');
        await status.filter({ hasText: 'Local Airflow 3' }).filter({ hasText: '3.' }).waitFor({ timeout: 60_000 });
        const text = await status.innerText();
        if (/fail|unreachable|sign/i.test(text)) throw new Error(`status bar says "${text}"`);
        await page.screenshot({ path: path.join(resultsDir, 'npm-start.png'), animations: 'disabled' });
      },
    );
  } finally {
    await browser?.close().catch(() => {});
    await check('Ctrl-C (SIGINT) stops everything npm start started', async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('npm start did not exit within 90 s of SIGINT')), 90_000);
          child.on('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      const deadline = Date.now() + 30_000;
      let left = tree.filter((p) => alive(p.pid));
      while (left.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        left = tree.filter((p) => alive(p.pid));
      }
      if (tree.length < 3)
        throw new Error(
          `only ${tree.length} processes were seen while it ran: the process table check saw nothing to check`,
        );
      if (left.length)
        throw new Error(`still running after Ctrl-C: ${left.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`).join('; ')}`);
      for (const [what, port] of Object.entries(PORTS)) {
        if (await portInUse(port)) throw new Error(`port ${port} (${what}) still answers after Ctrl-C`);
      }
    });
    if (child.exitCode === null) spawnSync('kill', ['-KILL', String(child.pid)]);
    log.end();
  }
  return results;
}
