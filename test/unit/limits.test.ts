// Limit tests (issue 12): redirects are not followed with credentials, the token command has a hard
// timeout, paging ends, responses and files are read within a cap. Every error is checked for secrets.
import assert from 'node:assert/strict';
import { RedirectError } from '../../src/airflow';
import type { FakeAirflow } from '../support/fakeAirflow';
import { AUTH, connect, failure, fakesClosedAfterEach, SECRET, serveTokens, TOKEN } from '../support/faultKit';

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
        assert.equal(other.requests.length, 0, `the other origin received ${JSON.stringify(other.requests.map((r) => r.headers))}`);
        assert.equal(err.status, status);
        assert.equal(err.location, `${other.url}${DAGS}?limit=100`);
        assert.ok(err.message.startsWith(`${fake.url}${DAGS} redirects to ${other.url}${DAGS}`), err.message);
        assert.match(err.message, new RegExp(`use ${other.url.replace(/[.]/g, '\\.')} as the connection's URL`));
        assert.equal(fake.count('GET', DAGS), 1, 'a redirect is not retried');
      });

      it(`a cross-origin ${status} on POST /auth/token: the user name and password stay with the first server`, async () => {
        const fake = await startFake();
        const other = await elsewhere();
        fake.script('POST', TOKEN, { status, headers: { location: `${other.url}/login/?next=%2Fauth%2Ftoken` }, text: '' });
        fake.serveDags(2);
        const client = await connect(fake, AUTH.jwt);
        const err = await failure(client.listDags(), RedirectError);
        assert.equal(other.requests.length, 0, 'the other origin received a request');
        assert.ok(!other.requests.some((r) => r.body.includes(SECRET)));
        assert.equal(err.location, `${other.url}/login/?next=%2Fauth%2Ftoken`);
        assert.match(err.message, /redirects to http:\/\/127\.0\.0\.1:\d+\/login\/\?next=%2Fauth%2Ftoken \(HTTP 3\d\d\); use that URL in the connection; if it is a sign-in page/);
        assert.equal(fake.count('GET', DAGS), 0);
      });
    }

    it('a relative Location is named as a full URL', async () => {
      const fake = await startFake();
      fake.script('GET', DAGS, { status: 302, headers: { location: '/login/' }, html: '<title>Sign in</title>' });
      const client = await connect(fake, AUTH.basic);
      const err = await failure(client.listDags(), RedirectError);
      assert.equal(err.location, `${fake.url}/login/`);
    });
  });
});
