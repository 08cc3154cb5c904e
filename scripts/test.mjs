// `npm test`: lint, format check (Prettier), type check, build, then three layers of tests:
//   1. unit tests in plain node,
//   2. contract tests against real Airflows (installed from PyPI),
//   3. suites inside a real VS Code (code-server's extension host).
// The Airflows come in groups (scripts/airflow/versions.mjs): the newest 2.x and 3.x together for
// every suite (they start in the background while the checks and unit tests run; their two
// contract layers run side by side), then each older version alone for the contract tests, beside
// the check of `npm start` as a new user runs it. TEST_AIRFLOW overrides them: `3.0.6` (one
// version), `2.11.2,3.3.2;3.1.8` (the default: groups split by `;`, versions of a group by `,`, at
// most one per major).
// TEST_SKIP_BUILD=1 skips lint, type check and build (test:compat builds once for all versions).
// TEST_CODE_SERVER picks the VS Code: a code-server version or a name of
// scripts/vscode/code-server-versions.json (default `main`, the newest; test:compat uses `oldest`).
// A layer that cannot start counts as a failure with a message saying why; nothing is skipped.
// Each VS Code run prints the VS Code, code-server and Node versions it ran in.
// Ends with a line per Airflow group, the VS Code and Airflow versions that ran, and the line
// `N passed, N failed, N skipped` summed over all layers. A skipped test fails the run unless
// scripts/not-applicable.mjs declares it not applicable on this platform.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TEST_AIRFLOW } from './airflow/versions.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results');
const only = process.env.TEST_LAYERS ? process.env.TEST_LAYERS.split(',') : ['unit', 'airflow', 'vscode', 'start'];
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Titles of skipped tests, by layer: `label: title`. */
const skippedTitles = [];
// A layer whose tests show no progress for this long is stopped, naming the test it hung in.
const LAYER_IDLE_LIMIT_MS = Number(process.env.TEST_LAYER_IDLE_MS ?? 15 * 60_000);
// Short JWT lifetime on Airflow 3 so the token-renewal test sees a real expiry.
process.env.AIRFLOW3_JWT_EXPIRATION ??= '20';
// Ports: free ones the system hands out, unless AIRFLOW2_PORT / AIRFLOW3_PORT / POSTGRES_PORT name
// them (a named port that is busy is refused with its name). Chosen per group, at its start.
const envPort = (name) => (process.env[name] ? Number(process.env[name]) : undefined);
const failures = [];
/** `Airflow 3.1.8: N passed, N failed`, one per group, repeated at the end. */
const groupLines = [];
/** The VS Code versions the suites ran in, and the Airflow versions that served them. */
const vscodeVersions = new Set();
const airflowVersions = new Set();
const groups = parseGroups(process.env.TEST_AIRFLOW || DEFAULT_TEST_AIRFLOW);

function parseGroups(spec) {
  const out = spec
    .split(';')
    .map((g) =>
      g
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0);
  for (const g of out) {
    const majors = g.map((v) => v.split('.')[0]);
    if (g.some((v) => !/^[23]\.\d+\.\d+$/.test(v)) || new Set(majors).size !== majors.length) {
      console.error(
        `TEST_AIRFLOW="${spec}": each group lists 2.x/3.x versions like 3.1.8, at most one per major (the VS Code suites find a server by its major)`,
      );
      process.exit(2);
    }
  }
  return out;
}

