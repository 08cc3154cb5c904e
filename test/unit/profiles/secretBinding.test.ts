// Issue 12: a profile's secrets are bound to the origin and user they were entered for.
import assert from 'node:assert/strict';
import type { Profile } from '../../../src/profiles/profile';
import { bindingOf, decideBinding, originOf, parseBinding } from '../../../src/profiles/secretBinding';

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
