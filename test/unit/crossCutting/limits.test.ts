// Limit tests (issue 12): redirects are not followed with credentials, the token command has a hard
// timeout, paging ends, responses and files are read within a cap. Every error is checked for secrets.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  PagingError,
  RedirectError,
  ResponseTooLargeError,
  UnauthenticatedError,
  type AuthConfig,
} from '../../../src/airflow';
import { v1TokenEndOfLog } from '../../../src/airflow/logFormat';
import type { FakeAirflow } from '../../support/fakeAirflow';
import {
  AUTH,
  connect,
  failure,
  fakesClosedAfterEach,
  jwtToken,
  SECRET,
  serveTokens,
  TOKEN,
} from '../../support/faultKit';

const DAGS = '/api/v2/dags';
const startFake = fakesClosedAfterEach();

/** A second server on another loopback port, standing for the origin a redirect points to. */
async function elsewhere(): Promise<FakeAirflow> {
  const other = await startFake();
  serveTokens(other);
  other.serveDags(2);
  return other;
}

describe('client limits', function () {
  this.timeout(20_000);

  describe('redirects are reported, never followed', () => {
    for (const status of [302, 307]) {
      it(`a cross-origin ${status} on an API call with a custom auth header: the other origin gets nothing`, async () => {
        const fake = await startFake();
        const other = await elsewhere();
        fake.script('GET', DAGS, { status, headers: { location: `${other.url}${DAGS}?limit=100` }, text: '' });
        const client = await connect(fake, AUTH.header);
        const err = await failure(client.listDags(), RedirectError);
        assert.equal(
          other.requests.length,
          0,
          `the other origin received ${JSON.stringify(other.requests.map((r) => r.headers))}`,
        );
        assert.equal(err.status, status);
        assert.equal(err.location, `${other.url}${DAGS}?limit=100`);
        assert.ok(err.message.startsWith(`${fake.url}${DAGS} redirects to ${other.url}${DAGS}`), err.message);
        assert.match(err.message, new RegExp(`use ${other.url.replace(/[.]/g, '\\.')} as the connection's URL`));
        assert.equal(fake.count('GET', DAGS), 1, 'a redirect is not retried');
      });

      it(`a cross-origin ${status} on POST /auth/token: the user name and password stay with the first server`, async () => {
        const fake = await startFake();
        const other = await elsewhere();
        fake.script('POST', TOKEN, {
          status,
          headers: { location: `${other.url}/login/?next=%2Fauth%2Ftoken` },
          text: '',
        });
        fake.serveDags(2);
        const client = await connect(fake, AUTH.jwt);
        const err = await failure(client.listDags(), RedirectError);
        assert.equal(other.requests.length, 0, 'the other origin received a request');
        assert.ok(!other.requests.some((r) => r.body.includes(SECRET)));
        assert.equal(err.location, `${other.url}/login/?next=%2Fauth%2Ftoken`);
        assert.match(
          err.message,
          /redirects to http:\/\/127\.0\.0\.1:\d+\/login\/\?next=%2Fauth%2Ftoken \(HTTP 3\d\d\); use that URL in the connection; if it is a sign-in page/,
        );
        assert.equal(fake.count('GET', DAGS), 0);
      });
    }

    it('a relative Location is named as a full URL, a secret in it redacted', async () => {
      const fake = await startFake();
      fake.script('GET', DAGS, {
        status: 302,
        headers: { location: `/login/?key=${SECRET}` },
        html: '<title>Sign in</title>',
      });
      const client = await connect(fake, AUTH.header);
      const err = await failure(client.listDags(), RedirectError);
      assert.equal(err.location, `${fake.url}/login/?key=***`);
    });
  });

  describe('the token command', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'airflow-token-command-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('a command that ignores SIGTERM is killed after the grace period and the call fails', async () => {
      const script = join(dir, 'stubborn.js');
      const pidFile = join(dir, 'stubborn.pid');
      // Sleeps "forever"; the exit after a minute only keeps a failing run from leaving it behind.
      writeFileSync(
        script,
        `process.on('SIGTERM', () => {});
require('fs').writeFileSync(process.argv[2], String(process.pid));
setInterval(() => {}, 1000);
setTimeout(() => process.exit(0), 60000);
`,
      );
      const fake = await startFake();
      fake.serveDags(1);
      const client = await connect(fake, {
        kind: 'command',
        command: process.execPath,
        args: [script, pidFile],
        timeoutMs: 1_500,
      });
      const err = await failure(client.listDags(), UnauthenticatedError);
      assert.match(
        err.message,
        /The token command ".*" did not finish within 1\.5 s and was stopped\. Run it in a terminal/,
      );
      const pid = Number(readFileSync(pidFile, 'utf8'));
      assert.ok(await gone(pid), `the command (pid ${pid}) is still running`);
      assert.equal(fake.count('GET', '/api/v2/dags'), 0);
    });

    it('a command that prints nothing, or fails, says so', async () => {
      const fake = await startFake();
      const silent = await connect(fake, { kind: 'command', command: process.execPath, args: ['-e', ''] });
      assert.match((await failure(silent.listDags(), UnauthenticatedError)).message, /printed nothing/);
      const failing = await connect(fake, {
        kind: 'command',
        command: process.execPath,
        args: ['-e', 'console.error("not logged in"); process.exit(3)'],
      });
      assert.match(
        (await failure(failing.listDags(), UnauthenticatedError)).message,
        /failed \(exit 3\): not logged in\. Run it in a terminal/,
      );
    });
  });

  describe('concurrent requests refused with 401 renew the token once', () => {
    const N = 8;
    for (const kind of ['command', 'jwt'] as const) {
      it(`${kind}: ${N} requests refused together -> one renewal, all succeed`, async () => {
        const fake = await startFake();
        serveTokens(fake);
        let commandRuns = 0;
        const auth: AuthConfig = kind === 'jwt' ? AUTH.jwt : { kind: 'command', command: 'print-token' };
        const firstToken = kind === 'jwt' ? jwtToken(1) : `${SECRET}-1`;
        const dags = { dags: [], total_entries: 0 };
        fake.route('GET', '/api/v2/dags', (req) =>
          req.headers.authorization === `Bearer ${firstToken}`
            ? { status: 401, json: { detail: 'Token Expired' } }
            : { json: dags },
        );
        const client = await connect(fake, auth, {
          runCommand: async () => {
            await new Promise((r) => setTimeout(r, 20));
            return `${SECRET}-${++commandRuns}`;
          },
        });
        const pages = await Promise.all(Array.from({ length: N }, () => client.listDags()));
        assert.equal(pages.length, N);
        const obtained = kind === 'jwt' ? fake.count('POST', TOKEN) : commandRuns;
        assert.equal(obtained, 2, 'the first token and one renewal');
        assert.equal(fake.count('GET', '/api/v2/dags'), 2 * N);
      });
    }
  });

  describe('paging has an end', () => {
    const IMPORT_ERRORS = '/api/v2/importErrors';
    const importError = (i: number) => ({
      import_error_id: i,
      filename: `/opt/airflow/dags/broken_${i}.py`,
      timestamp: '2026-11-23T08:00:00Z',
      stack_trace: `Traceback (most recent call last):\n  File "broken_${i}.py", line 1\nSyntaxError: invalid syntax`,
    });

    it('a server that ignores offset and reports 10,000,000 import errors: two requests, then a PagingError', async () => {
      const fake = await startFake();
      const firstPage = Array.from({ length: 100 }, (_, i) => importError(i));
      fake.route('GET', IMPORT_ERRORS, () => ({ json: { import_errors: firstPage, total_entries: 10_000_000 } }));
      const client = await connect(fake, AUTH.bearer);
      const err = await failure(client.listImportErrors(), PagingError);
      assert.equal(err.reason, 'repeated');
      assert.equal(fake.count('GET', IMPORT_ERRORS), 2);
      assert.deepEqual(
        fake.requests.filter((r) => r.path === IMPORT_ERRORS).map((r) => r.query.get('offset')),
        ['0', '100'],
      );
      assert.match(
        err.message,
        /answered the import errors at offset 100 with the same page as before: it ignores "offset", so the list would never end\. Stopped after 2 requests\./,
      );
    });

    it('a server with endless distinct DAGs: reading stops at the item cap with a PagingError', async () => {
      const fake = await startFake();
      fake.serveDags(10_000_000);
      const client = await connect(fake, AUTH.bearer, { maxListItems: 250 });
      const err = await failure(client.listAllDags(), PagingError);
      assert.equal(err.reason, 'tooMany');
      assert.equal(fake.count('GET', DAGS), 3);
      assert.match(
        err.message,
        /lists 10000000 DAGs; reading stopped at 300 \(3 requests\), the most read at once\. Filter the DAG list to fewer DAGs\./,
      );
    });

    it('a listing of exactly the cap is read whole', async () => {
      const fake = await startFake();
      fake.serveDags(250);
      const client = await connect(fake, AUTH.bearer, { maxListItems: 250 });
      assert.equal((await client.listAllDags()).length, 250);
      assert.equal(fake.count('GET', DAGS), 3);
    });
  });

  describe('response size caps', () => {
    const MB = 1024 * 1024;
    const LOG = '/api/v2/dags/d/dagRuns/r/taskInstances/t/logs/1';
    const SOURCE = '/api/v2/dagSources/d';

    it('a 200 MB answer to a listing (chunked) -> ResponseTooLargeError at 32 MB, memory bounded', async () => {
      const fake = await startFake();
      fake.script('GET', DAGS, {
        stream: { bytes: 200 * MB, prefix: '{"dags": [], "total_entries": 0, "x": "', suffix: '"}' },
      });
      const client = await connect(fake, AUTH.header);
      const { result, peakGrowth } = await measurePeakMemory(() => client.listDags());
      const err = await failure(result, ResponseTooLargeError);
      assert.equal(err.limitBytes, 32 * MB);
      assert.match(
        err.message,
        new RegExp(
          `The answer to ${fake.url.replace(/[.]/g, '\\.')}/api/v2/dags is larger than 32 MB; reading stopped there\\. Ask for less`,
        ),
      );
      assert.ok(peakGrowth < 100 * MB, `memory grew by ${Math.round(peakGrowth / MB)} MB`);
      assert.ok(fake.streamedBytes < 100 * MB, `the fake had to send ${Math.round(fake.streamedBytes / MB)} MB`);
      assert.equal(fake.count('GET', DAGS), 1, 'not retried');
    });

    it('a Content-Length above the cap fails before the body is read', async () => {
      const fake = await startFake();
      fake.script('GET', DAGS, { stream: { bytes: 200 * MB, declareLength: true } });
      const client = await connect(fake, AUTH.bearer);
      await failure(client.listDags(), ResponseTooLargeError);
      assert.ok(fake.streamedBytes < 32 * MB, `the fake had to send ${Math.round(fake.streamedBytes / MB)} MB`);
    });

    it('each kind has its cap: a 34 MB log is read, an 11 MB DAG source is refused', async () => {
      const fake = await startFake();
      fake.script('GET', LOG, {
        stream: { bytes: 34 * MB, prefix: '{"content": ["', suffix: '"], "continuation_token": null}' },
      });
      fake.script('GET', SOURCE, { stream: { bytes: 11 * MB, prefix: '{"content": "', suffix: '"}' } });
      const client = await connect(fake, AUTH.bearer);
      const log = await client.readLog({ dagId: 'd', runId: 'r', taskId: 't' }, 1);
      assert.equal(log.lines.length, 1);
      assert.ok(log.lines[0].length > 33 * MB);
      const err = await failure(client.dagSource({ dagId: 'd' }), ResponseTooLargeError);
      assert.match(err.message, /larger than 10 MB; reading stopped there\. Open the DAG file from its repository/);
    });

    it('a v1 log token that inflates past 64 KB is not inflated', () => {
      const token = (json: string) => `.${deflateSync(Buffer.from(json)).toString('base64url')}.sig`;
      assert.equal(v1TokenEndOfLog(token('{"end_of_log": true}')), true);
      // Valid JSON (trailing whitespace) of 20 MB: without a cap it is inflated and parsed whole.
      assert.equal(v1TokenEndOfLog(token(`{"end_of_log": true}${' '.repeat(20 * MB)}`)), undefined);
    });
  });
});

/** Waits (up to 3 s) until no process has this id. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 30; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Runs `call`, sampling heap and buffer memory meanwhile; the growth is the peak over the start. */
async function measurePeakMemory(
  call: () => Promise<unknown>,
): Promise<{ result: Promise<unknown>; peakGrowth: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const start = used();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  const result = call();
  await result.catch(() => undefined);
  clearInterval(timer);
  peak = Math.max(peak, used());
  return { result, peakGrowth: peak - start };
}
