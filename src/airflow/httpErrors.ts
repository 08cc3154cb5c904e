// Turns what ky, undici and the server throw into the typed errors of errors.ts, every message redacted.
import {
  AirflowError,
  CancelledError,
  ConflictError,
  ForbiddenError,
  NotAirflowError,
  NotFoundError,
  RedirectError,
  Redactor,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  TlsError,
  UnauthenticatedError,
  UnreachableError,
  ValidationError,
} from './errors';

/** What a message needs to know about the transport. */
export interface ErrorContext {
  root: string;
  timeoutMs: number;
  redactor: Redactor;
  /** The proxy requests go through (no credentials in it), when one applies. */
  proxy?: string;
  /** Whether the profile sends a client certificate. */
  clientCertificate?: boolean;
}

/**
 * Airflow 2 answers 403, not 401, when basic auth fails (the request runs as an anonymous user
 * without permissions). A probe asks whether the credentials work at all, to tell the two apart.
 */
export interface ForbiddenProbe {
  path: string;
  credentialsWork(): Promise<boolean>;
}

export const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'uses a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'has a self-signed certificate in its chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'has a certificate from an authority that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'has a certificate from an authority that is not trusted',
  CERT_HAS_EXPIRED: 'has an expired certificate',
  CERT_NOT_YET_VALID: 'has a certificate that is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'has a certificate for another host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'does not speak TLS on this port (try http://)',
};

/** Alerts a server sends when it wants a client certificate it did not get, or does not accept the one it got. */
const CLIENT_CERT_CODES: Record<string, 'required' | 'rejected'> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'required',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'required',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'rejected',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'rejected',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'rejected',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED: 'rejected',
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 'rejected',
};

/** A bad certificate, an unknown host or a proxy that refused will not fix itself in a second: not worth a retry. */
export function isPermanentNetworkError(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } })?.cause;
  const code = cause?.code ?? '';
  return code in TLS_CODES || code in CLIENT_CERT_CODES || code === 'ENOTFOUND' || proxyStatusOf(error) !== undefined;
}

/**
 * The status a proxy refused with, from undici's errors anywhere in the cause chain: "Proxy
 * response (407) !== 200 when HTTP Tunneling" (CONNECT, wrapped once more by fetch) or "Proxy
 * Authentication Required (407)" (a forwarded plain-HTTP request).
 */
function proxyStatusOf(error: unknown): number | undefined {
  let e = error as { message?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    const m = /^Proxy response \((\d{3})\)|^Proxy Authentication Required \((407)\)/.exec(e.message ?? '');
    if (m) return Number(m[1] ?? m[2]);
  }
  return undefined;
}

/**
 * The proxy answered `status` instead of passing the request on. 407: it wants (other)
 * credentials; the message says where they go, never what they were.
 */
export function proxyRefusedError(ctx: ErrorContext, status: number): AirflowError {
  const proxy = ctx.proxy ?? 'the proxy';
  const reason = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  if (status === 407) {
    return new UnauthenticatedError(
      ctx.redactor.redact(
        `The proxy at ${proxy} refused: ${reason}. Set the proxy's user and password in VS Code's "http.proxy" (http://user:password@host:port) or its "http.proxyAuthorization".`,
      ),
      status,
    );
  }
  return new UnreachableError(
    ctx.redactor.redact(
      `The proxy at ${proxy} refused to connect to ${ctx.root}: ${reason}. Check that the proxy may reach that server, or add the host to "http.noProxy" (or NO_PROXY).`,
    ),
    'proxy',
  );
}

