// Transport: one ky instance per client, timeouts, retries, auth renewal; error translation lives in httpErrors.ts.
import type { KyInstance, Options as KyOptions } from 'ky';
import type { Authenticator } from './auth';
import { BODY_LIMITS, readLimited, streamLimited, type BodyKind } from './body';
import { AirflowError, InvalidInputError, Redactor, UnauthenticatedError } from './errors';
import {
  networkError,
  notAirflowError,
  redacted,
  statusError,
  timeoutError,
  tooLargeError,
  type ErrorContext,
  type ForbiddenProbe,
} from './httpErrors';
import type { TextReader } from './logStream';
import { resolveProxy, type ProxyOptions, type ResolvedProxy } from './proxy';
import { IDEMPOTENT_METHODS, retryPolicy, toSearchParams, type HttpMethod, type Query } from './requestPolicy';
import { needsDispatcher, type TlsOptions } from './tls';
import { tracedFetch, type TraceSink } from './trace';

export type { Query } from './requestPolicy';

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
  /** Told about every HTTP attempt (method, path, status, duration; never headers or bodies). */
  trace?: TraceSink;
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
  /** What the answer holds, for its size cap (default json). */
  bodyKind?: BodyKind;
}

export interface ProbeRequest {
  path: string;
  query?: Query;
}

/** HTTP with ky: timeouts, retries for idempotent requests, auth renewal once, typed errors. */
export class Http {
  constructor(
    private readonly options: TransportOptions,
    private readonly auth: Authenticator,
    readonly redactor: Redactor,
    /** A request any valid user may make (see ForbiddenProbe); undefined where 403 never means "bad login". */
    private readonly probeRequest?: ProbeRequest,
    /** ky and the TLS/proxy dispatcher, shared with the copies made by withForbiddenProbe(). */
    private readonly shared: {
      ky?: Promise<KyInstance>;
      /** The TLS/proxy dispatcher and the fetch that uses it (see agentFactory.dispatcherFetch). */
      dispatcher?: Promise<{ dispatcher: unknown; fetch: typeof fetch }>;
      proxy?: { value?: ResolvedProxy; error?: string };
    } = {},
  ) {}

  /**
   * The same transport (one connection pool, one ky) that tells a failed login from a missing
   * permission on 403 with `probe`. Version detection runs before the probe can be known.
   */
  withForbiddenProbe(probe: ProbeRequest): Http {
    return new Http(this.options, this.auth, this.redactor, probe, this.shared);
  }

  private forbiddenProbe(): ForbiddenProbe | undefined {
    const probe = this.probeRequest;
    if (!probe) return undefined;
    return {
      path: probe.path,
      credentialsWork: () =>
        this.send('GET', probe.path, { query: probe.query }).then(
          () => true,
          () => false,
        ),
    };
  }

  private get errorContext(): ErrorContext {
    const { tls } = this.options;
    return {
      root: this.options.root,
      timeoutMs: this.options.timeoutMs ?? 30_000,
      redactor: this.redactor,
      proxy: this.proxy().value?.url,
      clientCertificate: Boolean(tls?.cert),
    };
  }

  /**
   * The proxy requests to this server go through, resolved once (settings and environment); its
   * credentials join the redactor, so no message or log line shows them.
   */
  private proxy(): { value?: ResolvedProxy; error?: string } {
    if (!this.shared.proxy) {
      try {
        const value = resolveProxy(new URL(this.options.root), this.options.proxy);
        for (const secret of value?.secrets ?? []) this.redactor.add(secret);
        this.shared.proxy = { value };
      } catch (err) {
        this.shared.proxy = { error: err instanceof Error ? err.message : String(err) };
      }
    }
    return this.shared.proxy;
  }

  /** ky is loaded on the first request, not at activation: loading it costs tens of milliseconds. */
  private instance(): Promise<KyInstance> {
    this.shared.ky ??= loadKy().then(({ default: ky }) => {
      const { options } = this;
      const timeout = options.timeoutMs ?? 30_000;
      return ky.create({
        timeout,
        throwHttpErrors: true,
        // Every request may carry credentials: a 3xx becomes a RedirectError (httpErrors.ts), never a second request.
        redirect: 'manual',
        fetch: this.traced(options.fetch),
        retry: retryPolicy(options.retries ?? 2, IDEMPOTENT_METHODS),
      });
    });
    return this.shared.ky;
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
    const body = await this.readBody(res, path, opts);
    if (type.includes('text/html')) throw notAirflowError(this.errorContext, res, body, path);
    return body;
  }

