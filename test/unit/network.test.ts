// Issue 17 in plain node: which proxy applies, what a refusing proxy or a server that wants a
// client certificate looks like to the user, the client certificate check before use, and the
// request trace. The real tinyproxy and nginx are in test/vscode/network.test.ts.
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { AuthConfig } from '../../src/airflow/auth';
import { InvalidInputError, TlsError, UnauthenticatedError, UnreachableError } from '../../src/airflow/errors';
import { resolveProxy } from '../../src/airflow/proxy';
import { checkClientCertificate } from '../../src/airflow/tls';
import { formatTrace, type RequestTrace } from '../../src/airflow/trace';
import { AUTH, connect, failure, fakesClosedAfterEach, SECRET } from '../support/faultKit';
import { makeTestPki, type TestPki } from '../support/testPki';

const target = (url: string) => new URL(url);
const NONE: AuthConfig = { kind: 'none' };

describe('resolveProxy (http.proxy, http.noProxy, proxy credentials, environment)', () => {
  it('takes http.proxy first, then HTTPS_PROXY for https and HTTP_PROXY for http', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:3128' };
    assert.equal(
      resolveProxy(target('https://airflow.example.com'), { url: 'http://settings-proxy:8080' }, env)?.url,
      'http://settings-proxy:8080',
    );
    assert.equal(resolveProxy(target('https://airflow.example.com'), {}, env)?.url, 'http://secure-proxy:3128');
    assert.equal(resolveProxy(target('http://airflow.example.com'), {}, env)?.url, 'http://plain-proxy:3128');
    assert.equal(resolveProxy(target('http://airflow.example.com'), {}, {}), undefined);
    assert.equal(
      resolveProxy(target('http://a.example'), { url: 'proxy.corp:3128' }, {})?.url,
      'http://proxy.corp:3128',
      'no scheme: http://',
    );
  });

  it('bypasses hosts in http.noProxy and in NO_PROXY', () => {
    const options = { url: 'http://proxy:3128', noProxy: ['.internal.example', 'localhost'] };
    assert.equal(resolveProxy(target('https://airflow.internal.example'), options, {}), undefined);
    assert.equal(resolveProxy(target('http://localhost:8080'), options, {}), undefined);
    assert.equal(resolveProxy(target('http://127.0.0.1:8080'), options, { NO_PROXY: '127.0.0.1:8080' }), undefined);
    assert.equal(
      resolveProxy(target('http://127.0.0.1:9090'), options, { NO_PROXY: '127.0.0.1:8080' })?.url,
      'http://proxy:3128',
      'another port',
    );
    assert.equal(
      resolveProxy(target('https://airflow.example.com'), options, { no_proxy: 'other.example' })?.url,
      'http://proxy:3128',
    );
  });

  it('keeps proxy credentials out of its address and lists them as secrets to redact', () => {
    const p = resolveProxy(target('https://airflow.example.com'), { url: 'http://me:p%40ss-w0rd@proxy:3128' }, {});
    assert.equal(p?.url, 'http://proxy:3128');
    const basic = Buffer.from('me:p@ss-w0rd').toString('base64');
    assert.equal(p?.authorization, `Basic ${basic}`);
    assert.ok(p?.secrets.includes('p@ss-w0rd') && p.secrets.includes(basic), JSON.stringify(p?.secrets));
    // http.proxyAuthorization wins over credentials in the URL.
    const header = resolveProxy(
      target('https://a.example'),
      { url: 'http://me:pw@proxy:3128', authorization: 'Negotiate abc-token-123' },
      {},
    );
    assert.equal(header?.authorization, 'Negotiate abc-token-123');
    assert.ok(header?.secrets.includes('abc-token-123'));
  });

  it('honours http.proxyStrictSSL (on unless set to false)', () => {
    assert.equal(resolveProxy(target('https://a.example'), { url: 'http://p:1' }, {})?.strictSSL, true);
    assert.equal(
      resolveProxy(target('https://a.example'), { url: 'http://p:1', strictSSL: false }, {})?.strictSSL,
      false,
    );
  });

  it('says a proxy URL that does not parse is not a URL, without its password', () => {
    assert.throws(
      () => resolveProxy(target('https://a.example'), { url: 'http://me:hunter22@[bad' }, {}),
      (e: Error) => /is not a URL/.test(e.message) && !e.message.includes('hunter22'),
    );
  });
});

