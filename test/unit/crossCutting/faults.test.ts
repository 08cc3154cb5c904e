// Fault tests: the client against a fake Airflow that times out, fails, rate-limits, answers
// HTML, refuses connections, uses a self-signed certificate, rejects credentials or input.
// Each test checks the error's type and that no secret reaches the error in any form.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CancelledError,
  NotAirflowError,
  ServerError,
  TimeoutError,
  TlsError,
  UnauthenticatedError,
  UnreachableError,
  ValidationError,
} from '../../../src/airflow';
import { type FakeAirflow, type FakeRequest } from '../../support/fakeAirflow';
import {
  AUTH,
  connect,
  failure,
  fakesClosedAfterEach,
  jwtToken,
  serveTokens,
  SECRET,
  TOKEN,
  USER,
} from '../../support/faultKit';

/** What a careless proxy or server says back: the credentials it received. */
const echo = (req: FakeRequest) =>
  `Authorization: ${req.headers.authorization ?? '-'}; X-Api-Key: ${String(req.headers['x-api-key'] ?? '-')}`;

const DAGS = '/api/v2/dags';
const TRIGGER = '/api/v2/dags/d/dagRuns';
const RUN = {
  dag_id: 'd',
  dag_run_id: 'manual__1',
  state: 'queued',
  run_type: 'manual',
  conf: {},
  triggered_by: 'rest_api',
  dag_versions: [],
};

const startFake = fakesClosedAfterEach();

