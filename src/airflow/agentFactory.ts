// Loaded only when a profile has TLS options or a proxy is configured: undici is large, and most
// profiles (plain http://localhost, public CAs, no proxy) need nothing but Node's fetch.
// esbuild bundles this file on its own (dist/agent.js); see esbuild.mjs.
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch, ProxyAgent, type Dispatcher } from 'undici';
import type { ResolvedProxy } from './proxy';
import type { TlsOptions } from './tls';

/**
 * The dispatcher for requests to `target`: through `proxy` when one applies (plain HTTP is
 * forwarded as `GET http://…`, HTTPS tunnelled with CONNECT), else straight to the server. Without
 * a proxy it is still an explicit Agent: a host in NO_PROXY must not be sent to a proxy by
 * whatever default dispatcher the editor installed.
 */
export function createDispatcher(target: URL, tls: TlsOptions = {}, proxy?: ResolvedProxy): Dispatcher {
  const connect = {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    passphrase: tls.passphrase,
    rejectUnauthorized: !tls.skipVerify,
  };
  // Node's default CAs are replaced when `ca` is given; keep them so a corporate CA adds to them.
  if (tls.ca) connect.ca = [...rootCertificates, tls.ca].join('\n');
  if (!proxy) return new Agent({ connect });
  return new ProxyAgent({
    uri: proxy.url,
    token: proxy.authorization,
    proxyTunnel: target.protocol === 'https:',
    // http.proxyStrictSSL off: the user's choice for an intercepting company proxy, as in VS Code itself.
    requestTls: { ...connect, rejectUnauthorized: connect.rejectUnauthorized && proxy.strictSSL },
    proxyTls: { rejectUnauthorized: proxy.strictSSL },
  });
}

/**
 * A fetch that always goes through `dispatcher`. The global fetch of VS Code's extension host is
 * patched (`http.proxySupport: override`, `http.fetchAdditionalSupport`) and may replace a
 * request's dispatcher with one of its own: in code-server 4.100 the proxy chosen here was not
 * used at all. undici's own fetch is not patched. ky hands over a global Request: it is copied field by field
 * (the JSON bodies sent are small).
 */
export function dispatcherFetch(dispatcher: Dispatcher): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: Object.fromEntries(request.headers as unknown as Iterable<[string, string]>),
      body,
      signal: request.signal,
      redirect: request.redirect,
      dispatcher,
    });
    return response as unknown as Response;
  };
}