/** A forward proxy that answers 407 to everything (plain requests and CONNECT), counting what it was asked. */
async function refusingProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res
      .writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"', 'Content-Type': 'text/html' })
      .end('<title>407</title>');
  });
  server.on('connect', (req, socket: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end(
      'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('through a proxy that refuses', () => {
  const startFake = fakesClosedAfterEach();

  it('407 on a forwarded request and on CONNECT: "the proxy at … refused", no retry, no password in the message', async () => {
    const proxy = await refusingProxy();
    try {
      const fake = await startFake();
      const withCredentials = proxy.url.replace('//', `//me:${SECRET}@`);
      const plain = await failure(connect(fake, NONE, { proxy: { url: withCredentials } }), UnauthenticatedError);
      assert.match(
        plain.message,
        new RegExp(`^The proxy at ${proxy.url} refused: 407 Proxy Authentication Required\\. .*http\\.proxy`),
      );
      assert.ok(!plain.message.includes(SECRET) && !plain.stack?.includes(SECRET), 'proxy password in the error');
      const https = await failure(
        connect('https://127.0.0.1:28999', NONE, { proxy: { url: withCredentials } }),
        UnauthenticatedError,
      );
      assert.match(https.message, /refused: 407 Proxy Authentication Required/);
      assert.deepEqual(
        proxy.seen.map((s) => s.split(' ')[0]),
        ['GET', 'CONNECT'],
        'one try each: a refusal is not retried',
      );
      assert.equal(fake.requests.length, 0, 'nothing reached the server');
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that is not there: "cannot reach the proxy", naming it and not the server', async () => {
    const err = await failure(
      connect('http://airflow.example.invalid', NONE, { proxy: { url: 'http://127.0.0.1:9' }, retries: 0 }),
      UnreachableError,
    );
    assert.match(err.message, /^Cannot reach the proxy at http:\/\/127\.0\.0\.1:9: connection refused\./);
  });
});

describe('client certificates', function () {
  this.timeout(60_000);
  let pki: TestPki;
  before(() => {
    pki = makeTestPki();
  });

  it('are checked before use: encrypted without passphrase, wrong passphrase, key of another certificate, half a pair', () => {
    const { client, rogueClient, passphrase } = pki;
    const fails = (tls: Parameters<typeof checkClientCertificate>[0], re: RegExp) =>
      assert.throws(
        () => checkClientCertificate(tls, 'prod'),
        (e: Error) => e instanceof InvalidInputError && re.test(e.message) && /Client certificate…/.test(e.message),
      );
    fails({ cert: client.cert, key: client.key }, /client key of "prod" is encrypted and no passphrase is stored/);
    fails(
      { cert: client.cert, key: client.key, passphrase: 'wrong-one' },
      /passphrase stored for the client key of "prod" does not decrypt it/,
    );
    fails(
      { cert: client.cert, key: rogueClient.key },
      /client key of "prod" does not belong to its client certificate/,
    );
    fails({ cert: client.cert }, /has a client certificate but no key/);
    fails({ cert: 'not a certificate', key: rogueClient.key }, /cannot be loaded/);
    checkClientCertificate({ cert: client.cert, key: client.key, passphrase }, 'prod');
    checkClientCertificate({ ca: pki.ca.cert }, 'prod');
  });

  /**
   * An Airflow-like HTTPS server that requires a client certificate from the test CA and fails the
   * handshake otherwise (not nginx's 400 page). TLS 1.2: there the alert is part of the handshake;
   * under TLS 1.3 it comes after it, and the client may see only the closed connection.
   */
  async function strictServer(): Promise<{ url: string; close(): Promise<void> }> {
    const options = {
      key: pki.server.key,
      cert: pki.server.cert,
      ca: pki.ca.cert,
      requestCert: true,
      rejectUnauthorized: true,
      maxVersion: 'TLSv1.2' as const,
    };
    const server = createHttpsServer(options, (req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify(req.url?.startsWith('/api/v2/version') ? { version: '3.1.0' } : { dags: [], total_entries: 0 }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise((r) => server.close(() => r())),
    };
  }

  it('a server that fails the handshake: missing -> "requires a client certificate"; the right one connects', async () => {
    const server = await strictServer();
    try {
      const missing = await failure(connect(server.url, NONE, { tls: { ca: pki.ca.cert } }), TlsError);
      assert.match(missing.message, /requires a client certificate, and this connection has none.*Client certificate…/);
      const client = await connect(server.url, NONE, {
        tls: { ca: pki.ca.cert, ...pki.client, passphrase: pki.passphrase },
      });
      assert.equal(client.apiVersion, 'v2');
    } finally {
      await server.close();
    }
  });

  const startFake = fakesClosedAfterEach();
  it('nginx\'s 400 pages for a missing or refused certificate become the same messages, not "an HTML page"', async () => {
    const fake = await startFake();
    fake.route('GET', '/api/v2/version', () => ({
      status: 400,
      html: '<html><head><title>400 No required SSL certificate was sent</title></head></html>',
    }));
    assert.match((await failure(connect(fake, NONE), TlsError)).message, /requires a client certificate/);
    fake.route('GET', '/api/v2/version', () => ({
      status: 400,
      html: '<html><head><title>400 The SSL certificate error</title></head></html>',
    }));
    assert.match(
      (await failure(connect(fake, NONE), TlsError)).message,
      /did not accept the connection's client certificate/,
    );
  });
});

describe('request trace', () => {
  const startFake = fakesClosedAfterEach();

  it('has a line per attempt with method, path, status and time; never a header, token or query value', async () => {
    const fake = await startFake();
    fake.serveDags(3);
    fake.script('GET', '/api/v2/dags', { status: 503, json: { detail: 'busy' } });
    const traces: RequestTrace[] = [];
    const client = await connect(fake, AUTH.bearer, { trace: (t) => traces.push(t) });
    await client.listDags({ idPattern: `pattern-${SECRET}` }, { limit: 2 });
    const lines = traces.map(formatTrace);
    assert.match(lines[0], /^GET \/api\/v2\/version 200 \d+ ms$/);
    assert.match(lines[1], /^GET \/api\/v2\/dags\?limit=…&offset=…(&\w+=…)* 503 \d+ ms$/);
    assert.match(lines[2], /^GET \/api\/v2\/dags\?.* 200 \d+ ms$/, 'the retry has its own line');
    assert.ok(!lines.join('\n').includes(SECRET), `a secret in the trace: ${lines.join(' / ')}`);
    assert.ok(lines.join('\n').includes('dag_id_pattern=…'), 'query names are kept');
  });

  it('names the error of a request that got no answer', () => {
    assert.equal(
      formatTrace({ method: 'GET', path: '/api/v2/version', queryNames: [], error: 'ECONNREFUSED', durationMs: 1.4 }),
      'GET /api/v2/version failed (ECONNREFUSED) 1 ms',
    );
  });
});