const startedAt = Date.now();
/** `m:ss` since npm test started, printed with each section so a slow one shows. */
const elapsed = () => {
  const s = Math.round((Date.now() - startedAt) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
/** A section's header line, with the time since npm test started. */
const header = (title) => console.log(`\n== ${title}  [at ${elapsed()}]`);

/** Runs one check or build command; false (a counted failure) when it fails. Asynchronous: the Airflows start meanwhile. */
async function step(title, cmd, args) {
  header(title);
  const code = await new Promise((res) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    child.on('error', () => res('not started'));
    child.on('exit', (c, signal) => res(c ?? signal));
  });
  if (code !== 0) {
    totals.failed++;
    failures.push(`${title} failed (exit ${code})`);
    return false;
  }
  return true;
}

/**
 * A workspace whose settings declare a profile with a token command that would leave a
 * marker file if it ever ran: the suites prove it never does.
 */
function prepareWorkspace(airflowUrl) {
  const folder = join(resultsDir, 'workspace');
  const marker = join(resultsDir, 'token-command-ran.txt');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); console.log('token')`;
  writeFileSync(
    join(folder, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        // The folder lies inside this repository; VS Code would otherwise offer to open it.
        'git.openRepositoryInParentFolders': 'never',
        'airflow.profiles': [
          {
            id: 'ws-command',
            name: 'ws-command',
            url: airflowUrl,
            auth: 'command',
            tokenCommand: [process.execPath, '-e', script],
          },
        ],
      },
      null,
      2,
    ),
  );
  return { folder, marker };
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => f.endsWith('.test.js') && statSync(f).isFile())
    .sort();
}

/**
 * Runs mocha in a child process (fresh module cache per layer) and adds its counts to the totals.
 * `buffered`: its output is held and printed, under its header, once it ends (for a layer that
 * runs beside another).
 */
async function runMocha(label, files, env = {}, { buffered = false } = {}) {
  const begun = elapsed();
  if (!buffered) header(label);
  if (files.length === 0) {
    totals.failed++;
    failures.push(`${label}: no test files found`);
    console.log(`${label}: no test files found`);
    return;
  }
  const countsFile = join(resultsDir, `${label.replace(/[^\w.-]+/g, '_')}.counts.json`);
  rmSync(countsFile, { force: true });
  const args = [
    join(root, 'node_modules/mocha/bin/mocha.js'),
    '--reporter',
    join(root, 'scripts/mocha-counting-reporter.cjs'),
    '--reporter-option',
    `out=${countsFile}`,
    '--timeout',
    '120000',
    ...files.map((f) => relative(root, f)),
  ];
  let hung = null;
  const code = await new Promise((res) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    const held = [];
    if (buffered) {
      child.stdout.on('data', (d) => held.push(d));
      child.stderr.on('data', (d) => held.push(d));
    }
    // Watchdog: the reporter rewrites the counts file as each test begins; no change for
    // LAYER_IDLE_LIMIT_MS means the layer hangs, and it is stopped with the test it hangs in.
    let lastChange = Date.now();
    let lastSeen = '';
    const timer = setInterval(() => {
      let seen = '';
      try {
        seen = readFileSync(countsFile, 'utf8');
      } catch {
        /* not yet */
      }
      if (seen !== lastSeen) {
        lastSeen = seen;
        lastChange = Date.now();
        return;
      }
      if (Date.now() - lastChange < LAYER_IDLE_LIMIT_MS) return;
      let current = null;
      try {
        current = JSON.parse(seen).current;
      } catch {
        /* none yet */
      }
      hung = `${label}: stopped after ${Math.round(LAYER_IDLE_LIMIT_MS / 60_000)} minutes without progress, in ${current ? `the test "${current}"` : 'loading its test files'}`;
      console.log(`\n!! ${hung}`);
      child.kill('SIGKILL');
    }, 5000);
    child.on('close', (c, s) => {
      clearInterval(timer);
      if (buffered) {
        console.log(`\n== ${label}  [began at ${begun}, beside another layer; ended at ${elapsed()}]`);
        process.stdout.write(Buffer.concat(held));
      }
      res(c ?? s);
    });
  });
  if (hung) {
    totals.failed++;
    failures.push(hung);
    return;
  }
  const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : null;
  if (!counts?.done) {
    totals.failed++;
    failures.push(
      `${label}: mocha ended (${code}) without reporting results${counts?.current ? `, during "${counts.current}"` : ''}`,
    );
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  addSkipped(label, counts.skipped);
  for (const f of counts.failures) failures.push(`${label}: ${f.title}: ${f.error.split('\n')[0]}`);
  // Mocha exits non-zero on a failure it did not report as a test (an error after the run, a
  // rejected hook outside a test): the layer fails even when its counts say otherwise.
  if (code !== 0 && counts.failed === 0) {
    totals.failed++;
    failures.push(`${label}: mocha exited ${code} although no test failed`);
  }
}

function addSkipped(label, titles = []) {
  totals.skipped += titles.length;
  for (const t of titles) skippedTitles.push(`${label}: ${t}`);
}

function layerFailed(label, err) {
  totals.failed++;
  const msg = err instanceof Error ? err.message : String(err);
  failures.push(`${label}: ${msg.split('\n')[0]}`);
  console.error(`\n!! ${label} could not run:\n${msg}`);
}

/**
 * Starts one group of Airflows (at most one per major) on `postgres`, every port chosen in one
 * call so no two servers are handed the same one. Resolves to the outcome of each, in `versions` order.
 */
async function startGroup(versions, postgres) {
  if (!postgres) return [];
  const { startAirflow } = await import('./airflow/server.mjs');
  const { freePorts } = await import('./airflow/ports.mjs');
  const free = await freePorts(versions.length * 3);
  return Promise.allSettled(
    versions.map((v, i) => {
      const major = Number(v.split('.')[0]);
      const [api, worker, trigger] = free.slice(i * 3, i * 3 + 3);
      return startAirflow(v, {
        port: envPort(`AIRFLOW${major}_PORT`) ?? api,
        logServerPorts: { worker, trigger },
        postgres,
        jwtExpirationSeconds: major === 3 ? Number(process.env.AIRFLOW3_JWT_EXPIRATION) : undefined,
      });
    }),
  );
}

/**
 * Runs the contract and VS Code layers against one group of Airflows: `starting` when they were
 * started early (the first group starts while the checks and unit tests run), else started here.
 */
async function testGroup(versions, postgres, vscodeSuites, starting, { bufferAll = false } = {}) {
  const name = versions.join(' + ');
  const before = { ...totals };
  const servers = [];
  let net = null;
  try {
    header(`${starting ? 'waiting for' : 'starting'} Airflow ${name} (PostgreSQL)`);
    const started = await (starting ?? startGroup(versions, postgres));
    for (const [i, s] of started.entries()) {
      if (s.status === 'fulfilled') {
        servers.push(s.value);
        airflowVersions.add(s.value.version);
        console.log(
          `Airflow ${s.value.version} (API ${s.value.major === 2 ? 'v1' : 'v2'}, ${s.value.database}) ready at ${s.value.url} in ${Math.round(s.value.readySeconds)} s`,
        );
      } else {
        layerFailed(`Airflow ${versions[i]} server`, s.reason);
      }
    }
    if (!postgres) layerFailed(`Airflow ${name}`, new Error('not started: PostgreSQL did not start'));
    const airflowEnv = {
      // The majors this group serves: the explorer and log suites test each of them.
      AIRFLOW_MAJORS: versions.map((v) => v.split('.')[0]).join(','),
    };
    for (const s of servers) {
      airflowEnv[`AIRFLOW${s.major}_URL`] = s.url;
      airflowEnv[`AIRFLOW${s.major}_VERSION`] = s.version;
      airflowEnv[`AIRFLOW${s.major}_USERNAME`] = s.username;
      airflowEnv[`AIRFLOW${s.major}_PASSWORD`] = s.password;
      airflowEnv[`AIRFLOW${s.major}_DAGS_FOLDER`] = s.dagsFolder;
    }

    // A forward proxy (tinyproxy) and a TLS front (nginx) before the Airflow 3.x server, for the
    // suites that prove proxies and client certificates (NET_* variables; see scripts/net/). The
    // first group only: later groups run the compat suites, which need neither.
    const airflow3 = servers.find((s) => s.major === 3);
    const picked = pickedFiles();
    const wantsNet =
      !vscodeSuites &&
      only.includes('vscode') &&
      (picked.length === 0 || picked.some((p) => 'network.test'.includes(p)));
    if (airflow3 && wantsNet) {
      console.log(
        '\n== starting tinyproxy (open and with auth) and nginx (TLS, client certificate) before Airflow 3.x',
      );
      try {
        const { startNetFixtures } = await import('./net/index.mjs');
        net = await startNetFixtures({
          upstream: airflow3.url,
          dir: mkdtempSync(join(tmpdir(), 'airflow-vscode-net-')),
        });
        Object.assign(airflowEnv, net.env);
        console.log(
          `proxies at ${net.env.NET_PROXY_URL} and ${net.env.NET_AUTH_PROXY_URL}, TLS front at ${net.env.NET_TLS_URL} and ${net.env.NET_MTLS_URL}`,
        );
      } catch (err) {
        layerFailed('proxy and TLS front for the network suite', err);
      }
    }

    if (only.includes('airflow')) {
      const files = findTests(join(root, 'out/test/airflow'));
      // One process per server, side by side (each mostly waits on its own server's runs):
      // AIRFLOW_MAJORS names the one its contract tests run against. The first one's output
      // shows as it runs, the others' when they end.
      await Promise.all(
        servers.map((s, i) =>
          runMocha(
            `airflow ${s.version}`,
            files,
            { ...airflowEnv, AIRFLOW_MAJORS: String(s.major) },
            { buffered: bufferAll || i > 0 },
          ),
        ),
      );
    }

    if (only.includes('vscode')) await runVscode(airflowEnv, vscodeSuites, name);
  } finally {
    await net?.stop();
    await Promise.allSettled(servers.map((s) => s.stop()));
  }
  const line = `Airflow ${name}: ${totals.passed - before.passed} passed, ${totals.failed - before.failed} failed`;
  groupLines.push(line);
  console.log(`\n${line}`);
}

/** VSC_TEST_FILES=trigger,logs: parts of the suites' file names, to run only those. */
function pickedFiles() {
  return (process.env.VSC_TEST_FILES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * The suites inside a real VS Code against the group's servers: the main run, the untrusted
 * workspace, and the .vsix as a user installs it.
 */
async function runVscode(airflowEnv, suites, name) {
  const { runInCodeServer } = await import('./vscode/run-in-code-server.mjs');
  const { resolveCodeServerVersion } = await import('./vscode/codeServer.mjs');
  const codeServerVersion = resolveCodeServerVersion(process.env.TEST_CODE_SERVER || 'main');
  const { prepareTestExtension, preparePackagedRun } = await import('./vscode/test-extension.mjs');
  const workspace = prepareWorkspace(airflowEnv.AIRFLOW3_URL ?? 'http://127.0.0.1:9');
  // Only the suites picked run, in the run(s) they belong to. A later group gets its own list
  // (`suites`): the compat suites VSC_TEST_FILES picks.
  const picked = suites ?? pickedFiles();
  if (suites && suites.length === 0) return;
  const own = (p) => (p.includes('untrusted') ? 'untrusted' : p.includes('packaged') ? 'packaged' : 'main');
  const runs = [
    { label: 'vscode', kind: 'main', filter: { VSC_TEST_EXCLUDE: 'untrusted,packaged' } },
    { label: 'vscode (untrusted workspace)', kind: 'untrusted', trust: true, filter: { VSC_TEST_FILES: 'untrusted' } },
    // The .vsix as a user installs it: no test hooks, only commands, settings and the screen.
    { label: 'vscode (installed .vsix)', kind: 'packaged', filter: { VSC_TEST_FILES: 'packaged' } },
  ]
    .map((run) => ({ ...run, wanted: picked.filter((p) => own(p) === run.kind) }))
    .filter((run) => picked.length === 0 || run.wanted.length > 0)
    .map((run) =>
      picked.length && run.kind === 'main'
        ? { ...run, filter: { ...run.filter, VSC_TEST_FILES: run.wanted.join(',') } }
        : run,
    );
  for (const run of runs) {
    const label = `${run.label}, Airflow ${name}`;
    header(`${label}: suites inside a real VS Code (code-server ${codeServerVersion})`);
    rmSync(workspace.marker, { force: true });
    try {
      const packaged = run.kind === 'packaged' ? preparePackagedRun(root) : null;
      const r = await runInCodeServer({
        extensionPath: packaged ? packaged.carrier : prepareTestExtension(root),
        installVsix: packaged?.vsix,
        codeServerVersion,
        testsPath: join(root, 'out/test/vscode/index.js'),
        // The installed extension gets a fresh folder and its connection the way `npm start` hands it one.
        workspaceFolder: packaged ? undefined : workspace.folder,
        workspaceTrust: !!run.trust,
        env: {
          ...airflowEnv,
          ...run.filter,
          VSC_MARKER_FILE: workspace.marker,
          // Set for the installed run too: its bundle must ignore it.
          AIRFLOW_VSCODE_TEST_HOOKS: '1',
          ...(packaged && airflowEnv.AIRFLOW3_URL
            ? {
                AIRFLOW_VSCODE_DEMO_PROFILE: JSON.stringify({
                  id: 'installed-airflow-3',
                  name: 'Installed test Airflow 3',
                  url: airflowEnv.AIRFLOW3_URL,
                  auth: 'jwt',
                  username: airflowEnv.AIRFLOW3_USERNAME,
                  secret: airflowEnv.AIRFLOW3_PASSWORD,
                }),
              }
            : {}),
        },
        // npm test's first group keeps the usual folders; other groups (and TEST_AIRFLOW runs, such as
        // test:compat's) get their versions' names, so one version's screenshots survive the next.
        // Another VS Code than the main one: its own folders too.
        resultsDir: join(
          resultsDir,
          `vscode${run.kind === 'main' ? '' : `-${run.kind}`}${suites || process.env.TEST_AIRFLOW ? `-${name.replace(/[^\w.]+/g, '_')}` : ''}${process.env.TEST_CODE_SERVER ? `-code-server-${codeServerVersion}` : ''}`,
        ),
        // The main run holds every suite (about 25 minutes on a 2-core machine); the others are short.
        timeoutMs: 50 * 60_000,
      });
      console.log(
        `${label}: VS Code ${r.vscodeVersion} (code-server ${r.codeServerVersion}): ${r.passed} passed, ${r.failed} failed, ${r.skipped.length} skipped`,
      );
      totals.passed += r.passed;
      totals.failed += r.failed;
      addSkipped(`${label} (VS Code ${r.vscodeVersion})`, r.skipped);
      vscodeVersions.add(r.vscodeVersion);
      for (const f of r.failures) failures.push(`${label}: ${f.title}: ${String(f.error).split('\n')[0]}`);
    } catch (err) {
      layerFailed(`${label} (code-server)`, err);
    }
  }
}

async function startPostgresForTests() {
  try {
    const { startPostgres } = await import('./airflow/postgres.mjs');
    const { freePort } = await import('./airflow/ports.mjs');
    const postgres = await startPostgres({ port: envPort('POSTGRES_PORT') ?? (await freePort()) });
    console.log(`\nPostgreSQL ${postgres.version} ready on 127.0.0.1:${postgres.port}`);
    return postgres;
  } catch (err) {
    layerFailed('PostgreSQL for the Airflow servers', err);
    return null;
  }
}

/** Set once the first group's servers are handed to testGroup, which stops them. */
let firstGroupTaken = false;

/** The checks and the build, then the layers: unit, and each group of Airflows with its contract and VS Code suites. */
async function checksAndTests(npx, postgresStarting, firstGroupStarting, afterFirstGroup) {
  if (process.env.TEST_SKIP_BUILD !== '1') {
    // Lint and type errors are counted as failures but do not stop the test layers.
    await step('lint', npx('eslint'), ['.', '--max-warnings', '0']);
    await step('format', npx('prettier'), ['--check', '.', '--log-level', 'warn']);
    await step('type check', npx('tsc'), ['--noEmit']);
    const ok =
      (await step('build', process.execPath, ['esbuild.mjs', '--production'])) &&
      (await step('compile tests', npx('tsc'), ['-p', '.']));
    if (!ok) return;
  }

  if (only.includes('unit')) await runMocha('unit', findTests(join(root, 'out/test/unit')));

  if (!firstGroupStarting) return;
  const postgres = await postgresStarting;
  // Later groups (older versions) run the contract tests alone: they are there to catch what
  // the API does differently. The VS Code suites against older versions are test:compat's
  // (scripts/test-compat.mjs runs them on every version, one at a time).
  for (const [i, group] of groups.entries()) {
    if (i > 0 && !only.includes('airflow')) {
      console.log(`\n== Airflow ${group.join(' + ')}: not started (older versions run the contract tests only)`);
      continue;
    }
    if (i === 0) firstGroupTaken = true;
    // Once the first group is done, the `npm start` check runs beside the later ones (their
    // output then shows when each layer ends).
    await testGroup(group, postgres, i === 0 ? null : [], i === 0 ? firstGroupStarting : undefined, {
      bufferAll: i > 0,
    });
    if (i === 0) afterFirstGroup();
  }
}

/** `npm start` as a new user runs it: its own Airflow, PostgreSQL and VS Code, on its own free ports. */
async function startCheck() {
  header('npm start, as a new user runs it (scripted browser)');
  try {
    const { checkStart } = await import('./start-check.mjs');
    const r = await checkStart({ root, resultsDir: join(resultsDir, 'start') });
    totals.passed += r.passed;
    totals.failed += r.failed;
    for (const f of r.failures) failures.push(`npm start: ${f.title}: ${f.error.split('\n')[0]}`);
  } catch (err) {
    layerFailed('npm start', err);
  }
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const npx = (bin) => join(root, 'node_modules/.bin', bin);
  // PostgreSQL and the first group of Airflows start now, in the background: they take about a
  // minute, which the checks, the build and the unit tests would otherwise add to the run.
  const wantsAirflow = only.includes('airflow') || only.includes('vscode');
  const postgresStarting = wantsAirflow ? startPostgresForTests() : Promise.resolve(null);
  const firstGroupStarting = wantsAirflow ? postgresStarting.then((pg) => startGroup(groups[0], pg)) : null;
  if (wantsAirflow) console.log(`\n(PostgreSQL and Airflow ${groups[0].join(' + ')} are starting in the background)`);
  let starting = null;
  const runStartCheck = () => (starting ??= only.includes('start') ? startCheck() : Promise.resolve());
  try {
    await checksAndTests(npx, postgresStarting, firstGroupStarting, runStartCheck);
  } finally {
    // Whatever happened before the groups ran: nothing started here is left running.
    const postgres = await postgresStarting;
    if (firstGroupStarting && !firstGroupTaken)
      for (const s of await firstGroupStarting) if (s.status === 'fulfilled') await s.value.stop();
    await postgres?.stop();
  }
  // Started beside the later groups, or (no Airflow layer) now.
  await runStartCheck();
}

try {
  await main();
} catch (err) {
  layerFailed('test runner', err);
}
if (groupLines.length > 0) console.log(`\n${groupLines.join('\n')}`);
// Skipped tests: those declared not applicable on this platform are shown; any other fails the run.
const { sortSkipped } = await import('./not-applicable.mjs');
const { declared, undeclared } = sortSkipped(skippedTitles);
if (declared.length)
  console.log(
    `\nSkipped, declared not applicable here (scripts/not-applicable.mjs):\n${declared.map((t) => `  - ${t}`).join('\n')}`,
  );
for (const t of undeclared)
  failures.push(`skipped, and not declared not applicable in scripts/not-applicable.mjs: ${t}`);
if (failures.length > 0) {
  console.log('\nFailures:');
  for (const f of failures) console.log(`  - ${f}`);
}
if (vscodeVersions.size || airflowVersions.size) {
  console.log(
    `\nRan in VS Code ${[...vscodeVersions].join(', ') || '(none)'} against Airflow ${[...airflowVersions].join(', ') || '(none)'}`,
  );
}
console.log(`\nnpm test took ${elapsed()} (m:ss)`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || undeclared.length > 0 || totals.passed === 0 ? 1 : 0);
