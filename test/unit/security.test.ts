// Issue 12, pure parts: secrets bound to their origin, URL checks, token-like text redacted,
// Markdown escaping of server text, and the explorer's generation guard.
import assert from 'node:assert/strict';
import { redactTokenLike } from '../../src/airflow';
import { runTokenCommand } from '../../src/airflow/tokenCommand';
import type { Profile } from '../../src/profiles/profile';
import { bindingOf, decideBinding, originOf, parseBinding } from '../../src/profiles/secretBinding';
import { plainHttpWarning, profileUrlProblem } from '../../src/profiles/urlChecks';
import { codeBlock, escapeMarkdown } from '../../src/ui/markdown';
import { Generation, StaleLoadError } from '../../src/views/explorer/generation';

const profile = (url: string, username = 'admin', auth: Profile['auth'] = 'jwt'): Profile => ({
  id: 'p',
  name: 'p',
  url,
  auth,
  username,
});

describe('secrets bound to their server', () => {
  it('an origin is scheme://host:port with the default port written out', () => {
    assert.equal(originOf('https://airflow.example.com/sub/api/v2'), 'https://airflow.example.com:443');
    assert.equal(originOf('http://LOCALHOST:8080/'), 'http://localhost:8080');
    assert.equal(originOf('http://a.example'), originOf('http://a.example:80'));
  });

  it('sends a secret only to the origin and user it was entered for', () => {
    const stored = bindingOf(profile('https://a.example'));
    assert.deepEqual(decideBinding(stored, profile('https://a.example/other-path')), { send: true, migrate: false });
    const moved = decideBinding(stored, profile('https://evil.example'));
    assert.equal(moved.send, false);
    assert.match(
      moved.send ? '' : `${moved.enteredFor} -> ${moved.now}`,
      /admin at https:\/\/a\.example:443 -> admin at https:\/\/evil\.example:443/,
    );
    assert.equal(decideBinding(stored, profile('http://a.example')).send, false, 'https -> http is another origin');
    assert.equal(decideBinding(stored, profile('https://a.example:8443')).send, false, 'another port');
    assert.equal(decideBinding(stored, profile('https://a.example', 'root')).send, false, 'another user');
  });

  it('a token has no user: only the origin counts', () => {
    const stored = bindingOf(profile('https://a.example', undefined, 'bearer'));
    assert.equal(stored.username, undefined);
    assert.equal(decideBinding(stored, { ...profile('https://a.example', 'x', 'bearer') }).send, true);
  });

  it('a secret stored before bindings is bound on first use; a corrupt binding is never trusted', () => {
    assert.deepEqual(decideBinding(undefined, profile('https://a.example')), { send: true, migrate: true });
    assert.equal(parseBinding('not json'), 'corrupt');
    assert.equal(parseBinding('{"host":"x"}'), 'corrupt');
    assert.equal(decideBinding('corrupt', profile('https://a.example')).send, false);
    assert.deepEqual(parseBinding(JSON.stringify(bindingOf(profile('https://a.example')))), {
      origin: 'https://a.example:443',
      username: 'admin',
    });
  });
});

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

describe('token-like text is redacted', () => {
  it('masks bearer values, key=value secrets, JWTs and long base64/hex runs; keeps the words', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl';
    const line = `error: Authorization: Bearer ya29.A0ARrdaM-xyz123 failed; token=s3cr3tValue; ${jwt}; key ab12cd34ef56ab12cd34ef56ab12cd34ef56 and QUJDREVGR0hJSktMTU5PUFFSU1RVVldY1234==`;
    const out = redactTokenLike(line);
    for (const secret of [
      'ya29.A0ARrdaM-xyz123',
      's3cr3tValue',
      jwt,
      'ab12cd34ef56ab12cd34ef56ab12cd34ef56',
      'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY1234',
    ]) {
      assert.ok(!out.includes(secret), `${secret} in ${out}`);
    }
    assert.match(out, /^error: Authorization: Bearer \*\*\* failed/);
    assert.equal(
      redactTokenLike('gcloud: not logged in, run gcloud auth login'),
      'gcloud: not logged in, run gcloud auth login',
    );
    assert.equal(
      redactTokenLike('/usr/local/google-cloud-sdk/bin/gcloud-application-default'),
      '/usr/local/google-cloud-sdk/bin/gcloud-application-default',
    );
  });
});

describe('a failing token command', () => {
  it('shows only the first line of its stderr, with the token masked', async () => {
    const token = 'ya29.c0AfH6SMBx7yQ2kLmN0pQrStUvWxYz1234567890';
    const script = `console.error('refresh failed for Bearer ${token}, token=${token}'); console.error('second line ${token}'); process.exit(3)`;
    const err = await runTokenCommand(process.execPath, ['-e', script], 10_000).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(err);
    assert.match(err.message, /failed \(exit 3\): refresh failed for Bearer \*\*\*/);
    assert.ok(!err.message.includes(token.slice(5, 25)), err.message);
    assert.ok(!err.message.includes('second line'), err.message);
  });
});

describe('Markdown escaping of server text', () => {
  it('escapes ~ & < > $ and the usual punctuation', () => {
    assert.equal(
      escapeMarkdown('~~x~~ &amp; <img src=x> $(zap)'),
      '\\~\\~x\\~\\~ \\&amp; \\<img src=x\\> \\$\\(zap\\)',
    );
    assert.equal(escapeMarkdown('etl_daily'), 'etl\\_daily');
  });

  it('turns line breaks into spaces, so a field cannot start a block', () => {
    for (const nl of ['\n', '\r\n', '\r', '\u2028']) {
      const out = escapeMarkdown(`ok${nl}# Heading${nl}${nl}    code${nl}| a | b |`);
      assert.ok(!/[\r\n\u2028]/.test(out), JSON.stringify(out));
    }
  });

  it('a code block cannot be closed by the text inside it', () => {
    const block = codeBlock('a\n```\n[x](http://evil)\n````', 'python');
    assert.ok(block.includes('\n`````python\n'), block);
    assert.ok(block.trimEnd().endsWith('\n`````'), block);
  });
});

describe('explorer generation guard', () => {
  it('a result that arrives after a reload is dropped, also an error', async () => {
    const g = new Generation();
    const ticket = g.ticket();
    let resolve!: (v: string) => void;
    const slow = g.check(ticket, new Promise<string>((r) => (resolve = r)));
    g.bump();
    resolve('old profile DAGs');
    await assert.rejects(slow, StaleLoadError);
    const failing = g.check(ticket, Promise.reject(new Error('boom')));
    await assert.rejects(failing, StaleLoadError);
    assert.equal(await g.check(g.ticket(), Promise.resolve('new')), 'new');
    await assert.rejects(g.check(g.ticket(), Promise.reject(new Error('boom'))), /boom/);
    await assert.rejects(g.check(ticket, Promise.resolve('late')), StaleLoadError);
  });
});
