// Turns what people paste as an Airflow URL into the deployment root (and the API version it names).
import { InvalidInputError } from './errors';
import type { ApiVersion } from './model';

export interface ParsedBaseUrl {
  /** The deployment's root, no trailing slash, sub-path kept (e.g. https://org.astronomer.run/abc123). */
  root: string;
  /** The API version when the user pasted a URL ending in /api/v1 or /api/v2. */
  apiFromPath?: ApiVersion;
}

/**
 * Accepts what people paste: with or without a trailing slash, with an `/api/v1` or
 * `/api/v2` suffix, with a sub-path. Throws InvalidInputError with what to fix.
 */
export function parseBaseUrl(input: string): ParsedBaseUrl {
  const text = input.trim();
  if (!text)
    throw new InvalidInputError(
      'The Airflow URL is empty. Enter the address of the Airflow web server, e.g. http://localhost:8080',
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Repeated without its user info and query string: either may hold a secret.
    const shown = urlForMessage(text);
    const hint = /^[\w.-]+(:\d+)?(\/|$)/.test(text) ? ` Did you mean http://${shown} ?` : '';
    throw new InvalidInputError(`"${shown}" is not a valid URL.${hint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(`Unsupported URL scheme "${url.protocol.replace(':', '')}": use http or https.`);
  }
  if (url.username || url.password) {
    // Credentials in a URL end up in logs and settings; they belong in the profile's secret.
    throw new InvalidInputError(
      "Remove the user name and password from the URL; enter them as the profile's credentials instead.",
    );
  }
  let path = url.pathname.replace(/\/+$/, '');
  let apiFromPath: ApiVersion | undefined;
  const m = /\/api\/(v1|v2)$/.exec(path);
  if (m) {
    apiFromPath = m[1] as ApiVersion;
    path = path.slice(0, -m[0].length);
  }
  return { root: `${url.protocol}//${url.host}${path}`, apiFromPath };
}

/**
 * A URL (or what was meant as one) as a message may repeat it: no user info, even one holding `/`,
 * `?`, `#` or `@` (everything up to the last `@` goes), and no query string or fragment (`…`).
 */
export function urlForMessage(raw: string): string {
  const text = raw.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
  let rest = text.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at >= 0) rest = rest.slice(at + 1);
  const cut = rest.search(/[?#]/);
  return `${scheme}${cut >= 0 ? `${rest.slice(0, cut)}…` : rest}`;
}

/** Encodes one path segment (DAG ids may hold `/`, spaces, `%`; run ids hold `+` and `:`). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}
