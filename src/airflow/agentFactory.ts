// Loaded only when a profile has TLS options or a proxy applies: undici is large, and most
// profiles (plain http://localhost, public CAs, no proxy) need nothing but Node's fetch.
// esbuild bundles this file on its own (dist/agent.js); see esbuild.mjs.
import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { bypassesProxy, type ProxyOptions, type TlsOptions } from './tls';

export function createDispatcher(target: URL, tls: TlsOptions = {}, proxy: ProxyOptions = {}): Dispatcher {
  const connect = {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: !tls.skipVerify,
  };
  // Node's default CAs are replaced when `ca` is given; keep them so a corporate CA adds to them.
  if (tls.ca) connect.ca = [...rootCertificates, tls.ca].join('\n');
  if (proxy.url) {
    if (bypassesProxy(target.hostname, target.port, proxy.noProxy)) return new Agent({ connect });
    return new ProxyAgent({ uri: proxy.url, requestTls: connect });
  }
  return new EnvHttpProxyAgent({ connect });
}
