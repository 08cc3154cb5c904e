// `npm start [-- --airflow 2|3] [--port N] [--airflow-port N] [--postgres-port N] [--no-password]`:
// a local Airflow with the demo DAGs (examples/dags/) and a VS Code (code-server, loopback only)
// with the extension installed from its .vsix and already connected. Ctrl-C stops all of it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CODE_SERVER_VERSION as CS_VERSION,
  codeServerEntry,
  codeServerNode,
  codeServerVscodeVersion,
} from './vscode/codeServer.mjs';
import { quietFlags, quietSettings } from './vscode/codeServerSettings.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The main code-server of scripts/vscode/code-server-versions.json, the one `npm test` runs.
const CS_ENTRY = codeServerEntry(CS_VERSION);
const STATE = path.join(ROOT, '.cache', 'start');
const VSIX = path.join(ROOT, 'dist', 'airflow-vscode.vsix');
const STEPS = 6;

const USAGE = 'usage: npm start [-- --airflow 2|3] [--port N] [--airflow-port N] [--postgres-port N] [--no-password]';

function usage(message) {
  if (message) console.log(`npm start: ${message}`);
  console.log(USAGE);
  process.exit(2);
}

/**
 * A failure of one step, said as one sentence with its fix (`reason`, `fix`), then the last
 * lines of the log that tells more (`logFile`), if any. Printed on standard output, where the
 * user reads the steps.
 */
class StepFailure extends Error {
  constructor(reason, fix, logFile) {
    super(reason);
    this.fix = fix;
    this.logFile = logFile;
  }
}

function lastLines(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

function parseArgs(argv) {
  const o = { airflow: 3, port: 8765, airflowPort: undefined, postgresPort: 28632, password: true };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const number = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 65535) usage(`${key} needs a port number`);
      return n;
    };
    if (key === '--airflow') o.airflow = Number(value());
    else if (key === '--port') o.port = number();
    else if (key === '--airflow-port') o.airflowPort = number();
    else if (key === '--postgres-port') o.postgresPort = number();
    else if (key === '--no-password') o.password = false;
    else usage(`unknown option ${key}`);
  }
  if (o.airflow !== 2 && o.airflow !== 3) usage('--airflow is 2 or 3');
  o.airflowPort ??= o.airflow === 2 ? 28280 : 28281;
  return o;
}

let stepNo = 0;
let stepTitle = '';
const step = (title) => {
  stepTitle = title;
  console.log(`\n[${++stepNo}/${STEPS}] ${title}`);
};

/** Runs a command with its output shown (installs print their own progress); fails with `fix`. */
function run(title, cmd, args, fix) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0)
    throw new StepFailure(
      `${title} failed (\`${[cmd, ...args].map((a) => path.basename(a)).join(' ')}\` exited ${r.status ?? r.signal}; its output is above)`,
      fix,
    );
}

/**
 * setup.sh writes pip's output to a log (stdout is kept for the result): while it runs, say how
 * far pip is, in packages and downloaded bytes, from that log.
 */
async function installAirflow(major) {
  const dir = path.join(ROOT, '.cache', 'airflow');
  const started = Date.now();
  const child = spawn('bash', [path.join(ROOT, 'scripts', 'airflow', 'setup.sh'), String(major)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let last = '';
  const tick = setInterval(() => {
    let text;
    try {
      // setup.sh names the log after the version it installs: pip-<major>.x.y.log.
      const log = fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(`pip-${major}.`) && f.endsWith('.log'))
        .map((f) => path.join(dir, f))
        .find((f) => fs.statSync(f).mtimeMs >= started);
      if (!log) return;
      text = fs.readFileSync(log, 'utf8');
    } catch {
      return;
    }
    const packages = (text.match(/^Collecting /gm) ?? []).length;
    const mb = [...text.matchAll(/^\s*Downloading \S+ \(([\d.]+) (kB|MB)\)/gm)].reduce(
      (sum, m) => sum + Number(m[1]) / (m[2] === 'kB' ? 1024 : 1),
      0,
    );
    const line = `pip: ${packages} packages resolved, ${mb.toFixed(1)} MB downloaded${/^Installing collected/m.test(text) ? ', installing' : ''}`;
    if (line !== last) console.log(line);
    last = line;
  }, 2000);
  const code = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? sig)));
  clearInterval(tick);
  if (code !== 0) {
    const logs = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.startsWith(`pip-${major}.`) && f.endsWith('.log'))
          .map((f) => path.join(dir, f))
      : [];
    const newest = logs.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    throw new StepFailure(
      `Installing Airflow ${major} into ${dir} failed (exit ${code})`,
      'check that PyPI is reachable (a proxy goes in PIP_INDEX_URL / HTTPS_PROXY) and run `npm start` again: what was installed is kept',
      newest,
    );
  }
}

