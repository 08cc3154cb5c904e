// Issue 12: the checks of a connection URL: no query or fragment, and a warning for secrets over plain HTTP.
import assert from 'node:assert/strict';
import { plainHttpWarning, profileUrlProblem } from '../../../src/profiles/urlChecks';

describe('connection URL checks', () => {
  it('refuses a query string or fragment, without repeating the URL', () => {
    for (const url of [
      'https://a.example/?token=abc123secret',
      'https://a.example/#token=abc123secret',
      'https://a.example/?',
    ]) {
      const problem = profileUrlProblem(url);
      assert.ok(problem, url);
      assert.ok(!problem.includes('abc123secret'), problem);
    }
    assert.equal(profileUrlProblem('https://a.example/sub/api/v2'), undefined);
    assert.match(profileUrlProblem('ftp://a.example') ?? '', /scheme/);
  });

  it('warns (does not refuse) when a secret would go over plain http to another machine', () => {
    assert.match(plainHttpWarning('http://airflow.corp.example:8080', 'jwt') ?? '', /password travels unencrypted/);
    assert.match(plainHttpWarning('http://10.0.0.5', 'bearer') ?? '', /token/);
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080', 'https://a.example']) {
      assert.equal(plainHttpWarning(url, 'basic'), undefined, url);
    }
    assert.equal(plainHttpWarning('http://a.example', 'none'), undefined);
  });
});
