// The network fixtures of the test suites, started together in front of a real Airflow: two
// tinyproxy instances (open, and with Basic auth) and an nginx TLS front (server TLS, and client
// certificate required) with its throwaway PKI. `env` is what the suites read (NET_*);
// credentials are generated per run.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startProxy } from './proxy.mjs';
import { makeTestPki, startTlsFront } from './tlsFront.mjs';

import { freePorts } from '../airflow/ports.mjs';

/** `ports` ({ proxy, authProxy, tls, mtls }): free ones when not given. */
export async function startNetFixtures({ upstream, dir, ports }) {
  if (!ports) {
    const [proxy, authProxy, tls, mtls] = await freePorts(4);
    ports = { proxy, authProxy, tls, mtls };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const started = [];
  try {
    const auth = { user: 'vsc-proxy-user', password: `pp-${randomBytes(12).toString('hex')}` };
    const proxy = await startProxy({ port: ports.proxy, root: dir });
    started.push(proxy);
    const authProxy = await startProxy({ port: ports.authProxy, auth, root: dir });
    started.push(authProxy);
    const pki = makeTestPki(path.join(dir, 'pki'));
    const front = await startTlsFront({ upstream, pki, tlsPort: ports.tls, mtlsPort: ports.mtls, root: dir });
    started.push(front);
    return {
      env: {
        NET_PROXY_URL: proxy.url,
        NET_PROXY_LOG: proxy.logFile,
        NET_AUTH_PROXY_URL: authProxy.url,
        NET_AUTH_PROXY_LOG: authProxy.logFile,
        NET_PROXY_USER: auth.user,
        NET_PROXY_PASSWORD: auth.password,
        NET_TLS_URL: front.tlsUrl,
        NET_MTLS_URL: front.mtlsUrl,
        NET_FRONT_LOG: front.accessLog,
        NET_CA_FILE: pki.ca.cert,
        NET_CLIENT_CERT: pki.client.cert,
        NET_CLIENT_KEY: pki.client.key,
        NET_CLIENT_KEY_PASSPHRASE: pki.passphrase,
        NET_ROGUE_CERT: pki.rogueClient.cert,
        NET_ROGUE_KEY: pki.rogueClient.key,
      },
      async stop() {
        await Promise.allSettled(started.map((s) => s.stop()));
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw err;
  }
}