function needsNpmCi() {
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  return (
    !fs.existsSync(installed) ||
    fs.statSync(installed).mtimeMs < fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs
  );
}

async function waitForHttp(url, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s (last: ${last})`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  // Modules of the project itself need its npm packages only for the build, so these load first.
  const { busyPorts } = await import('./airflow/ports.mjs');
  for (const [port, what, flag] of [
    [o.port, 'VS Code', '--port'],
    [o.airflowPort, 'Airflow', '--airflow-port'],
    [o.postgresPort, 'PostgreSQL', '--postgres-port'],
  ]) {
    const [busy] = await busyPorts({ [what]: port });
    if (busy)
      throw new StepFailure(`${busy} is busy`, `stop what uses it, or choose another with \`npm start -- ${flag} N\``);
  }

  step('npm packages');
  if (needsNpmCi())
    run(
      'npm ci',
      'npm',
      ['ci', '--no-audit', '--no-fund'],
      'check that the npm registry is reachable (a proxy goes in `npm config set proxy`) and run `npm start` again',
    );
  else console.log('up to date');

  step('PostgreSQL (Debian package) and the Airflow venv (pip, the first time takes a few minutes)');
  const { ensurePostgresInstalled } = await import('./airflow/postgres.mjs');
  try {
    ensurePostgresInstalled(console.log);
  } catch (e) {
    throw new StepFailure(
      e.message,
      "install Debian's `postgresql` package (as root: `apt-get install postgresql`), or set PG_BINDIR to the folder of its initdb",
    );
  }
  await installAirflow(o.airflow);

  step(`code-server ${CS_VERSION} (VS Code in the browser, from npm)`);
  run(
    'Installing code-server',
    'bash',
    [path.join(ROOT, 'scripts', 'vscode', 'install-code-server.sh'), CS_VERSION],
    "check that the npm registry is reachable (code-server and the Node it runs on come from it), and that Debian's libkrb5-dev and ripgrep are installed (as root, the script installs them), then run `npm start` again",
  );
  console.log(
    `VS Code ${codeServerVscodeVersion(CS_VERSION)} (code-server ${CS_VERSION}, on ${codeServerNode(CS_VERSION)})`,
  );

  step('building the extension and its .vsix');
  run(
    'npm run package',
    'npm',
    ['run', '--silent', 'package'],
    'run `npm run package` to see the build error alone; a fresh `npm ci` helps when node_modules is from another version',
  );

  step(`starting Airflow ${o.airflow} with the demo DAGs on PostgreSQL`);
  const { EXAMPLE_DAGS, startAirflow } = await import('./airflow/server.mjs');
  let af;
  try {
    af = await startAirflow(o.airflow, {
      port: o.airflowPort,
      postgresPort: o.postgresPort,
      dags: EXAMPLE_DAGS,
      logDir: path.join(STATE, 'logs'),
    });
  } catch (e) {
    // The server's message: its first line says what went wrong; the rest is its log's tail,
    // printed below from the log itself.
    const logFile = path.join(STATE, 'logs', `airflow-${o.airflow}.log`);
    throw new StepFailure(
      String(e.message).split('\n')[0],
      /in use|busy/.test(e.message)
        ? 'stop what listens there, or choose other ports with `npm start -- --airflow-port N --postgres-port N`'
        : `read the server's log (${logFile}, its end is below), then run \`npm start\` again`,
      fs.existsSync(logFile) ? logFile : undefined,
    );
  }
  console.log(`Airflow ${af.version} (${af.database}) ready at ${af.url}`);

  step('starting VS Code with the extension, connected to that Airflow');
  let cs;
  try {
    cs = await startCodeServer(o, af);
  } catch (e) {
    await af.stop();
    throw e;
  }
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping VS Code and Airflow…`);
    cs.stop();
    await af.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const open = `http://127.0.0.1:${o.port}/`;
  console.log(`
Ready.
  VS Code:  ${open}   ${o.password ? `password: ${cs.password}` : '(no password: it listens on 127.0.0.1 only)'}
  Airflow:  ${af.url}   user ${af.username}, password ${af.password}

Open ${open} in a browser; the Airflow view (activity bar) is already connected. Three things to try:
  1. example_params → right-click → Trigger with Config… → change "days" → ▷ (title bar) sends it.
  2. Trigger example_flaky, expand its run: the task failed its first try and succeeded on the retry; click each try for its log.
  3. Trigger example_live_log and click its running task: the log tab follows it live.

Ctrl-C stops everything this started.`);
}