/** The server wants a client certificate it did not get, or refused the one it got. */
export function clientCertificateError(ctx: ErrorContext, problem: 'required' | 'rejected', code: string): TlsError {
  const host = safeHost(ctx.root);
  const message =
    problem === 'required' && !ctx.clientCertificate
      ? `${host} requires a client certificate, and this connection has none. Add one: "Airflow: Edit Connection" → "Client certificate…" (certificate file, key file and its passphrase, if any).`
      : `${host} did not accept the connection's client certificate (it was not issued by an authority the server trusts, or it expired or was revoked). Choose the certificate the server's administrators issued for you: "Airflow: Edit Connection" → "Client certificate…".`;
  return new TlsError(ctx.redactor.redact(`${message} (${code})`), code);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Redacts an error that is already typed (a message may quote a URL with credentials). */
export function redacted(err: AirflowError, redactor: Redactor): AirflowError {
  err.message = redactor.redact(err.message);
  if (err.stack) err.stack = redactor.redact(err.stack);
  return err;
}

export function timeoutError(ctx: ErrorContext): TimeoutError {
  return new TimeoutError(
    ctx.redactor.redact(
      `No answer from ${ctx.root} within ${seconds(ctx.timeoutMs)}. The server may be overloaded or unreachable; try again, or raise the request timeout.`,
    ),
  );
}

export function notAirflowError(ctx: ErrorContext, res: Response, body: string, path: string): NotAirflowError {
  const type = res.headers.get('content-type') || 'no content type';
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
  const what = title ? `an HTML page titled "${title}"` : type.includes('html') ? 'an HTML page' : `${type} content`;
  return new NotAirflowError(
    ctx.redactor.redact(
      `${ctx.root} answered /${path.replace(/^\//, '')} with ${what} (HTTP ${res.status}) instead of Airflow's REST API. ` +
        'Check that the URL is the Airflow web server itself, not a login page, a proxy or another service.',
    ),
    res.status,
  );
}

export function tooLargeError(
  ctx: ErrorContext,
  path: string,
  limitBytes: number,
  advice: string,
): ResponseTooLargeError {
  const where = /^https?:/.test(path) ? path : `${ctx.root}/${path.replace(/^\//, '')}`;
  return new ResponseTooLargeError(
    ctx.redactor.redact(
      `The answer to ${where.split('?')[0]} is larger than ${Math.round(limitBytes / (1024 * 1024))} MB; reading stopped there. ${advice}`,
    ),
    limitBytes,
  );
}

/**
 * A 3xx is reported, never followed: following would send the credentials (a custom header, or
 * the user name and password of /auth/token on 307/308) to wherever the server points.
 */
export function redirectError(
  ctx: ErrorContext,
  url: string,
  path: string,
  status: number,
  location: string,
): RedirectError {
  let target = location;
  try {
    target = new URL(location, url).href;
  } catch {
    // Keep the header as sent: the message still names it.
  }
  // "http://x/api/v2/dags" -> "https://x/api/v2/dags" means the deployment moved: suggest its new root, not the API path.
  const tail = `/${path}`;
  const bare = target.split(/[?#]/)[0];
  const root = path && bare.endsWith(tail) && bare.length > tail.length ? bare.slice(0, -tail.length) : undefined;
  const advice = root
    ? `use ${root} as the connection's URL`
    : "use that URL in the connection; if it is a sign-in page, the URL is behind a login the REST API cannot pass (use the Airflow web server's own address)";
  return new RedirectError(
    ctx.redactor.redact(
      `${url} redirects to ${target} (HTTP ${status}); ${advice}. Redirects are not followed, so credentials stay with this server.`,
    ),
    status,
    ctx.redactor.redact(target),
  );
}

/** A failure below HTTP: DNS, refused, reset, TLS, cancelled. */
export function networkError(ctx: ErrorContext, err: unknown, signal: AbortSignal | undefined): AirflowError {
  const r = (s: string) => ctx.redactor.redact(s);
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'AbortError' || signal?.aborted) return new CancelledError('The request was cancelled.');
  const code = e?.cause?.code ?? (e as { code?: string }).code ?? '';
  const host = safeHost(ctx.root);
  const proxyStatus = ctx.proxy ? proxyStatusOf(err) : undefined;
  if (proxyStatus !== undefined) return proxyRefusedError(ctx, proxyStatus);
  if (CLIENT_CERT_CODES[code]) return clientCertificateError(ctx, CLIENT_CERT_CODES[code], code);
  if (ctx.proxy && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'].includes(code)) {
    // With a proxy, the only connection this side opens is to the proxy.
    const why =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'its host name could not be resolved'
          : 'connecting timed out';
    return new UnreachableError(
      r(
        `Cannot reach the proxy at ${ctx.proxy}: ${why}. Check VS Code's "http.proxy" (or HTTPS_PROXY/HTTP_PROXY), or add ${host} to "http.noProxy" if it should be reached directly.`,
      ),
      'proxy',
    );
  }
  if (TLS_CODES[code]) {
    return new TlsError(
      r(
        `TLS check failed: ${host} ${TLS_CODES[code]} (${code}). Add its CA certificate to the profile's "CA file", or, only if you trust this network, turn on the profile's "skip TLS verification".`,
      ),
      code,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new UnreachableError(
      r(`Cannot reach ${ctx.root}: the host name "${host}" could not be resolved (DNS). Check the URL.`),
      'dns',
    );
  }
  if (code === 'ECONNREFUSED') {
    return new UnreachableError(
      r(`Cannot reach ${ctx.root}: connection refused. Is Airflow running and listening on that port?`),
      'refused',
    );
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new TimeoutError(r(`Cannot reach ${ctx.root}: connecting timed out. Check the URL, VPN and firewall.`));
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new UnreachableError(r(`Cannot reach ${ctx.root}: the connection was closed (${code}).`), 'reset');
  }
  const why = e?.cause?.message ?? e?.message ?? String(err);
  return new UnreachableError(r(`Cannot reach ${ctx.root}: ${why}${code ? ` (${code})` : ''}.`), 'network');
}

/** An HTTP error status, with the body already read. */
export async function statusError(
  ctx: ErrorContext,
  res: Response,
  body: string,
  url: string,
  opts: { anonymous?: boolean; what?: string },
  probe: ForbiddenProbe | undefined,
): Promise<AirflowError> {
  const r = (s: string) => ctx.redactor.redact(s);
  const status = res.status;
  const type = res.headers.get('content-type') ?? '';
  const path = url.slice(ctx.root.length + 1).split('?')[0];
  const location = status >= 300 && status < 400 ? res.headers.get('location') : null;
  if (location) return redirectError(ctx, url, path, status, location);
  if (status === 407 && ctx.proxy) return proxyRefusedError(ctx, status);
  // nginx answers a missing or untrusted client certificate with a 400 page after the handshake.
  const nginxCert = status === 400 && type.includes('text/html') ? clientCertPage(body) : undefined;
  if (nginxCert)
    return clientCertificateError(
      ctx,
      nginxCert,
      nginxCert === 'required' ? 'CLIENT_CERT_REQUIRED' : 'CLIENT_CERT_REJECTED',
    );
  if (type.includes('text/html') && status !== 404) return notAirflowError(ctx, res, body, path);
  const detail = r(describeProblem(body));
  switch (status) {
    case 401:
      return new UnauthenticatedError(
        r(
          `Airflow rejected the credentials (401${detail ? `: ${detail}` : ''}). Check the profile's user name and password or token.`,
        ),
        status,
      );
    case 403:
      if (/invalid jwt token/i.test(detail))
        return new UnauthenticatedError(r(`Airflow rejected the token (403: ${detail}). Sign in again.`), status);
      if (probe && !opts.anonymous) {
        const works = path === probe.path ? false : await probe.credentialsWork().catch(() => true);
        if (!works) {
          return new UnauthenticatedError(
            r(
              "Airflow refused the credentials (403: even listing DAGs is forbidden). Check the profile's user name and password; Airflow 2 answers 403 instead of 401 when they are wrong.",
            ),
            status,
          );
        }
      }
      return new ForbiddenError(
        r(
          `Forbidden (403): the user may not do this${detail ? ` (${detail})` : ''}. Ask an Airflow admin for the permission.`,
        ),
        status,
      );
    case 404:
      return new NotFoundError(
        r(`Not found: ${opts.what ?? `/${path}`}${detail && !/^not found$/i.test(detail) ? ` (${detail})` : ''}.`),
        status,
      );
    case 409:
      return new ConflictError(r(`Conflict (409): ${detail || 'the resource already exists'}.`), status);
    case 400:
    case 422:
      return new ValidationError(r(`Airflow refused the request (${status}): ${detail || 'invalid input'}.`), status);
    default:
      if (status >= 500)
        return new ServerError(
          r(`Airflow server error (${status})${detail ? `: ${detail}` : ''}. See the Airflow server's logs.`),
          status,
        );
      return new ServerError(r(`Unexpected HTTP ${status} from ${ctx.root}${detail ? `: ${detail}` : ''}.`), status);
  }
}

/** nginx's own pages for "ssl_verify_client on": no certificate sent, or one it does not accept. */
function clientCertPage(body: string): 'required' | 'rejected' | undefined {
  if (/No required SSL certificate was sent/i.test(body)) return 'required';
  if (/The SSL certificate error/i.test(body)) return 'rejected';
  return undefined;
}

/** Turns v1 problem details and v2 `detail` (string, object or 422 list) into one readable sentence. */
export function describeProblem(body: string): string {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return body.trim().replace(/\s+/g, ' ').slice(0, 300);
  }
  if (!data || typeof data !== 'object') return String(data ?? '');
  const d = data as { detail?: unknown; title?: string; message?: string };
  const detail = d.detail;
  if (Array.isArray(detail)) {
    return detail
      .map((item: { loc?: unknown[]; msg?: string }) => {
        const loc = (item.loc ?? []).filter((p) => p !== 'body' && p !== 'query' && p !== 'path').join('.');
        return loc ? `${loc}: ${item.msg ?? 'invalid'}` : (item.msg ?? 'invalid');
      })
      .join('; ');
  }
  if (detail && typeof detail === 'object') {
    const o = detail as { message?: string; reason?: string };
    return o.message ?? o.reason ?? JSON.stringify(detail);
  }
  if (typeof detail === 'string' && detail) return detail;
  return d.title ?? d.message ?? '';
}

/** 300 -> "0.3 s", 30000 -> "30 s". */
function seconds(ms: number): string {
  return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`;
}

function safeHost(root: string): string {
  try {
    return new URL(root).host;
  } catch {
    return root;
  }
}
