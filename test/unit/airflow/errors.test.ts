// Redaction: the secrets the client knows, and token-like text in what it shows.
import assert from 'node:assert/strict';
import { redactTokenLike } from '../../../src/airflow';
import { Redactor } from '../../../src/airflow/errors';

describe('Redactor', () => {
  it('replaces every occurrence of every secret', () => {
    const r = new Redactor();
    r.add('hunter22');
    r.add('tok-abc');
    assert.equal(r.redact('pw=hunter22 token tok-abc again hunter22'), 'pw=*** token *** again ***');
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