/** Installs the .vsix into a code-server of our own and starts it on loopback with the demo connection. */
async function startCodeServer(o, af) {
  const userData = path.join(STATE, 'user-data');
  const extensions = path.join(STATE, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  const settings = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  Object.assign(settings, {
    ...quietSettings(),
    // examples/ sits inside this repository; VS Code would offer to open the repository.
    'git.openRepositoryInParentFolders': 'never',
  });
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const base = [CS_ENTRY, '--user-data-dir', userData, '--extensions-dir', extensions];
  // Its native modules are built for the node it asked for (Node 24 from the npm registry for the newest).
  const node = codeServerNode(CS_VERSION);
  run(
    'Installing the .vsix',
    node,
    [...base, '--install-extension', VSIX, '--force'],
    `run \`npm run package\` again (the .vsix may be incomplete), or remove ${extensions} and run \`npm start\` again`,
  );

  const password = randomBytes(12).toString('base64url');
  const env = {
    ...process.env,
    PASSWORD: password,
    // The extension adds this connection (password into SecretStorage) when it starts: see src/profiles/demoProfile.ts.
    AIRFLOW_VSCODE_DEMO_PROFILE: JSON.stringify({
      id: `local-airflow-${o.airflow}`,
      name: `Local Airflow ${o.airflow}`,
      url: af.url,
      auth: o.airflow === 2 ? 'basic' : 'jwt',
      username: af.username,
      secret: af.password,
    }),
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const args = [
    ...base,
    '--auth',
    o.password ? 'password' : 'none',
    '--bind-addr',
    `127.0.0.1:${o.port}`,
    ...quietFlags(),
    path.join(ROOT, 'examples'),
  ];
  const logFile = fs.openSync(path.join(STATE, 'code-server.log'), 'w');
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', logFile, logFile] });
  fs.closeSync(logFile);
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  // A normal exit of this process takes code-server with it.
  process.on('exit', stop);
  await waitForHttp(`http://127.0.0.1:${o.port}/healthz`, 'code-server').catch((e) => {
    stop();
    throw new StepFailure(
      e.message,
      `read its log (below), then run \`npm start\` again, or with another \`--port N\``,
      path.join(STATE, 'code-server.log'),
    );
  });
  return { password, stop, pid: child.pid };
}

main().catch((err) => {
  const where = stepNo ? `at step ${stepNo}/${STEPS} (${stepTitle})` : 'before its first step';
  if (err instanceof StepFailure) {
    console.log(`\nnpm start stopped ${where}: ${err.message}. To fix it: ${err.fix}.`);
    const tail = err.logFile ? lastLines(err.logFile) : '';
    if (tail) console.log(`\n--- the last lines of ${err.logFile} ---\n${tail}`);
  } else {
    // Not foreseen: the whole error, stack included, so it can be reported.
    console.log(
      `\nnpm start stopped ${where}: ${err instanceof Error ? err.message : err}. To fix it: this was not expected; please report it with the output above.`,
    );
    if (err instanceof Error && err.stack) console.log(err.stack);
  }
  process.exit(1);
});
