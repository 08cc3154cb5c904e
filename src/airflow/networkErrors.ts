// Failures below HTTP (DNS, refused, reset, TLS, client certificates, a proxy that refused) as the
// typed errors of errors.ts, every message redacted and saying what to check.
import { AirflowError, CancelledError, TimeoutError, TlsError, UnauthenticatedError, UnreachableError } from './errors';
import type { ErrorContext } from './httpErrors';

const TLS_CODES: Record<string, string> = {
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

function safeHost(root: string): string {
  try {
    return new URL(root).host;
  } catch {
    return root;
  }
}
