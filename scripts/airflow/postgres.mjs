// A throwaway PostgreSQL cluster for the test Airflows, started from Debian's `postgresql`
// package without its system service: `initdb` + `pg_ctl` into a fresh folder under the system
// temp dir (removed when it stops), listening on loopback only, trust auth (nothing but this machine can reach
// it, and it holds only test data). One cluster per test run; one database per Airflow.
//
//   import { startPostgres } from './scripts/airflow/postgres.mjs';
//   const pg = await startPostgres({ port: 28432 });
//   const url = await pg.createDatabase('airflow3');   // postgresql+psycopg2://...
//   await pg.stop();
//
// PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` system user
// that Debian's package creates (spawned with its uid/gid, no shell involved).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portInUse } from './ports.mjs';

export const DEFAULT_POSTGRES_PORT = 28432;
const SUPERUSER = 'postgres';

/** The folder holding initdb/pg_ctl/psql of the newest installed PostgreSQL, or an error saying how to get one. */
export function postgresBinDir() {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `apt-get install postgresql` (.ci/run does), or set PG_BINDIR',
    );
  }
  return path.join(root, versions[0], 'bin');
}

/**
 * Installs Debian's `postgresql` when it is missing and we may (root with apt-get), as `.ci/run`
 * does; otherwise leaves it to postgresBinDir() to say what to install.
 */
export function ensurePostgresInstalled(log = console.error) {
  try {
    return postgresBinDir();
  } catch (missing) {
    if (process.getuid?.() !== 0 || spawnSync('which', ['apt-get']).status !== 0) throw missing;
    log('PostgreSQL is not installed: apt-get install postgresql …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'],
    ]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0)
        throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status}); install PostgreSQL by hand`);
    }
    return postgresBinDir();
  }
}

/** uid/gid to run the server as: ourselves, or the `postgres` user when we are root. */
function runAs() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      "running as root, and there is no `postgres` user to run PostgreSQL as (Debian's postgresql package creates it)",
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(bin, args, opts) {
  const r = spawnSync(bin, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`.trim();
    throw new Error(
      `${path.basename(bin)} ${args.join(' ')} failed (exit ${r.status ?? r.signal}): ${out.split('\n').slice(-10).join('\n')}`,
    );
  }
  return r.stdout;
}

/** The server's version string ("15.18"), from its own binary. */
function serverVersion(binDir) {
  const out = run(path.join(binDir, 'postgres'), ['--version'], {});
  return (out.match(/(\d+(?:\.\d+)*)/) ?? [])[1] ?? out.trim();
}

/**
 * A fresh folder for one cluster (its data, socket and log), where the server's user can write:
 * under the system temp dir, never under the checkout, whose parents that user may not be able
 * to traverse (a clone in /root/... or in a `mktemp -d` folder, mode 0700, as root). Tried in
 * order: $TMPDIR (os.tmpdir()), /tmp, /var/tmp; the folder is made by us (0700) and handed to
 * the server's user. Throws naming each folder tried, the user and what to do.
 */
function clusterFolder(owner) {
  const tried = [];
  for (const base of [...new Set([os.tmpdir(), '/tmp', '/var/tmp'])]) {
    let dir;
    try {
      dir = fs.mkdtempSync(path.join(base, 'airflow-vscode-pg-'));
    } catch (e) {
      tried.push(`${base} (cannot create a folder there: ${e.code ?? e.message})`);
      continue;
    }
    if (owner.uid === undefined) return dir;
    fs.chownSync(dir, owner.uid, owner.gid);
    // The server's user must reach the folder through every parent, and write in it.
    if (spawnSync('test', ['-w', dir, '-a', '-x', dir], { ...owner }).status === 0) return dir;
    fs.rmSync(dir, { recursive: true, force: true });
    tried.push(`${base} (a parent folder is not traversable by the ${SUPERUSER} user)`);
  }
  throw new Error(
    `PostgreSQL: no folder the ${SUPERUSER} user can write to for the test cluster; tried ${tried.join(', ')}. ` +
      `Make one of them traversable by all (e.g. \`chmod 1777 /tmp\`) or set TMPDIR to a folder that is`,
  );
}

