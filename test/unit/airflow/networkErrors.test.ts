// Issue 17 in plain node: what a proxy that refuses, or one that is not there, looks like to the user.
// The real tinyproxy is in test/vscode/network.test.ts.
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AuthConfig } from '../../../src/airflow/auth';
import { UnauthenticatedError, UnreachableError } from '../../../src/airflow/errors';
import { connect, failure, fakesClosedAfterEach, SECRET } from '../../support/faultKit';

const NONE: AuthConfig = { kind: 'none' };

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
