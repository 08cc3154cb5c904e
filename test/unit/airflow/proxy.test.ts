// Issue 17 in plain node: which proxy applies to a server and its credentials kept apart. The real
// tinyproxy is in test/vscode/network.test.ts.
import assert from 'node:assert/strict';
import { bypassesProxy, resolveProxy } from '../../../src/airflow/proxy';

const target = (url: string) => new URL(url);

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

describe('NO_PROXY matching', () => {
  it('matches exact hosts, domain suffixes, wildcards and ports', () => {
    assert.equal(bypassesProxy('airflow.corp.example', '', 'localhost,.corp.example'), true);
    assert.equal(bypassesProxy('corp.example', '', '.corp.example'), true);
    assert.equal(bypassesProxy('evilcorp.example', '', 'corp.example'), false);
    assert.equal(bypassesProxy('localhost', '8080', 'localhost:9090'), false);
    assert.equal(bypassesProxy('localhost', '8080', 'localhost:8080'), true);
    assert.equal(bypassesProxy('anything', '', '*'), true);
    assert.equal(bypassesProxy('host', '', undefined), false);
  });
});
