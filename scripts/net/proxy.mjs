// A real forward proxy for the tests: Debian's tinyproxy on loopback, in the foreground, with its
// own config and log under a throwaway folder. With `auth`, it wants Basic credentials (407
// otherwise). Its log (LogLevel Connect) has one line per proxied request, so a test can prove
// that a request went through it ("GET http://…" for plain HTTP, "CONNECT host:port" for HTTPS).
//
//   const proxy = await startProxy({ port: 28391, auth: { user: 'u', password: 'p' } });
//   proxy.url        // http://127.0.0.1:28391 (never with the credentials in it)
//   proxy.requests() // the request lines it logged so far
//   await proxy.stop();
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portInUse } from '../airflow/ports.mjs';
import { ensureProgram } from './debian.mjs';
import { supervise, waitForPort } from './supervise.mjs';

/** Characters tinyproxy's config parser takes in a BasicAuth word; the test credentials are generated from them. */
const SAFE_WORD = /^[A-Za-z0-9._~-]+$/;

export async function startProxy({ port, auth, root = os.tmpdir() }) {
  const bin = ensureProgram('tinyproxy', 'tinyproxy');
  if (await portInUse(port))
    throw new Error(`tinyproxy: port ${port} is already in use (a proxy left from an earlier run?)`);
  if (auth && !(SAFE_WORD.test(auth.user) && SAFE_WORD.test(auth.password))) {
    throw new Error(
      'tinyproxy: proxy user and password must be letters, digits, ".", "_", "~" or "-" (they go into its config file)',
    );
  }
  const dir = fs.mkdtempSync(path.join(root, 'tinyproxy-'));
  const conf = path.join(dir, 'tinyproxy.conf');
  const logFile = path.join(dir, 'tinyproxy.log');
  fs.writeFileSync(
    conf,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 120',
      'LogLevel Connect',
      'MaxClients 100',
      'Allow 127.0.0.1',
      'DisableViaHeader Yes',
      ...(auth ? [`BasicAuth ${auth.user} ${auth.password}`] : []),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const out = fs.openSync(logFile, 'a');
  // -d: stay in the foreground, so the child is the proxy and stopping it is one kill.
  const child = spawn(bin, ['-d', '-c', conf], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const server = supervise(child, dir);
  const ready = await Promise.race([waitForPort(port, 10_000), server.exited.then(() => false)]);
  if (!ready) {
    const log = fs.readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n');
    await server.stop();
    throw new Error(`tinyproxy on port ${port} did not start:\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logFile,
    /** "GET http://127.0.0.1:28081/api/v2/version" or "CONNECT 127.0.0.1:28443", one per request it was asked to proxy. */
    requests() {
      const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      return [...text.matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map((m) => m[1]);
    },
    stop: server.stop,
  };
}
