// Which proxy, if any, a request to a target goes through: VS Code's `http.proxy` or the
// environment's HTTPS_PROXY/HTTP_PROXY, minus `http.noProxy` and NO_PROXY. Pure: no vscode, no I/O.
import { urlForMessage } from './baseUrl';

/** Proxy settings as the user gave them (VS Code's http.* settings); the environment is read by resolveProxy. */
export interface ProxyOptions {
  /** e.g. http://proxy:3128 or http://user:password@proxy:3128 (VS Code's `http.proxy`); when absent, HTTPS_PROXY / HTTP_PROXY apply. */
  url?: string;
  /** Hosts that bypass the proxy (`http.noProxy`), on top of NO_PROXY; a comma-separated string or a list. */
  noProxy?: string | readonly string[];
  /** A Proxy-Authorization header value (`http.proxyAuthorization`), e.g. "Basic dXNlcjpwYXNz". */
  authorization?: string;
  /** `http.proxyStrictSSL` (default true): false skips certificate checks on connections made through the proxy. */
  strictSSL?: boolean;
}

/** The proxy a request goes through, with the credentials apart from the address shown to people. */
export interface ResolvedProxy {
  /** The proxy's address without user info, for the dispatcher and for messages. */
  url: string;
  /** The Proxy-Authorization value: `authorization`, or Basic from the URL's user info. */
  authorization?: string;
  /** The parts of it to keep out of every message and log line (password, header value). */
  secrets: string[];
  strictSSL: boolean;
}

type Env = Record<string, string | undefined>;

/** Whether any proxy is configured at all (then a dispatcher is needed, even to bypass it). */
export function proxyConfigured(options: ProxyOptions | undefined, env: Env = process.env): boolean {
  return Boolean(options?.url || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/**
 * The proxy for `target`, or undefined when none applies (none set, or the host is in
 * `noProxy`/NO_PROXY). Throws a readable error for a proxy URL that does not parse.
 */
export function resolveProxy(
  target: URL,
  options: ProxyOptions = {},
  env: Env = process.env,
): ResolvedProxy | undefined {
  const fromEnv =
    target.protocol === 'https:'
      ? env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy
      : env.HTTP_PROXY || env.http_proxy;
  const raw = (options.url || fromEnv || '').trim();
  if (!raw) return undefined;
  const noProxy = [
    ...(typeof options.noProxy === 'string' ? [options.noProxy] : (options.noProxy ?? [])),
    env.NO_PROXY ?? env.no_proxy ?? '',
  ].join(',');
  if (bypassesProxy(target.hostname, target.port, noProxy)) return undefined;
  let url: URL;
  try {
    // "proxy:3128" is how many people write it; curl and VS Code read it as http://.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new Error(
      `The proxy "${urlForMessage(raw)}" is not a URL; set http.proxy (or HTTPS_PROXY) to e.g. http://proxy.example.com:3128.`,
    );
  }
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const secrets = [password, url.password, options.authorization ?? ''].filter(Boolean);
  let authorization = options.authorization?.trim() || undefined;
  if (!authorization && (user || password)) {
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    authorization = `Basic ${basic}`;
    secrets.push(basic);
  }
  if (authorization) secrets.push(authorization.replace(/^\S+\s+/, ''));
  url.username = '';
  url.password = '';
  return { url: url.origin, authorization, secrets, strictSSL: options.strictSSL !== false };
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