/**
 * Creates a fresh cluster and starts it on 127.0.0.1:port.
 * @returns {Promise<{version: string, port: number, dataDir: string, logFile: string,
 *   createDatabase: (name: string) => Promise<string>, stop: () => Promise<void>}>}
 */
export async function startPostgres({ port = DEFAULT_POSTGRES_PORT } = {}) {
  const binDir = postgresBinDir();
  const version = serverVersion(binDir);
  if (await portInUse(port)) {
    throw new Error(
      `PostgreSQL: port ${port} is already in use (a server left from an earlier run?); stop it or choose another port`,
    );
  }
  const owner = runAs();
  const folder = clusterFolder(owner);
  const dataDir = path.join(folder, 'data');
  const logFile = path.join(folder, 'server.log');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.writeFileSync(logFile, '');
  if (owner.uid !== undefined) {
    fs.chownSync(dataDir, owner.uid, owner.gid);
    fs.chownSync(logFile, owner.uid, owner.gid);
  }
  const env = { ...process.env, LC_ALL: 'C', TZ: 'UTC' };
  const opts = { ...owner, env, cwd: folder };
  const pgCtl = path.join(binDir, 'pg_ctl');
  const cleanup = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    run(
      path.join(binDir, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--no-sync'],
      opts,
    );
    // Loopback only, socket in the cluster's own folder (no /var/run/postgresql needed);
    // durability off: a test database that is thrown away after the run.
    const serverOptions = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${dataDir}`,
      '-c max_connections=300',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions], opts);
  } catch (e) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    cleanup();
    throw new Error(`PostgreSQL ${version} on port ${port} did not start: ${e.message}\n${tail}`);
  }

  const pidLine = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  const postmasterPid = Number(pidLine);
  const watchdog = startWatchdog(postmasterPid, folder);

  let stopping = null;
  const stop = () => {
    stopping ??= (async () => {
      try {
        run(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], opts);
      } catch {
        try {
          process.kill(postmasterPid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      try {
        process.kill(watchdog, 'SIGKILL');
      } catch {
        /* gone */
      }
      cleanup();
      process.removeListener('exit', onExit);
    })();
    return stopping;
  };
  // Last resort on a normal exit of this process: the fast shutdown needs no waiting.
  const onExit = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      /* gone */
    }
  };
  process.on('exit', onExit);

  const psql = path.join(binDir, 'psql');
  return {
    version,
    port,
    dataDir,
    logFile,
    /** Creates (or re-creates, empty) database `name`; resolves to its SQLAlchemy URL. */
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`PostgreSQL: bad database name ${JSON.stringify(name)}`);
      const base = [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        SUPERUSER,
        '-d',
        'postgres',
        '-v',
        'ON_ERROR_STOP=1',
        '-q',
      ];
      run(psql, [...base, '-c', `DROP DATABASE IF EXISTS ${name}`], opts);
      run(psql, [...base, '-c', `CREATE DATABASE ${name}`], opts);
      return `postgresql+psycopg2://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}

// A hard death of this process (SIGKILL, crash) skips the exit handler: a tiny detached shell
// polls our pid and shuts the cluster down once we are gone. The script is a constant; the pids
// and the folder reach it as arguments, never as text.
const WATCHDOG_SCRIPT = `
  while kill -0 "$1" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || exit 0
    sleep 2
  done
  kill -INT "$2" 2>/dev/null; sleep 5; kill -KILL "$2" 2>/dev/null
  rm -rf -- "$3"
`;
function startWatchdog(postmasterPid, folder) {
  const wd = spawn(
    '/bin/sh',
    ['-c', WATCHDOG_SCRIPT, 'postgres-watchdog', String(process.pid), String(postmasterPid), folder],
    { detached: true, stdio: 'ignore' },
  );
  wd.unref();
  return wd.pid;
}