describe('client faults against a fake Airflow', function () {
  this.timeout(10_000);

  for (const [kind, auth] of Object.entries(AUTH)) {
    describe(`with ${kind} auth`, () => {
      let fake: FakeAirflow;
      beforeEach(async () => {
        fake = await startFake();
        serveTokens(fake);
        fake.serveDags(3);
      });

      it('a server slower than timeoutMs on every try -> TimeoutError after one retry, not `retries` of them', async () => {
        const client = await connect(fake, auth, { timeoutMs: 300, retries: 3 });
        fake.route('GET', DAGS, () => ({ delayMs: 2_000, json: { dags: [], total_entries: 0 } }));
        const err = await failure(client.listDags(), TimeoutError);
        assert.match(err.message, /No answer from http:\/\/127\.0\.0\.1:\d+ within/);
        assert.equal(fake.count('GET', DAGS), 2, 'a read that timed out is sent once more, and only once');
      });

      it('a read that timed out once is retried and its answer shown', async () => {
        const client = await connect(fake, auth, { timeoutMs: 300 });
        fake.script('GET', DAGS, { delayMs: 2_000, json: { dags: [], total_entries: 0 } });
        const page = await client.listDags();
        assert.equal(page.items.length, 3, 'the second try answered with the served DAGs');
        assert.equal(fake.count('GET', DAGS), 2);
      });

      it('a trigger (POST) that timed out is not sent again', async () => {
        const client = await connect(fake, auth, { timeoutMs: 300 });
        fake.route('POST', TRIGGER, () => ({ delayMs: 2_000, status: 200, json: RUN }));
        await failure(client.trigger('d'), TimeoutError);
        assert.equal(fake.count('POST', TRIGGER), 1, 'a request that changes something is never repeated');
      });

      it('500 then success: a GET is retried once and succeeds', async () => {
        const client = await connect(fake, auth);
        fake.script('GET', DAGS, { status: 500, json: { detail: 'Internal Server Error' } });
        const page = await client.listDags();
        assert.equal(page.items.length, 3);
        assert.equal(fake.count('GET', DAGS), 2);
      });

      for (const status of [502, 503, 504]) {
        it(`${status} then success: a GET is retried and succeeds`, async () => {
          const client = await connect(fake, auth);
          fake.script('GET', DAGS, { status, html: `<html><title>${status} Bad Gateway</title></html>` });
          const page = await client.listDags();
          assert.equal(page.items.length, 3, "the retry's answer is shown");
          assert.equal(fake.count('GET', DAGS), 2);
        });
      }

      it('a reset connection then success: a GET is retried and succeeds', async () => {
        const client = await connect(fake, auth);
        fake.script('GET', DAGS, { reset: true });
        const page = await client.listDags();
        assert.equal(page.items.length, 3, "the retry's answer is shown");
        assert.equal(fake.count('GET', DAGS), 2);
      });

      it('a reset connection on a trigger (POST) is not sent again', async () => {
        const client = await connect(fake, auth);
        fake.route('POST', TRIGGER, () =>
          fake.count('POST', TRIGGER) === 1 ? { reset: true } : { status: 200, json: RUN },
        );
        await failure(client.trigger('d'), UnreachableError);
        assert.equal(fake.count('POST', TRIGGER), 1, 'a request that changes something is never repeated');
      });

      it('500 on a trigger (POST) is not retried and surfaces the server text, without the echoed secret', async () => {
        const client = await connect(fake, auth);
        // The first request gets the 500; a retry would get a success.
        fake.route('POST', TRIGGER, (req) =>
          fake.count('POST', TRIGGER) === 1
            ? { status: 500, json: { detail: `database is locked (request had ${echo(req)})` } }
            : { status: 200, json: RUN },
        );
        const err = await failure(client.trigger('d'), ServerError);
        assert.equal(fake.count('POST', TRIGGER), 1, 'POST must not be repeated');
        assert.equal(err.status, 500);
        assert.match(err.message, /database is locked/);
        assert.match(err.message, /\*\*\*/, 'the echoed credential is redacted');
      });

      it('429 with Retry-After: 1 then success: the GET waits ~1 s and succeeds', async () => {
        const client = await connect(fake, auth);
        fake.script('GET', DAGS, {
          status: 429,
          headers: { 'retry-after': '1' },
          json: { detail: 'Too Many Requests' },
        });
        const t0 = Date.now();
        const page = await client.listDags();
        const elapsed = Date.now() - t0;
        assert.equal(page.items.length, 3);
        assert.equal(fake.count('GET', DAGS), 2);
        assert.ok(elapsed >= 900, `honours Retry-After (waited ${elapsed} ms)`);
      });

      it('an HTML page with 200 on an API call -> NotAirflowError naming the page title', async () => {
        const client = await connect(fake, auth);
        fake.script('GET', DAGS, {
          html: `<html><head><title>Sign in - Example SSO</title></head><body>${SECRET}</body></html>`,
        });
        const err = await failure(client.listDags(), NotAirflowError);
        assert.match(err.message, /"Sign in - Example SSO"/);
      });

      it('wrong credentials: 401 -> UnauthenticatedError, no retry loop', async () => {
        const client = await connect(fake, auth);
        fake.route('GET', DAGS, (req) => ({ status: 401, json: { detail: `Invalid credentials: ${echo(req)}` } }));
        const err = await failure(client.listDags(), UnauthenticatedError);
        assert.equal(err.status, 401);
        // A static credential is tried once; a JWT is renewed once (it may have expired), then the error surfaces.
        assert.equal(fake.count('GET', DAGS), kind === 'jwt' ? 2 : 1);
        assert.equal(fake.count('POST', TOKEN), kind === 'jwt' ? 2 : 0);
      });

      it('v2 422 with a detail list -> ValidationError naming the field and the message', async () => {
        const client = await connect(fake, auth);
        fake.script('POST', TRIGGER, {
          status: 422,
          json: {
            detail: [
              {
                type: 'missing',
                loc: ['body', 'logical_date'],
                msg: 'Field required',
                input: { conf: {}, echoed: SECRET },
              },
            ],
          },
        });
        const err = await failure(client.trigger('d'), ValidationError);
        assert.equal(err.status, 422);
        assert.match(err.message, /logical_date: Field required/);
      });

      it('an aborted signal mid-request -> CancelledError, promptly', async () => {
        const client = await connect(fake, auth);
        fake.script('GET', DAGS, { delayMs: 3_000, json: { dags: [], total_entries: 0 } });
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 100);
        const t0 = Date.now();
        await failure(client.listDags({}, {}, { signal: ac.signal }), CancelledError);
        assert.ok(Date.now() - t0 < 1_500);
      });
    });
  }

  describe('connection faults', () => {
    it('an HTML page with 200 at the base URL -> NotAirflowError naming the page title', async () => {
      const fake = await startFake();
      fake.script('GET', '/api/v2/version', {
        html: '<!doctype html><html><head><title>Grafana</title></head></html>',
      });
      const err = await failure(connect(fake, AUTH.basic), NotAirflowError);
      assert.match(err.message, /"Grafana"/);
      assert.match(err.message, /not a login page, a proxy or another service/);
    });

    it('a port nobody listens on -> UnreachableError reason "refused"', async () => {
      const port = await freePort();
      const err = await failure(connect(`http://127.0.0.1:${port}`, AUTH.basic, { retries: 0 }), UnreachableError);
      assert.equal(err.reason, 'refused');
      assert.match(err.message, /connection refused/);
    });

    it('a body that stalls after the headers -> TimeoutError (the timeout covers reading the body)', async () => {
      const fake = await startFake();
      const client = await connect(fake, AUTH.basic, { timeoutMs: 300 });
      fake.script('GET', DAGS, { stallBody: true, json: { dags: [], total_entries: 0 } });
      const t0 = Date.now();
      const err = await failure(client.listDags(), TimeoutError);
      assert.ok(Date.now() - t0 < 1_500, `gave up near the timeout (${Date.now() - t0} ms)`);
      assert.match(err.message, /within 0\.3 s/);
    });

    it('cancelling while the body is read -> CancelledError', async () => {
      const fake = await startFake();
      const client = await connect(fake, AUTH.basic);
      fake.script('GET', DAGS, { stallBody: true, json: { dags: [], total_entries: 0 } });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      await failure(client.listDags({}, {}, { signal: ac.signal }), CancelledError);
    });

    it('cancelling while waiting for a Retry-After -> CancelledError at once', async () => {
      const fake = await startFake();
      fake.serveDags(1);
      const client = await connect(fake, AUTH.bearer);
      fake.script('GET', DAGS, { status: 503, headers: { 'retry-after': '30' }, json: { detail: 'maintenance' } });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      const t0 = Date.now();
      await failure(client.listDags({}, {}, { signal: ac.signal }), CancelledError);
      assert.ok(Date.now() - t0 < 2_000);
      assert.equal(fake.count('GET', DAGS), 1);
    });
  });

  describe('JWT (Airflow 3.x /auth/token)', () => {
    let fake: FakeAirflow;
    beforeEach(async () => {
      fake = await startFake();
      serveTokens(fake);
      fake.serveDags(2);
    });

    it('/auth/token answering 401 -> UnauthenticatedError after one token request', async () => {
      const client = await connect(fake, { kind: 'jwt', username: USER, password: `wrong-${SECRET}` });
      const err = await failure(client.listDags(), UnauthenticatedError);
      assert.match(err.message, /Invalid credentials/);
      assert.equal(fake.count('POST', TOKEN), 1);
      assert.equal(fake.count('GET', DAGS), 0);
    });

    it('an expired token is renewed once and the call succeeds', async () => {
      const client = await connect(fake, AUTH.jwt);
      fake.script('GET', DAGS, { status: 401, json: { detail: 'Token Expired' } });
      const page = await client.listDags();
      assert.equal(page.items.length, 2);
      assert.equal(fake.count('POST', TOKEN), 2);
      const calls = fake.requests.filter((r) => r.path === DAGS);
      assert.deepEqual(
        calls.map((r) => r.headers.authorization),
        [`Bearer ${jwtToken(1)}`, `Bearer ${jwtToken(2)}`],
      );
    });

    it('a 401 right after renewing surfaces the error (no loop)', async () => {
      const client = await connect(fake, AUTH.jwt);
      fake.script(
        'GET',
        DAGS,
        { status: 401, json: { detail: 'Token Expired' } },
        { status: 401, json: { detail: 'Token Expired' } },
      );
      const err = await failure(client.listDags(), UnauthenticatedError);
      assert.match(err.message, /Token Expired/);
      assert.equal(fake.count('POST', TOKEN), 2);
      assert.equal(fake.count('GET', DAGS), 2);
    });

    it('v2\'s 403 "Invalid JWT token" also renews the token once', async () => {
      const client = await connect(fake, AUTH.jwt);
      fake.script('GET', DAGS, { status: 403, json: { detail: 'Invalid JWT token' } });
      assert.equal((await client.listDags()).items.length, 2);
      assert.equal(fake.count('POST', TOKEN), 2);
    });
  });

  describe('Airflow 2.x (/api/v1)', () => {
    it('a problem+json 400 -> ValidationError with the detail sentence', async () => {
      const fake = await startFake({ api: 'v1' });
      const client = await connect(fake, AUTH.basic);
      assert.equal(client.apiVersion, 'v1');
      fake.script('POST', '/api/v1/dags/d/dagRuns', {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
        json: {
          detail: "'yesterday' is not a 'date-time' - 'logical_date'",
          status: 400,
          title: 'Bad Request',
          type: 'https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/BadRequest',
        },
      });
      const err = await failure(client.trigger('d'), ValidationError);
      assert.equal(err.status, 400);
      assert.match(err.message, /'yesterday' is not a 'date-time' - 'logical_date'/);
      assert.equal(fake.count('POST', '/api/v1/dags/d/dagRuns'), 1);
    });
  });

  describe('TLS with a self-signed certificate', () => {
    let dir: string;
    let pem: { key: string; cert: string };
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'fake-airflow-tls-'));
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-subj',
            '/CN=localhost',
            '-addext',
            'subjectAltName=IP:127.0.0.1,DNS:localhost',
            '-days',
            '2',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
          ],
          { stdio: 'pipe' },
        );
      } catch (err) {
        throw new Error(
          `The TLS tests need openssl on PATH to make a self-signed certificate: ${(err as Error).message}`,
        );
      }
      pem = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('without the CA -> TlsError that names the "CA file" setting', async () => {
      const fake = await startFake({ tls: pem });
      const err = await failure(connect(fake, AUTH.basic), TlsError);
      assert.equal(err.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.match(err.message, /CA file/);
      assert.match(err.message, /self-signed/);
    });

    it('with tls.ca set to the certificate -> connects and lists DAGs', async () => {
      const fake = await startFake({ tls: pem });
      fake.serveDags(2);
      const client = await connect(fake, AUTH.basic, { tls: { ca: pem.cert } });
      assert.equal(client.apiVersion, 'v2');
      assert.equal((await client.listDags()).items.length, 2);
    });

    it('with tls.skipVerify -> connects and lists DAGs', async () => {
      const fake = await startFake({ tls: pem });
      fake.serveDags(2);
      const client = await connect(fake, AUTH.basic, { tls: { skipVerify: true } });
      assert.equal((await client.listDags()).items.length, 2);
    });
  });
});

/** A port that was free a moment ago (nobody listens on it now). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
