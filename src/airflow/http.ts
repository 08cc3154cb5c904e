// Sends requests: auth headers and their renewal once, one attempt through ky and the dispatcher,
// the 403 probe, and what a failure becomes. Reading answers is answerBody.ts's; shared state, transport.ts's.
import type { Options as KyOptions } from 'ky';
import { readBody, readJson, streamBody, type Fail } from './answerBody';
import type { Authenticator } from './auth';
import type { BodyKind } from './body';
import { AirflowError, Redactor, UnauthenticatedError } from './errors';
import { redacted, timeoutError } from './httpErrors';
import { networkError } from './networkErrors';
import { statusError, type ForbiddenProbe } from './statusErrors';
import type { TextReader } from './logStream';
import { IDEMPOTENT_METHODS, retryPolicy, toSearchParams, type HttpMethod, type Query } from './requestPolicy';
import { loadKy, Transport, type TransportOptions } from './transport';

export type { Query } from './requestPolicy';

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
    options: TransportOptions,
    private readonly auth: Authenticator,
    readonly redactor: Redactor,
    /** A request any valid user may make (see ForbiddenProbe); undefined where 403 never means "bad login". */
    private readonly probeRequest?: ProbeRequest,
    /** ky and the TLS/proxy dispatcher, shared with the copies made by withForbiddenProbe(). */
    private readonly transport = new Transport(options, redactor),
  ) {}

  /**
   * The same transport (one connection pool, one ky) that tells a failed login from a missing
   * permission on 403 with `probe`. Version detection runs before the probe can be known.
   */
  withForbiddenProbe(probe: ProbeRequest): Http {
    return new Http(this.transport.options, this.auth, this.redactor, probe, this.transport);
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

  get root(): string {
    return this.transport.root;
  }

  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, { ...opts, headers: { Accept: 'application/json', ...opts.headers } });
    return (await readJson(this.transport, this.failing(opts), res, path, opts.bodyKind ?? 'json')) as T;
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
    await streamBody(this.transport, this.failing(opts), res, path, opts.bodyKind ?? 'logStream', open);
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
      throw await this.toAirflowError(err, this.transport.root, opts);
    }
  }

  private async attempt(
    method: string,
    path: string,
    opts: RequestOptions,
    authHeaders: Record<string, string>,
  ): Promise<Response> {
    const url = `${this.transport.root}/${path.replace(/^\//, '')}`;
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
      if (opts.idempotent) kyOpts.retry = retryPolicy(this.transport.retries, [lower]);
      else if (!IDEMPOTENT_METHODS.includes(lower)) kyOpts.retry = 0;
      const dispatcher = await this.transport.dispatcher();
      if (dispatcher) {
        // A test's own fetch gets the dispatcher as an option; otherwise undici's fetch uses it.
        if (this.transport.options.fetch) kyOpts.dispatcher = dispatcher.dispatcher;
        else kyOpts.fetch = dispatcher.fetch;
      }
      return await (
        await this.transport.instance()
      )(url, kyOpts);
    } catch (err) {
      throw await this.toAirflowError(err, url, opts);
    }
  }

  /** How a failure of the request sent with `opts` becomes a typed error. */
  private failing(opts: RequestOptions): Fail {
    return (err, url) => this.toAirflowError(err, url, opts);
  }

  async toAirflowError(err: unknown, url: string, opts: RequestOptions): Promise<AirflowError> {
    const ctx = this.transport.errorContext;
    if (err instanceof AirflowError) return redacted(err, this.redactor);
    const { HTTPError, TimeoutError: KyTimeoutError } = await loadKy();
    if (err instanceof HTTPError) {
      const body = await readBody(this.transport, this.failing(opts), err.response, url, 'error').catch(() => '');
      return statusError(ctx, err.response, body, url, opts, this.forbiddenProbe());
    }
    if (err instanceof KyTimeoutError) return timeoutError(ctx);
    return networkError(ctx, err, opts.signal);
  }
}