  /**
   * Sends a request and hands its body, piece by piece as it arrives, to the reader `open` picks for
   * the answer's content type (the body is never held whole: see streamLimited). Returns the headers.
   */
  async stream(
    method: string,
    path: string,
    opts: RequestOptions & { accept: string },
    open: (contentType: string) => TextReader,
  ): Promise<Headers> {
    const res = await this.send(method, path, { ...opts, headers: { Accept: opts.accept, ...opts.headers } });
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('text/html'))
      throw notAirflowError(this.errorContext, res, await this.readBody(res, path, opts, 'error'), path);
    const reader = open(type);
    const limit = BODY_LIMITS[opts.bodyKind ?? 'logStream'];
    // A piece that does not parse is not a network failure: say the answer was not what Airflow sends.
    let seen = '';
    const parsed = async (f: () => void | Promise<void>) => {
      try {
        await f();
      } catch (err) {
        throw err instanceof AirflowError ? err : notAirflowError(this.errorContext, res, seen, path);
      }
    };
    try {
      await streamLimited(
        res,
        limit.bytes,
        this.options.timeoutMs ?? 30_000,
        {
          timeout: () => timeoutError(this.errorContext),
          tooLarge: () => tooLargeError(this.errorContext, path, limit.bytes, limit.advice),
        },
        {
          text: (piece) => {
            if (seen.length < 200) seen += piece.slice(0, 200);
            return parsed(() => reader.text(piece));
          },
          end: () => parsed(() => reader.end()),
        },
      );
    } catch (err) {
      throw await this.toAirflowError(err, res.url || this.options.root, opts);
    }
    return res.headers;
  }

  /** Sends a request; on 401 (or v2's 403 "Invalid JWT token") renews credentials once and repeats. */
  async send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    // Failing to obtain credentials (e.g. /auth/token rejecting the password) surfaces at once:
    // only the server rejecting credentials it was sent may mean that they expired.
    const authHeaders = await this.authHeaders(opts);
    try {
      return await this.attempt(method, path, opts, authHeaders);
    } catch (err) {
      if (!opts.anonymous && err instanceof UnauthenticatedError && this.auth.invalidate(authHeaders)) {
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

  private async attempt(
    method: string,
    path: string,
    opts: RequestOptions,
    authHeaders: Record<string, string>,
  ): Promise<Response> {
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
      if (dispatcher) {
        // A test's own fetch gets the dispatcher as an option; otherwise undici's fetch uses it.
        if (this.options.fetch) kyOpts.dispatcher = dispatcher.dispatcher;
        else kyOpts.fetch = dispatcher.fetch;
      }
      return await (
        await this.instance()
      )(url, kyOpts);
    } catch (err) {
      throw await this.toAirflowError(err, url, opts);
    }
  }

  /** `base` (or the global fetch) reporting every attempt to the trace sink, when there is one. */
  private traced(base: typeof fetch | undefined): typeof fetch | undefined {
    const { trace } = this.options;
    return trace ? tracedFetch(base ?? globalThis.fetch.bind(globalThis), trace) : base;
  }

  private getDispatcher(): Promise<{ dispatcher: unknown; fetch: typeof fetch }> | undefined {
    const { tls } = this.options;
    if (!needsDispatcher(tls, this.options.proxy)) return undefined;
    const proxy = this.proxy();
    if (proxy.error) throw new InvalidInputError(this.redactor.redact(proxy.error));
    this.shared.dispatcher ??= Promise.resolve().then(() => {
      const { createDispatcher, dispatcherFetch } = loadAgentFactory();
      const dispatcher = createDispatcher(new URL(this.options.root), tls, proxy.value);
      return { dispatcher, fetch: this.traced(dispatcherFetch(dispatcher)) ?? dispatcherFetch(dispatcher) };
    });
    return this.shared.dispatcher;
  }

  private async readJson(res: Response, path: string, opts: RequestOptions): Promise<unknown> {
    if (res.status === 204) return undefined;
    const type = res.headers.get('content-type') ?? '';
    const body = await this.readBody(res, path, opts);
    if (!type.includes('json')) throw notAirflowError(this.errorContext, res, body, path);
    try {
      return body ? JSON.parse(body) : undefined;
    } catch {
      throw notAirflowError(this.errorContext, res, body, path);
    }
  }

  /**
   * Reads a body within the timeout and the size cap of its kind: ky's timeout ends when the headers
   * arrive, and a server or proxy that stalls or never stops mid-body would otherwise hang the call
   * (until undici's 300 s body timeout) or fill memory.
   */
  private async readBody(
    res: Response,
    path: string,
    opts: RequestOptions,
    kind: BodyKind = opts.bodyKind ?? 'json',
  ): Promise<string> {
    const limit = BODY_LIMITS[kind];
    try {
      return await readLimited(res, limit.bytes, this.options.timeoutMs ?? 30_000, {
        timeout: () => timeoutError(this.errorContext),
        tooLarge: () => tooLargeError(this.errorContext, path, limit.bytes, limit.advice),
      });
    } catch (err) {
      throw await this.toAirflowError(err, res.url || this.options.root, opts);
    }
  }

  async toAirflowError(err: unknown, url: string, opts: RequestOptions): Promise<AirflowError> {
    const ctx = this.errorContext;
    if (err instanceof AirflowError) return redacted(err, this.redactor);
    const { HTTPError, TimeoutError: KyTimeoutError } = await loadKy();
    if (err instanceof HTTPError) {
      const body = await this.readBody(err.response, url, opts, 'error').catch(() => '');
      return statusError(ctx, err.response, body, url, opts, this.forbiddenProbe());
    }
    if (err instanceof KyTimeoutError) return timeoutError(ctx);
    return networkError(ctx, err, opts.signal);
  }
}

let kyModule: Promise<typeof import('ky')> | undefined;
function loadKy(): Promise<typeof import('ky')> {
  kyModule ??= import('ky');
  return kyModule;
}

type AgentFactory = typeof import('./agentFactory');
function loadAgentFactory(): AgentFactory {
  // In the bundle this resolves to dist/agent.js (built separately); in tests to the compiled module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./agentFactory') as AgentFactory;
}
