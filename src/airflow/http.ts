import type { KyInstance, Options as KyOptions, RetryOptions } from 'ky';
import type { Authenticator } from './auth';
import {
  AirflowError, CancelledError, ConflictError, ForbiddenError, NotAirflowError, NotFoundError, Redactor,
  ServerError, TimeoutError, TlsError, UnauthenticatedError, UnreachableError, ValidationError,
} from './errors';
import { needsDispatcher, type ProxyOptions, type TlsOptions } from './tls';

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

export interface TransportOptions {
  /** Deployment root, no trailing slash. */
  root: string;
  timeoutMs?: number;
  /** Retries for idempotent requests (default 2). */
  retries?: number;
  tls?: TlsOptions;
  proxy?: ProxyOptions;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A POST/PATCH that the client knows is safe to repeat (a dry run, a batch read). */
  idempotent?: boolean;
  /** Skip authentication (version, health and token endpoints). */
  anonymous?: boolean;
  /** Names the thing requested, for "not found" messages, e.g. `DAG "etl"`. */
  what?: string;
}

const RETRY_STATUS = [429, 500, 502, 503, 504];
type HttpMethod = 'get' | 'head' | 'options' | 'put' | 'delete' | 'post' | 'patch';
/** Methods retried without being told they are safe; a POST or PATCH only when the caller says so. */
const IDEMPOTENT_METHODS: HttpMethod[] = ['get', 'head', 'options', 'put', 'delete'];

/** The one retry policy: exponential backoff with jitter, honouring Retry-After, never on TLS or DNS errors. */
function retryPolicy(limit: number, methods: HttpMethod[]): RetryOptions {
  return {
    limit,
    methods,
    statusCodes: RETRY_STATUS,
    afterStatusCodes: [413, 429, 503],
    maxRetryAfter: 60_000,
    backoffLimit: 10_000,
    jitter: (delay) => delay * (0.5 + Math.random() * 0.5),
    // A bad certificate or an unknown host will not fix itself in a second: fail at once.
    shouldRetry: ({ error }) => (isPermanentNetworkError(error) ? false : undefined),
  };
}
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

/** HTTP with ky: timeouts, retries for idempotent requests, auth renewal once, typed errors. */
export class Http {
  private ky: Promise<KyInstance> | undefined;
  private dispatcher: Promise<unknown> | undefined;
  /**
   * Airflow 2 answers 403, not 401, when basic auth fails (the request runs as an anonymous
   * user without permissions). The v1 adapter sets this probe to tell the two apart.
   */
  forbiddenProbe: { path: string; credentialsWork: () => Promise<boolean> } | undefined;

  constructor(
    private readonly options: TransportOptions,
    private readonly auth: Authenticator,
    readonly redactor: Redactor,
  ) {}

  /** ky is loaded on the first request, not at activation: loading it costs tens of milliseconds. */
  private instance(): Promise<KyInstance> {
    this.ky ??= loadKy().then(({ default: ky }) => {
      const { options } = this;
      const timeout = options.timeoutMs ?? 30_000;
      return ky.create({
        timeout,
        throwHttpErrors: true,
        fetch: options.fetch,
        retry: retryPolicy(options.retries ?? 2, IDEMPOTENT_METHODS),
      });
    });
    return this.ky;
  }

