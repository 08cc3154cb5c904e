// Issue 17 in a real VS Code: the connection options of Airflow's own Python client, against real
// servers. A real forward proxy (tinyproxy, open and with Basic auth) and a real TLS front (nginx:
// server TLS, and client certificate required) stand before the real Airflow 3.x; scripts/test.mjs
// starts them (scripts/net/) and passes their addresses, logs and test credentials as NET_*.
// Each test proves where its requests went from the proxy's or the front's own log.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { KEY_PASSPHRASE, secretKey, type Profile } from '../../src/profiles/profile';
import { FakeAirflow } from '../support/fakeAirflow';
import { airflow, hooks, settled, waitUntil } from './support/airflow';
import { answer, answerFileDialog, pick } from './support/quickInput';
import { getText, screenshot, waitForSelector } from './support/screenshot';
import { outputChannelLog, tracedRequests } from './support/outputLog';
import { children } from './support/tree';

function net(name: string): string {
  const v = process.env[`NET_${name}`];
  if (!v)
    throw new Error(
      `NET_${name} is not set: this suite needs the proxy and TLS front started by scripts/test.mjs (scripts/net/)`,
    );
  return v;
}

/** Request lines a tinyproxy log holds: "GET http://…" (forwarded) or "CONNECT host:port" (tunnelled). */
function proxyRequests(logFile: string): string[] {
  const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
  return [...text.matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map((m) => m[1]);
}

/** nginx's access log: "28444 GET /api/v2/dags 200 SUCCESS" (port, method, path, status, client certificate check). */
function frontRequests(): string[] {
  const file = net('FRONT_LOG');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** A DAG of test/dags that every listing of the real Airflow 3.x holds. */
const KNOWN_DAG = 'vsc_params';

async function dagIds(): Promise<string[]> {
  return (await children()).flatMap((n) => (n.kind === 'dag' ? [n.dag.dagId] : []));
}

async function rootMessage(): Promise<string> {
  return (await children()).flatMap((n) => (n.kind === 'message' ? [n.text] : [])).join(' | ');
}

const http = () => vscode.workspace.getConfiguration('http');
const HTTP_KEYS = ['proxy', 'noProxy', 'proxyStrictSSL', 'proxyAuthorization'] as const;

describe('proxies, client certificates, retries and request tracing (real VS Code, tinyproxy, nginx, real Airflow 3.x)', function () {
  this.timeout(180_000);
  const af = airflow(3);
  const saved: string[] = [];
  const fakes: FakeAirflow[] = [];
  let previousActive: string | undefined;
  let previousNoProxyEnv: string | undefined;
  const proxyUser = net('PROXY_USER');
  const proxyPassword = net('PROXY_PASSWORD');
  const passphrase = net('CLIENT_KEY_PASSPHRASE');
  const authProxy = net('AUTH_PROXY_URL');
  const authProxyWithCredentials = authProxy.replace('//', `//${proxyUser}:${proxyPassword}@`);
  const basic = Buffer.from(`${proxyUser}:${proxyPassword}`).toString('base64');

  before(async () => {
    const h = await hooks();
    previousActive = h.store.active()?.profile.id;
    previousNoProxyEnv = process.env.NO_PROXY;
    await vscode.workspace.getConfiguration('airflow').update('traceRequests', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.airflow');
  });

  afterEach(async () => {
    for (const key of HTTP_KEYS) await http().update(key, undefined, vscode.ConfigurationTarget.Global);
    if (previousNoProxyEnv === undefined) delete process.env.NO_PROXY;
    else process.env.NO_PROXY = previousNoProxyEnv;
  });

  after(async () => {
    const h = await hooks();
    for (const id of saved) await h.store.remove(id);
    if (previousActive) await h.store.setActive(previousActive);
    await vscode.workspace
      .getConfiguration('airflow')
      .update('traceRequests', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace
      .getConfiguration('airflow')
      .update('requestRetries', undefined, vscode.ConfigurationTarget.Global);
    for (const f of fakes) await f.close();
  });

  async function use(profile: Profile, secret?: string): Promise<void> {
    const h = await hooks();
    await h.store.save(profile, secret);
    if (!saved.includes(profile.id)) saved.push(profile.id);
    await h.store.setActive(profile.id);
  }

  async function setHttp(values: Partial<Record<(typeof HTTP_KEYS)[number], unknown>>): Promise<void> {
    for (const [key, value] of Object.entries(values))
      await http().update(key, value, vscode.ConfigurationTarget.Global);
  }

  const jwt = (id: string, url: string, extra: Partial<Profile> = {}): Profile => ({
    id,
    name: id,
    url,
    auth: 'jwt',
    username: af.username,
    ...extra,
  });

  it('through the proxy that wants Basic auth (credentials in http.proxy), a profile lists the DAGs of the real Airflow, over HTTP and over HTTPS (CONNECT)', async () => {
    const log = net('AUTH_PROXY_LOG');
    await setHttp({ proxy: authProxyWithCredentials });
    await use(jwt('net-proxy-http', af.url), af.password);
    const port = new URL(af.url).port;
    const before = proxyRequests(log).length;
    assert.ok(
      (
        await waitUntil(`DAGs through the proxy at ${authProxy}`, async () =>
          (await dagIds()).includes(KNOWN_DAG) ? dagIds() : undefined,
        )
      ).length > 1,
    );
    const seen = proxyRequests(log).slice(before);
    assert.ok(
      seen.some((r) => r.startsWith(`POST http://127.0.0.1:${port}/auth/token`)),
      `the token request went through the proxy: ${seen.join(', ')}`,
    );
    assert.ok(
      seen.some((r) => r.startsWith(`GET http://127.0.0.1:${port}/api/v2/dags`)),
      `the DAG list went through the proxy: ${seen.join(', ')}`,
    );

    // HTTPS: tunnelled with CONNECT to the nginx front, whose certificate the profile's CA file vouches for.
    const tls = net('TLS_URL');
    await use(jwt('net-proxy-https', tls, { caFile: net('CA_FILE') }), af.password);
    const beforeTls = proxyRequests(log).length;
    const frontBefore = frontRequests().length;
    await waitUntil(`DAGs of ${tls} through the proxy`, async () => (await dagIds()).includes(KNOWN_DAG));
    const tunnelled = proxyRequests(log).slice(beforeTls);
    assert.ok(
      tunnelled.includes(`CONNECT 127.0.0.1:${new URL(tls).port}`),
      `a CONNECT tunnel to the TLS front: ${tunnelled.join(', ')}`,
    );
    assert.ok(
      frontRequests()
        .slice(frontBefore)
        .some((l) => / GET \/api\/v2\/dags 200 /.test(l)),
      'nginx served the DAG list over TLS',
    );
    const h = await hooks();
    assert.strictEqual((await h.monitor.checkNow()).kind, 'healthy', 'the status bar through the proxy');
  });

  it('http.proxyAuthorization carries the proxy credentials when the URL has none', async () => {
    await setHttp({ proxy: authProxy, proxyAuthorization: `Basic ${basic}` });
    await use(jwt('net-proxy-header', af.url), af.password);
    const before = proxyRequests(net('AUTH_PROXY_LOG')).length;
    await waitUntil('DAGs through the proxy with http.proxyAuthorization', async () =>
      (await dagIds()).includes(KNOWN_DAG),
    );
    assert.ok(
      proxyRequests(net('AUTH_PROXY_LOG'))
        .slice(before)
        .some((r) => r.includes('/api/v2/dags')),
      'the DAG list went through the proxy',
    );
  });

  it('a proxy that refuses says so: 407 without credentials (HTTP and CONNECT), and a proxy that is not there', async () => {
    const h = await hooks();
    await setHttp({ proxy: authProxy });
    await use(jwt('net-proxy-407', af.url), af.password);
    const refused = `The proxy at ${authProxy} refused: 407 Proxy Authentication Required`;
    const state = await h.monitor.checkNow();
    assert.ok('message' in state && state.message.includes(refused), JSON.stringify(state));
    assert.match(await rootMessage(), /refused: 407 Proxy Authentication Required.*http\.proxy/);

    await use(jwt('net-proxy-407-tls', net('TLS_URL'), { caFile: net('CA_FILE') }), af.password);
    const tlsState = await h.monitor.checkNow();
    assert.ok(
      'message' in tlsState && tlsState.message.includes(refused),
      `CONNECT refused: ${JSON.stringify(tlsState)}`,
    );

    await setHttp({ proxy: 'http://127.0.0.1:9' });
    const gone = await h.monitor.checkNow();
    assert.ok(
      'message' in gone && gone.message.includes('Cannot reach the proxy at http://127.0.0.1:9: connection refused'),
      JSON.stringify(gone),
    );
  });

  it('http.noProxy and NO_PROXY bypass the proxy (a proxy that is not there does not stop them)', async function () {
    // VS Code has the http.noProxy setting from 1.93 on (scripts/not-applicable.mjs declares it so).
    const [major, minor] = vscode.version.split('.').map(Number);
    if (major === 1 && minor < 93) this.skip();
    const log = net('PROXY_LOG');
    await setHttp({ proxy: net('PROXY_URL'), noProxy: ['127.0.0.1'] });
    await use(jwt('net-noproxy', af.url), af.password);
    const before = proxyRequests(log).length;
    await waitUntil('DAGs with 127.0.0.1 in http.noProxy', async () => (await dagIds()).includes(KNOWN_DAG));
    assert.deepStrictEqual(proxyRequests(log).slice(before), [], 'a host in http.noProxy went through the proxy');

    // The proxy itself down: only a bypass can list the DAGs.
    await setHttp({ proxy: 'http://127.0.0.1:9', noProxy: [] });
    const h = await hooks();
    // A check already under way when the settings changed may answer first: wait for one made after.
    await waitUntil(
      'the status to say the proxy cannot be reached',
      async () => {
        const state = await h.monitor.checkNow();
        return 'message' in state && state.message.includes('Cannot reach the proxy at http://127.0.0.1:9');
      },
      20_000,
    );
    process.env.NO_PROXY = `localhost,127.0.0.1:${new URL(af.url).port}`;
    await setHttp({ noProxy: ['example.invalid'] }); // a settings change rebuilds the client, which reads NO_PROXY again
    await waitUntil('DAGs with the server in NO_PROXY', async () => (await dagIds()).includes(KNOWN_DAG));
    assert.strictEqual((await h.monitor.checkNow()).kind, 'healthy');
  });

  it('http.proxyStrictSSL: through the proxy, an untrusted server certificate fails unless it is turned off', async () => {
    const h = await hooks();
    await setHttp({ proxy: net('PROXY_URL') });
    await use(jwt('net-strict', net('TLS_URL')), af.password); // no CA file: nginx's test certificate is not trusted
    const state = await h.monitor.checkNow();
    assert.ok(
      'message' in state &&
        /TLS check failed: 127\.0\.0\.1:\d+ has a certificate from an authority that is not trusted/.test(
          state.message,
        ),
      JSON.stringify(state),
    );
    await setHttp({ proxyStrictSSL: false });
    await waitUntil('DAGs with http.proxyStrictSSL off', async () => (await dagIds()).includes(KNOWN_DAG));
  });

  it('adds a profile with "Client certificate…" (certificate, key, passphrase) against the front that requires one; it lists DAGs', async () => {
    const h = await hooks();
    const mtls = net('MTLS_URL');
    const done = vscode.commands.executeCommand('airflow.addProfile');
    await answer('A name for this connection', 'net-mtls');
    await answer('URL of the Airflow web server', mtls);
    await pick('No authentication', 'Airflow 3.x');
    await answer('User name', af.username);
    await answer(`Password for ${af.username}`, af.password);
    // TLS step: the test CA; then the client certificate step.
    await pick('Verify the certificate', 'extra CA');
    await answerFileDialog('CA certificate (PEM)', net('CA_FILE'));
    await waitForSelector('.quick-input-widget:visible .monaco-list-row:has-text("Client certificate…")');
    await screenshot('network-client-certificate-step');
    await pick('The server does not ask for one', 'Client certificate');
    await answerFileDialog('Client certificate (PEM)', net('CLIENT_CERT'));
    await answerFileDialog('Private key of the client certificate', net('CLIENT_KEY'));
    await answer('Passphrase of the encrypted client key', passphrase);
    await waitForSelector('.quick-input-widget:visible .monaco-list-row:has-text("Cancel")', 'visible', 30_000);
    await screenshot('network-mtls-add-profile-checked');
    const summary = await getText('.quick-input-widget:visible .quick-input-title');
    assert.match(summary, /Airflow 3\.\d+\.\d+ \(API v2\), healthy/, 'the connection check before saving');
    await pick('Cancel', 'Save');
    await settled('"Add Connection" to finish after Save', done);
    const entry = await waitUntil('the saved profile', () => h.store.list().find((e) => e.profile.name === 'net-mtls'));
    saved.push(entry.profile.id);
    assert.strictEqual(entry.profile.certFile, net('CLIENT_CERT'));
    assert.strictEqual(entry.profile.keyFile, net('CLIENT_KEY'));
    // The passphrase: in SecretStorage, bound to the origin it was entered for; not in settings.
    const key = secretKey(entry.profile.id, KEY_PASSPHRASE);
    assert.strictEqual(await h.context.secrets.get(key), passphrase);
    assert.deepStrictEqual(JSON.parse((await h.context.secrets.get(`${key}#boundTo`)) ?? '{}'), { origin: mtls });
    assert.ok(
      !JSON.stringify(vscode.workspace.getConfiguration('airflow').inspect('profiles')).includes(passphrase),
      'passphrase in settings',
    );

    const frontBefore = frontRequests().length;
    await waitUntil('DAGs through the client-certificate front', async () => (await dagIds()).includes(KNOWN_DAG));
    const port = new URL(mtls).port;
    assert.ok(
      frontRequests()
        .slice(frontBefore)
        .some((l) => l.startsWith(`${port} GET /api/v2/dags 200 SUCCESS`)),
      'nginx verified the client certificate and served the DAG list',
    );
  });

  it('without a client certificate, or with one the server does not trust, the message says so', async () => {
    const h = await hooks();
    const mtls = net('MTLS_URL');
    await use(jwt('net-mtls-none', mtls, { caFile: net('CA_FILE') }), af.password);
    const state = await h.monitor.checkNow();
    assert.ok(
      'message' in state &&
        state.message.includes(
          `127.0.0.1:${new URL(mtls).port} requires a client certificate, and this connection has none`,
        ),
      JSON.stringify(state),
    );
    assert.match(await rootMessage(), /requires a client certificate.*Client certificate…/);
    // What the user sees after Test Connection.
    void vscode.commands.executeCommand('airflow.testConnection', 'net-mtls-none');
    await waitForSelector('.notification-toast:has-text("requires a client certificate")', 'visible', 30_000);
    await screenshot('network-mtls-missing-certificate');
    await vscode.commands.executeCommand('notifications.clearAll');

    await use(
      jwt('net-mtls-rogue', mtls, { caFile: net('CA_FILE'), certFile: net('ROGUE_CERT'), keyFile: net('ROGUE_KEY') }),
      af.password,
    );
    const rogue = await h.monitor.checkNow();
    assert.ok(
      'message' in rogue && rogue.message.includes("did not accept the connection's client certificate"),
      JSON.stringify(rogue),
    );

    // The right certificate with a wrong stored passphrase: said before anything is sent.
    await use(
      jwt('net-mtls-badpass', mtls, {
        caFile: net('CA_FILE'),
        certFile: net('CLIENT_CERT'),
        keyFile: net('CLIENT_KEY'),
      }),
      af.password,
    );
    await h.store.storeSecret(
      { profile: h.store.get('net-mtls-badpass')!.profile, source: 'user' },
      'not-the-passphrase',
      KEY_PASSPHRASE,
    );
    const wrong = await h.monitor.checkNow();
    assert.ok(
      'message' in wrong &&
        wrong.message.includes('The passphrase stored for the client key of "net-mtls-badpass" does not decrypt it'),
      JSON.stringify(wrong),
    );
  });

  it("airflow.requestRetries and a profile's requestRetries decide how often a failing read is tried", async () => {
    const fake = await FakeAirflow.start();
    fakes.push(fake);
    fake.route('GET', '/api/v2/monitor/health', () => ({
      json: { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy' } },
    }));
    fake.route('GET', '/api/v2/dags', () => ({ status: 503, json: { detail: 'overloaded' } }));
    const attempts = async (profile: Profile) => {
      const h = await hooks();
      // Saved, not made active: the tree and the status bar then send nothing to the fake.
      await h.store.save(profile);
      if (!saved.includes(profile.id)) saved.push(profile.id);
      fake.resetCounts();
      // The client the tree and the commands get for the profile, asked once.
      const client = await h.clients.client(h.store.get(profile.id)!);
      await assert.rejects(client.listDags({}, { limit: 5 }), /503|overloaded/);
      return fake.count('GET', '/api/v2/dags');
    };
    await vscode.workspace.getConfiguration('airflow').update('requestRetries', 1, vscode.ConfigurationTarget.Global);
    assert.strictEqual(
      await attempts({ id: 'net-retries', name: 'net-retries', url: fake.url, auth: 'none' }),
      2,
      'one try and one retry (airflow.requestRetries: 1)',
    );
    assert.strictEqual(
      await attempts({ id: 'net-retries', name: 'net-retries', url: fake.url, auth: 'none', requestRetries: 0 }),
      1,
      "the profile's requestRetries: 0 wins",
    );
    assert.strictEqual(
      await attempts({ id: 'net-retries', name: 'net-retries', url: fake.url, auth: 'none', requestRetries: 3 }),
      4,
      "the profile's requestRetries: 3 wins",
    );
  });

  it('the trace in the output channel has a line per request and none of the secrets these tests used', async () => {
    const text = await outputChannelLog();
    const lines = await tracedRequests();
    // Through the proxy, the TLS front and the client-certificate front: each left request lines.
    assert.ok(
      lines.some((l) => /HTTP POST \/auth\/token 20[01] \d+ ms/.test(l)),
      'the token request',
    );
    assert.ok(
      lines.some((l) => /HTTP GET \/api\/v2\/dags\?limit=…&offset=…(&[a-z_]+=…)* 200 \d+ ms/.test(l)),
      `a DAG list line: ${lines.slice(0, 5).join(' / ')}`,
    );
    assert.ok(
      lines.some((l) => / 503 \d+ ms/.test(l)),
      'the retried 503s',
    );
    assert.ok(
      lines.some((l) => /HTTP GET \S+ failed \((UND_ERR_\w+|ECONNREFUSED)\)/.test(l)),
      'a request the proxy refused, or a proxy that was not there',
    );
    const keyText = fs.readFileSync(net('CLIENT_KEY'), 'utf8');
    const keyLine = keyText.split('\n').find((l) => l.length > 40 && !l.startsWith('-----'));
    const secrets: Record<string, string> = {
      'proxy password': proxyPassword,
      'proxy Basic credentials': basic,
      'key passphrase': passphrase,
      'a line of the private key': keyLine ?? 'unreachable',
      'Airflow password': `"${af.password}"`,
    };
    for (const [what, secret] of Object.entries(secrets))
      assert.ok(!text.includes(secret), `the ${what} is in the output channel`);
    assert.ok(
      !/Authorization: |Bearer [\w-]|eyJ[\w-]{10,}/.test(text),
      'a header value or a token in the output channel',
    );
  });
});
