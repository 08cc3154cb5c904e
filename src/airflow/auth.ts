// Authentication for each profile kind: the headers a request carries, and renewing them once.
import { InvalidInputError, Redactor, UnauthenticatedError } from './errors';
import type { ApiVersion } from './model';
import { DEFAULT_TIMEOUT_MS } from './requestPolicy';
import { runTokenCommand } from './tokenCommand';

/**
 * How a profile authenticates. Secrets are passed in by the caller (from SecretStorage);
 * the client never reads them from disk.
 */
export type AuthConfig =
  | { kind: 'none' }
  /** Airflow 2.x basic auth backend. */
  | { kind: 'basic'; username: string; password: string }
  /** Airflow 3.x: user name and password exchanged for a JWT at `/auth/token`. */
  | { kind: 'jwt'; username: string; password: string }
  /** A static bearer token (Astronomer, Composer). */
  | { kind: 'bearer'; token: string }
  /** A command that prints a token (e.g. `gcloud auth print-access-token`); run without a shell. */
  | { kind: 'command'; command: string; args?: string[]; timeoutMs?: number }
  /** A custom header, like the Python client's `api_key` / `api_key_prefix`. */
  | { kind: 'header'; name: string; value: string; prefix?: string };

export type AuthKind = AuthConfig['kind'];

/** What a server of this API version uses out of the box: 2.x basic auth, 3.x user name and password for a JWT. */
export function defaultAuthKind(api: ApiVersion): AuthKind {
  return api === 'v1' ? 'basic' : 'jwt';
}

export interface Authenticator {
  /** Headers to send with an API request; may obtain a token first. */
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /**
   * After a 401 (or v2's 403 "Invalid JWT token") for a request sent with `sent` headers: forget the
   * cached token unless it was renewed since. True if a fresh one may help.
   */
  invalidate(sent?: Record<string, string>): boolean;
}

export interface AuthDeps {
  redactor: Redactor;
  /** POSTs credentials to `/auth/token` and returns the access token. */
  fetchJwt(username: string, password: string, signal?: AbortSignal): Promise<string>;
  /** Runs a program without a shell; returns stdout. Replaceable in tests. */
  runCommand?(command: string, args: string[], timeoutMs: number): Promise<string>;
}

/** An HTTP header name is an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

export function createAuthenticator(config: AuthConfig, deps: AuthDeps): Authenticator {
  const { redactor } = deps;
  switch (config.kind) {
    case 'none':
      return { headers: async () => ({}), invalidate: () => false };
    case 'basic': {
      redactor.add(config.password);
      const value = `Basic ${Buffer.from(`${config.username}:${config.password}`, 'utf8').toString('base64')}`;
      redactor.add(value.slice(6));
      return { headers: async () => ({ Authorization: value }), invalidate: () => false };
    }
    case 'bearer':
      redactor.add(config.token);
      return { headers: async () => ({ Authorization: `Bearer ${config.token}` }), invalidate: () => false };
    case 'header': {
      if (!isHeaderName(config.name)) throw new InvalidInputError(`"${config.name}" is not a valid HTTP header name.`);
      redactor.add(config.value);
      const value = config.prefix ? `${config.prefix} ${config.value}` : config.value;
      return { headers: async () => ({ [config.name]: value }), invalidate: () => false };
    }
    case 'jwt': {
      redactor.add(config.password);
      return cachedToken(redactor, (signal) => deps.fetchJwt(config.username, config.password, signal));
    }
    case 'command': {
      const run = deps.runCommand ?? runTokenCommand;
      const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      return cachedToken(redactor, () =>
        run(config.command, config.args ?? [], timeout).then((out) => {
          const token = out.trim();
          if (!token) throw new UnauthenticatedError(`The token command "${config.command}" printed nothing.`);
          return token;
        }),
      );
    }
  }
}

/** Obtains a token once, shares it between concurrent requests, and renews it once however many of them are refused. */
function cachedToken(redactor: Redactor, obtain: (signal?: AbortSignal) => Promise<string>): Authenticator {
  let pending: Promise<string> | undefined;
  /** The token `pending` resolved to: a 401 for any other token is about one already replaced. */
  let current: string | undefined;
  return {
    async headers(signal) {
      if (!pending) {
        current = undefined;
        const p: Promise<string> = obtain(signal).then(
          (token) => {
            redactor.add(token);
            if (pending === p) current = token;
            return token;
          },
          (err: unknown) => {
            if (pending === p) pending = undefined;
            throw err;
          },
        );
        pending = p;
      }
      return { Authorization: `Bearer ${await pending}` };
    },
    invalidate(sent) {
      // Requests sent with one token are refused together; only the first refusal renews it.
      const renewedSince =
        pending !== undefined && sent?.Authorization !== undefined && sent.Authorization !== `Bearer ${current}`;
      if (!renewedSince) {
        pending = undefined;
        current = undefined;
      }
      return true;
    },
  };
}
