// The run view's page is locked down: nothing remote, scripts only by nonce, no eval, no inline style.
import assert from 'node:assert/strict';
import { contentSecurityPolicy, nonce, pageHtml } from '../../../src/runViews/pageHtml';

describe("the run view's page", () => {
  const html = pageHtml(
    {
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      script: 'https://x/dist/runView.js',
      style: 'https://x/media/runView.css',
      layoutWorker: 'https://x/dist/elkWorker.js',
    },
    'n0nce',
  );

  it('has a strict Content-Security-Policy', () => {
    const csp = contentSecurityPolicy('https://src', 'n0nce');
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-n0nce';/);
    // Only the layout worker's script is fetched (from the extension), and only it runs as a worker (from a blob).
    assert.match(csp, /connect-src https:\/\/src; worker-src blob:$/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|\*|https?:\/\/(?!src)/);
    assert.ok(
      html.includes(`content="${csp.replaceAll('https://src', 'https://file+.vscode-resource.vscode-cdn.net')}"`),
    );
  });

  it('loads its one script by nonce, and no inline script or style', () => {
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="n0nce" src="https:\/\/x\/dist\/runView.js"><\/script>/);
    assert.doesNotMatch(html, /<style|\sstyle="|\son\w+="/);
  });

  it('names the layout worker for the page to fetch, as an attribute it cannot break out of', () => {
    assert.match(html, /<main id="run-view" aria-live="polite" data-layout-worker="https:\/\/x\/dist\/elkWorker.js">/);
    const hostile = pageHtml(
      { cspSource: 's', script: 'a', style: 'b', layoutWorker: 'x"><script>alert(1)</script>' },
      'n',
    );
    assert.equal(hostile.match(/<script/g)?.length, 1);
  });

  it('makes a new nonce each time', () => {
    assert.notEqual(nonce(), nonce());
    assert.ok(nonce().length >= 24);
  });
});
