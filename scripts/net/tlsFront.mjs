// A real TLS front for the tests: a throwaway PKI made with openssl (a test CA, a server
// certificate for 127.0.0.1/localhost, a client certificate whose key is encrypted with a
// passphrase, and a client certificate from another CA that the front does not trust), and
// Debian's nginx on loopback proxying to a real Airflow on two ports: one with server TLS only,
// one that requires a client certificate from the test CA.
//
//   const pki = makeTestPki(dir);                       // files + the key passphrase
//   const front = await startTlsFront({ upstream: 'http://127.0.0.1:28081', pki, tlsPort: 28443, mtlsPort: 28444 });
//   front.tlsUrl / front.mtlsUrl; front.requests();     // "GET /api/v2/dags 200 SUCCESS" (client cert verified)
//   await front.stop();
//
// openssl and nginx run with argument lists, never through a shell; the passphrase reaches
// openssl through an environment variable, not its command line.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portInUse } from '../airflow/ports.mjs';
import { ensureProgram } from './debian.mjs';
import { supervise, waitForPort } from './supervise.mjs';

function openssl(args, opts = {}) {
  const r = spawnSync('openssl', args, { encoding: 'utf8', ...opts });
  if (r.status !== 0)
    throw new Error(
      `openssl ${args[0]} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.error?.message || '').trim()}`,
    );
}

/** A CA (key + self-signed certificate) in `dir` named `name`. */
function makeCa(dir, name) {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.pem`);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { key, cert };
}

/** A leaf certificate signed by `ca`; `extensions` are x509v3 lines (SAN, usage). Key encrypted when `passphrase` is given. */
function makeLeaf(dir, name, ca, subject, extensions, passphrase) {
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.pem`);
  const ext = path.join(dir, `${name}.ext`);
  fs.writeFileSync(ext, extensions.join('\n') + '\n');
  const env = { ...process.env, TEST_KEY_PASSPHRASE: passphrase ?? '' };
  const keyArgs = passphrase ? ['-aes256', '-pass', 'env:TEST_KEY_PASSPHRASE'] : [];
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', ...keyArgs, '-out', key], { env });
  openssl(
    [
      'req',
      '-new',
      '-key',
      key,
      ...(passphrase ? ['-passin', 'env:TEST_KEY_PASSPHRASE'] : []),
      '-out',
      csr,
      '-subj',
      subject,
    ],
    { env },
  );
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    cert,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  fs.rmSync(csr);
  fs.rmSync(ext);
  return { key, cert };
}

/**
 * The test PKI, in `dir`: `ca` (trusted by the profiles under test and by nginx for client
 * certificates), `server`, `client` (key encrypted with `passphrase`), `rogueClient` (from `rogueCa`,
 * which nginx does not trust).
 */
export function makeTestPki(dir) {
  ensureProgram('openssl', 'openssl');
  fs.mkdirSync(dir, { recursive: true });
  const passphrase = `kp-${randomBytes(12).toString('hex')}`;
  const ca = makeCa(dir, 'test-ca');
  const rogueCa = makeCa(dir, 'rogue-ca');
  const server = makeLeaf(dir, 'server', ca, '/CN=127.0.0.1', [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'extendedKeyUsage=serverAuth',
    'keyUsage=critical,digitalSignature,keyEncipherment',
  ]);
  const clientExt = ['extendedKeyUsage=clientAuth', 'keyUsage=critical,digitalSignature,keyEncipherment'];
  const client = makeLeaf(dir, 'client', ca, '/CN=vscode-test-client', clientExt, passphrase);
  const rogueClient = makeLeaf(dir, 'rogue-client', rogueCa, '/CN=rogue-client', clientExt);
  return { dir, ca, rogueCa, server, client, rogueClient, passphrase };
}

/** nginx in front of `upstream` on `tlsPort` (server TLS) and `mtlsPort` (client certificate required). */
export async function startTlsFront({ upstream, pki, tlsPort, mtlsPort, root = os.tmpdir() }) {
  const bin = ensureProgram('nginx', 'nginx');
  for (const port of [tlsPort, mtlsPort]) {
    if (await portInUse(port))
      throw new Error(`nginx: port ${port} is already in use (a server left from an earlier run?)`);
  }
  const dir = fs.mkdtempSync(path.join(root, 'nginx-'));
  const conf = path.join(dir, 'nginx.conf');
  const accessLog = path.join(dir, 'access.log');
  const errorLog = path.join(dir, 'error.log');
  const up = new URL(upstream);
  const location = [
    '    location / {',
    `      proxy_pass http://${up.host};`,
    '      proxy_set_header Host $http_host;',
    '      proxy_set_header X-Forwarded-Proto https;',
    '      proxy_read_timeout 120s;',
    '    }',
  ];
  const server = (port, extra) => [
    '  server {',
    `    listen 127.0.0.1:${port} ssl;`,
    `    ssl_certificate ${pki.server.cert};`,
    `    ssl_certificate_key ${pki.server.key};`,
    ...extra,
    ...location,
    '  }',
  ];
  // master_process off: one process as the current user (no worker user, no /var paths), for tests only.
  fs.writeFileSync(
    conf,
    [
      'daemon off;',
      'master_process off;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${errorLog} info;`,
      'events { worker_connections 256; }',
      'http {',
      `  client_body_temp_path ${path.join(dir, 'body')};`,
      `  proxy_temp_path ${path.join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${path.join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${path.join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${path.join(dir, 'scgi')};`,
      // The path without its query, the status and whether a client certificate was verified.
      "  log_format front '$server_port $request_method $uri $status $ssl_client_verify';",
      `  access_log ${accessLog} front;`,
      ...server(tlsPort, []),
      ...server(mtlsPort, [`    ssl_client_certificate ${pki.ca.cert};`, '    ssl_verify_client on;']),
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(bin, ['-p', dir, '-e', errorLog, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const nginx = supervise(child, dir);
  const ready = await Promise.race([
    Promise.all([waitForPort(tlsPort, 10_000), waitForPort(mtlsPort, 10_000)]).then((r) => r.every(Boolean)),
    nginx.exited.then(() => false),
  ]);
  if (!ready) {
    const log = fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8').split('\n').slice(-10).join('\n') : '';
    await nginx.stop();
    throw new Error(`nginx on ports ${tlsPort}/${mtlsPort} did not start: ${stderr}\n${log}`);
  }
  return {
    tlsUrl: `https://127.0.0.1:${tlsPort}`,
    mtlsUrl: `https://127.0.0.1:${mtlsPort}`,
    accessLog,
    /** "28444 GET /api/v2/dags 200 SUCCESS", one per request nginx answered. */
    requests() {
      return fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8').split('\n').filter(Boolean) : [];
    },
    stop: nginx.stop,
  };
}
