// Connecting a client: its transport and authentication, and the API generation its server speaks
// (asked of the server unless the profile pins it), loaded from the api chunk on first use.
import { createAuthenticator, type AuthConfig, type AuthDeps } from './auth';
import { parseBaseUrl } from './baseUrl';
import { NotFoundError, Redactor, UnauthenticatedError } from './errors';
import { Http } from './http';
import type { ApiVersion, ServerVersion } from './model';
import type { ApiOperations } from './operations';
import type { ProxyOptions } from './proxy';
import type { TlsOptions } from './tls';
import type { TraceSink } from './trace';
import { shapeChecked } from './answerShape';

export interface ClientOptions {
  /** What the user typed: trailing slash, `/api/v1|v2` suffix and sub-paths are fine. */
  baseUrl: string;
  auth: AuthConfig;
  /** Pin the API version instead of asking the server. */
  apiVersion?: ApiVersion;
  timeoutMs?: number;
  retries?: number;
  tls?: TlsOptions;
  proxy?: ProxyOptions;
  /** Page size for "all pages" walks; the server caps it (100 by default). */
  pageSize?: number;
  /** Most items an "all pages" walk collects before it fails (default 50,000). */
  maxListItems?: number;
  fetch?: typeof fetch;
  /** Told about every HTTP attempt: method, path, status, duration (see trace.ts). */
  trace?: TraceSink;
  runCommand?: AuthDeps['runCommand'];
  signal?: AbortSignal;
}

/** A server reached: its transport, the operations of its API, and its version when it was asked. */
export interface Connection {
  http: Http;
  api: ApiOperations;
  serverVersion: ServerVersion | undefined;
  apiVersion: ApiVersion;
}

export async function connect(options: ClientOptions): Promise<Connection> {
  const { root, apiFromPath } = parseBaseUrl(options.baseUrl);
  const redactor = new Redactor();
  redactor.add(options.tls?.passphrase);
  const late: { http?: Http } = {};
  const auth = createAuthenticator(options.auth, {
    redactor,
    runCommand: options.runCommand,
    fetchJwt: async (username, password, signal) => {
      const r = await late.http!.json<{ access_token?: string }>('POST', 'auth/token', {
        anonymous: true,
        json: { username, password },
        signal,
        what: 'the token endpoint /auth/token (is this Airflow 3.x?)',
      });
      if (!r?.access_token) throw new UnauthenticatedError("Airflow's /auth/token answered without an access token.");
      return r.access_token;
    },
  });
  const http = new Http(
    {
      root,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      tls: options.tls,
      proxy: options.proxy,
      fetch: options.fetch,
      trace: options.trace,
    },
    auth,
    redactor,
  );
  late.http = http;
  const pinned = options.apiVersion ?? undefined;
  if (pinned) return { http, api: apiFor(pinned, http), serverVersion: undefined, apiVersion: pinned };
  const detected = await detectVersion(http, options.signal, apiFromPath);
  return { http, api: apiFor(detected.api, http), serverVersion: detected, apiVersion: detected.api };
}

// Loaded by the first client that talks to a server, not at activation (dist/api.js, see esbuild.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apis = () => require('./apis') as typeof import('./apis');

function apiFor(api: ApiVersion, http: Http): ApiOperations {
  const { V1Api, V1_FORBIDDEN_PROBE, V2Api } = apis();
  const ops = api === 'v1' ? new V1Api(http.withForbiddenProbe(V1_FORBIDDEN_PROBE)) : new V2Api(http);
  return shapeChecked<ApiOperations>(ops, http.root);
}

async function detectVersion(
  http: Http,
  signal: AbortSignal | undefined,
  hint: ApiVersion | undefined,
): Promise<ServerVersion> {
  const order: ApiVersion[] = hint === 'v1' ? ['v1', 'v2'] : ['v2', 'v1'];
  for (const api of order) {
    try {
      const { V1Api, V2Api } = apis();
      return await shapeChecked<ApiOperations>(api === 'v1' ? new V1Api(http) : new V2Api(http), http.root).version({
        signal,
      });
    } catch (err) {
      if (err instanceof NotFoundError) continue;
      throw err;
    }
  }
  throw new NotFoundError(
    `${http.root} has neither /api/v2/version nor /api/v1/version. Is this the Airflow web server's URL (including any sub-path)?`,
    404,
  );
}