  get root(): string {
    return this.options.root;
  }

  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, { ...opts, headers: { Accept: 'application/json', ...opts.headers } });
    return (await this.readJson(res, path, opts)) as T;
  }

  async text(method: string, path: string, opts: RequestOptions = {}): Promise<string> {
    const res = await this.send(method, path, { ...opts, headers: { Accept: 'text/plain', ...opts.headers } });
    const type = res.headers.get('content-type') ?? '';
    const body = await this.readBody(res, opts);
    if (type.includes('text/html')) throw this.notAirflow(res, body, path);
    return body;
  }

  /** Sends a request; on 401 (or v2's 403 "Invalid JWT token") renews credentials once and repeats. */
  async send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    // Failing to obtain credentials (e.g. /auth/token rejecting the password) surfaces at once:
    // only the server rejecting credentials it was sent may mean that they expired.
    const authHeaders = await this.authHeaders(opts);
    try {
      return await this.attempt(method, path, opts, authHeaders);
    } catch (err) {
      if (!opts.anonymous && err instanceof UnauthenticatedError && this.auth.invalidate()) {
        return await this.attempt(method, path, opts, await this.authHeaders(opts));
      }
      throw err;
    }
  }

  private async authHeaders(opts: RequestOptions): Promise<Record<string, string>> {
    if (opts.anonymous) return {};
    try {
      return await this.auth.headers(opts.signal);
    } catch (err) {
      throw await this.toAirflowError(err, this.options.root, opts);
    }
  }

  private async attempt(method: string, path: string, opts: RequestOptions, authHeaders: Record<string, string>): Promise<Response> {
    const url = `${this.options.root}/${path.replace(/^\//, '')}`;
    try {
      const headers = { ...authHeaders, ...opts.headers };
      const kyOpts: KyOptions & { dispatcher?: unknown } = {
        method,
        headers,
        json: opts.json,
        searchParams: opts.query ? toSearchParams(opts.query) : undefined,
        signal: opts.signal,
      };
      const lower = method.toLowerCase() as HttpMethod;
      if (opts.idempotent) kyOpts.retry = retryPolicy(this.options.retries ?? 2, [lower]);
      else if (!IDEMPOTENT_METHODS.includes(lower)) kyOpts.retry = 0;
      const dispatcher = await this.getDispatcher();
      if (dispatcher) kyOpts.dispatcher = dispatcher;
      return await (await this.instance())(url, kyOpts);
    } catch (err) {
      throw await this.toAirflowError(err, url, opts);
    }
  }

  private getDispatcher(): Promise<unknown> | undefined {
    const { tls, proxy } = this.options;
    if (!needsDispatcher(tls, proxy)) return undefined;
    this.dispatcher ??= Promise.resolve().then(() => {
      const { createDispatcher } = loadAgentFactory();
      return createDispatcher(new URL(this.options.root), tls, proxy);
    });
    return this.dispatcher;
  }

  private async readJson(res: Response, path: string, opts: RequestOptions): Promise<unknown> {
    if (res.status === 204) return undefined;
    const type = res.headers.get('content-type') ?? '';
    const body = await this.readBody(res, opts);
    if (!type.includes('json')) throw this.notAirflow(res, body, path);
    try {
      return body ? JSON.parse(body) : undefined;
    } catch {
      throw this.notAirflow(res, body, path);
    }
  }

  /**
   * Reads a body within the timeout: ky's timeout ends when the headers arrive, and a server or
   * proxy that stalls mid-body would otherwise hang the call (until undici's 300 s body timeout).
   */
  private async readBody(res: Response, opts: RequestOptions): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reading = res.text();
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timeoutError()), this.options.timeoutMs ?? 30_000);
    });
    try {
      return await Promise.race([reading, stalled]);
    } catch (err) {
      reading.catch(() => undefined);
      throw await this.toAirflowError(err, res.url || this.options.root, opts);
    } finally {
      clearTimeout(timer);
    }
  }

  private timeoutError(): TimeoutError {
    return new TimeoutError(this.redactor.redact(`No answer from ${this.options.root} within ${seconds(this.options.timeoutMs ?? 30_000)}. The server may be overloaded or unreachable; try again, or raise the request timeout.`));
  }

  private notAirflow(res: Response, body: string, path: string): NotAirflowError {
    const type = res.headers.get('content-type') || 'no content type';
    const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
    const what = title ? `an HTML page titled "${title}"` : type.includes('html') ? 'an HTML page' : `${type} content`;
    return new NotAirflowError(
      this.redactor.redact(
        `${this.options.root} answered /${path.replace(/^\//, '')} with ${what} (HTTP ${res.status}) instead of Airflow's REST API. ` +
        'Check that the URL is the Airflow web server itself, not a login page, a proxy or another service.',
      ),
      res.status,
    );
  }

  async toAirflowError(err: unknown, url: string, opts: RequestOptions): Promise<AirflowError> {
    const r = (s: string) => this.redactor.redact(s);
    if (err instanceof AirflowError) {
      err.message = r(err.message);
      if (err.stack) err.stack = r(err.stack);
      return err;
    }
    const { HTTPError, TimeoutError: KyTimeoutError } = await loadKy();
    if (err instanceof HTTPError) return this.fromResponse(err.response, url, opts);
    if (err instanceof KyTimeoutError) {
      return this.timeoutError();
    }
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (e?.name === 'AbortError' || opts.signal?.aborted) return new CancelledError('The request was cancelled.');
    const code = e?.cause?.code ?? (e as { code?: string }).code ?? '';
    const host = safeHost(this.options.root);
    if (TLS_CODES[code]) {
      return new TlsError(r(`TLS check failed: ${host} ${TLS_CODES[code]} (${code}). Add its CA certificate to the profile's "CA file", or, only if you trust this network, turn on the profile's "skip TLS verification".`), code);
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new UnreachableError(r(`Cannot reach ${this.options.root}: the host name "${host}" could not be resolved (DNS). Check the URL.`), 'dns');
    }
    if (code === 'ECONNREFUSED') {
      return new UnreachableError(r(`Cannot reach ${this.options.root}: connection refused. Is Airflow running and listening on that port?`), 'refused');
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
      return new TimeoutError(r(`Cannot reach ${this.options.root}: connecting timed out. Check the URL, VPN and firewall.`));
    }
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
      return new UnreachableError(r(`Cannot reach ${this.options.root}: the connection was closed (${code}).`), 'reset');
    }
    const why = e?.cause?.message ?? e?.message ?? String(err);
    return new UnreachableError(r(`Cannot reach ${this.options.root}: ${why}${code ? ` (${code})` : ''}.`), 'network');
  }

  private async fromResponse(res: Response, url: string, opts: RequestOptions): Promise<AirflowError> {
    const r = (s: string) => this.redactor.redact(s);
    const status = res.status;
    const body = await this.readBody(res, opts).catch(() => '');
    const type = res.headers.get('content-type') ?? '';
    const path = url.slice(this.options.root.length + 1).split('?')[0];
    if (type.includes('text/html') && status !== 404) return this.notAirflow(res, body, path);
    const detail = r(describeProblem(body));
    switch (status) {
      case 401:
        return new UnauthenticatedError(r(`Airflow rejected the credentials (401${detail ? `: ${detail}` : ''}). Check the profile's user name and password or token.`), status);
      case 403:
        if (/invalid jwt token/i.test(detail)) return new UnauthenticatedError(r(`Airflow rejected the token (403: ${detail}). Sign in again.`), status);
        if (this.forbiddenProbe && !opts.anonymous) {
          const probe = this.forbiddenProbe;
          const works = path === probe.path ? false : await probe.credentialsWork().catch(() => true);
          if (!works) {
            return new UnauthenticatedError(r('Airflow refused the credentials (403: even listing DAGs is forbidden). Check the profile\'s user name and password; Airflow 2 answers 403 instead of 401 when they are wrong.'), status);
          }
        }
        return new ForbiddenError(r(`Forbidden (403): the user may not do this${detail ? ` (${detail})` : ''}. Ask an Airflow admin for the permission.`), status);
      case 404:
        return new NotFoundError(r(`Not found: ${opts.what ?? `/${path}`}${detail && !/^not found$/i.test(detail) ? ` (${detail})` : ''}.`), status);
      case 409:
        return new ConflictError(r(`Conflict (409): ${detail || 'the resource already exists'}.`), status);
      case 400:
      case 422:
        return new ValidationError(r(`Airflow refused the request (${status}): ${detail || 'invalid input'}.`), status);
      default:
        if (status >= 500) return new ServerError(r(`Airflow server error (${status})${detail ? `: ${detail}` : ''}. See the Airflow server's logs.`), status);
        return new ServerError(r(`Unexpected HTTP ${status} from ${this.options.root}${detail ? `: ${detail}` : ''}.`), status);
    }
  }
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

let kyModule: Promise<typeof import('ky')> | undefined;
function loadKy(): Promise<typeof import('ky')> {
  kyModule ??= import('ky');
  return kyModule;
}

function isPermanentNetworkError(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code ?? '';
  return code in TLS_CODES || code === 'ENOTFOUND';
}

function toSearchParams(query: Query): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) p.append(k, String(item));
    else p.append(k, String(v));
  }
  return p;
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

type AgentFactory = typeof import('./agentFactory');
function loadAgentFactory(): AgentFactory {
  // In the bundle this resolves to dist/agent.js (built separately); in tests to the compiled module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./agentFactory') as AgentFactory;
}
