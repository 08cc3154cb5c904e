/** TLS settings of a profile. Contents, not paths: the caller reads the files. */
export interface TlsOptions {
  /** PEM of extra certificate authorities to trust (in addition to the system's). */
  ca?: string;
  /** PEM client certificate and key, for mutual TLS. */
  cert?: string;
  key?: string;
  /** Skip certificate verification. Off unless a profile explicitly says so. */
  skipVerify?: boolean;
}

export interface ProxyOptions {
  /** e.g. http://proxy:3128 (VS Code's `http.proxy`); when absent, HTTPS_PROXY / HTTP_PROXY apply. */
  url?: string;
  /** Comma-separated hosts that bypass the proxy (NO_PROXY). */
  noProxy?: string;
}

export function needsDispatcher(tls: TlsOptions | undefined, proxy: ProxyOptions | undefined, env = process.env): boolean {
  return Boolean(
    tls?.ca || tls?.cert || tls?.key || tls?.skipVerify ||
    proxy?.url || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy,
  );
}

/** True when `host` matches a NO_PROXY list (`*`, exact names, `.suffix` or `suffix` domains, optional ports). */
export function bypassesProxy(hostname: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [name, entryPort] = entry.split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}
