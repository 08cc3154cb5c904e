// An HTTP error status as the typed errors of errors.ts: a redirect reported, never followed, the
// 403 that Airflow 2 answers for a wrong password told from a missing permission, the server's own words.
import {
  AirflowError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RedirectError,
  ServerError,
  UnauthenticatedError,
  ValidationError,
} from './errors';
import { notAirflowError, type ErrorContext } from './httpErrors';
import { clientCertificateError, proxyRefusedError } from './networkErrors';

/**
 * Airflow 2 answers 403, not 401, when basic auth fails (the request runs as an anonymous user
 * without permissions). A probe asks whether the credentials work at all, to tell the two apart.
 */
export interface ForbiddenProbe {
  path: string;
  credentialsWork(): Promise<boolean>;
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

/**
 * A 3xx is reported, never followed: following would send the credentials (a custom header, or
 * the user name and password of /auth/token on 307/308) to wherever the server points.
 */
function redirectError(ctx: ErrorContext, url: string, path: string, status: number, location: string): RedirectError {
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
