// Checks of a connection URL before it is saved or logged, and the warning for secrets over plain HTTP. No `vscode` import.
import { parseBaseUrl, type AuthKind } from '../airflow';

/**
 * Why `url` cannot be a profile's URL, or undefined when it can. A query string or fragment is
 * refused (not stripped): `?token=…` would be a secret in settings and logs, and silently
 * dropping it would leave the user wondering why auth fails. The message never repeats the URL.
 */
export function profileUrlProblem(url: string): string | undefined {
  try {
    parseBaseUrl(url);
  } catch (err) {
    return (err as Error).message;
  }
  const u = new URL(url.trim());
  if (u.search || u.hash || url.includes('?') || url.includes('#')) {
    return 'Remove the query string or fragment (the part from "?" or "#"): a URL is kept in settings and logs, so it must hold no token. Enter credentials as the connection\'s secret.';
  }
  return undefined;
}

/** True for localhost, 127.0.0.0/8 and ::1: plain HTTP to them does not leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A warning (not a refusal) when a profile would send a password or token unencrypted to another machine. */
export function plainHttpWarning(url: string, auth: AuthKind): string | undefined {
  if (auth === 'none') return undefined;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' || isLoopbackHost(u.hostname)) return undefined;
  return `This URL uses http:// to ${u.hostname}: the ${auth === 'basic' || auth === 'jwt' ? 'password' : 'token'} travels unencrypted. Use https:// if the server offers it.`;
}
