// Issue 17 in plain node: a client certificate checked before use, and what a server that wants one
// looks like to the user. The real nginx is in test/vscode/network.test.ts.
import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AuthConfig } from '../../../src/airflow/auth';
import { InvalidInputError, TlsError } from '../../../src/airflow/errors';
import { checkClientCertificate } from '../../../src/airflow/tls';
import { connect, failure, fakesClosedAfterEach } from '../../support/faultKit';
import { makeTestPki, type TestPki } from '../../support/testPki';

const NONE: AuthConfig = { kind: 'none' };

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
