// What all requests of one client share, each made once on first use: ky (loaded lazily), the proxy
// its server is reached through, the TLS/proxy dispatcher, and the context an error message needs.
import type { KyInstance } from 'ky';
import { InvalidInputError, type Redactor } from './errors';
import type { ErrorContext } from './httpErrors';
import { resolveProxy, type ProxyOptions, type ResolvedProxy } from './proxy';
import { DEFAULT_TIMEOUT_MS, IDEMPOTENT_METHODS, retryPolicy } from './requestPolicy';
import { needsDispatcher, type TlsOptions } from './tls';
import { tracedFetch, type TraceSink } from './trace';

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

/** The TLS/proxy dispatcher and the fetch that uses it (see agentFactory.dispatcherFetch). */
export interface Dispatcher {
  dispatcher: unknown;
  fetch: typeof fetch;
}

export class Transport {
  readonly timeoutMs: number;
  readonly retries: number;
  private ky?: Promise<KyInstance>;
  private dispatcherMade?: Promise<Dispatcher>;
  private proxyResolved?: { value?: ResolvedProxy; error?: string };

  constructor(
    readonly options: TransportOptions,
    readonly redactor: Redactor,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = options.retries ?? 2;
  }

  get root(): string {
    return this.options.root;
  }

  get errorContext(): ErrorContext {
    return {
      root: this.options.root,
      timeoutMs: this.timeoutMs,
      redactor: this.redactor,
      proxy: this.proxy().value?.url,
      clientCertificate: Boolean(this.options.tls?.cert),
    };
  }

  /**
   * The proxy requests to this server go through, resolved once (settings and environment); its
   * credentials join the redactor, so no message or log line shows them.
   */
  proxy(): { value?: ResolvedProxy; error?: string } {
    if (!this.proxyResolved) {
      try {
        const value = resolveProxy(new URL(this.options.root), this.options.proxy);
        for (const secret of value?.secrets ?? []) this.redactor.add(secret);
        this.proxyResolved = { value };
      } catch (err) {
        this.proxyResolved = { error: err instanceof Error ? err.message : String(err) };
      }
    }
    return this.proxyResolved;
  }

  /** ky is loaded on the first request, not at activation: loading it costs tens of milliseconds. */
  instance(): Promise<KyInstance> {
    this.ky ??= loadKy().then(({ default: ky }) =>
      ky.create({
        timeout: this.timeoutMs,
        throwHttpErrors: true,
        // Every request may carry credentials: a 3xx becomes a RedirectError (statusErrors.ts), never a second request.
        redirect: 'manual',
        fetch: this.traced(this.options.fetch),
        retry: retryPolicy(this.retries, IDEMPOTENT_METHODS),
      }),
    );
    return this.ky;
  }

  /** The dispatcher TLS options or a proxy need; undefined when neither applies. */
  dispatcher(): Promise<Dispatcher> | undefined {
    const { tls } = this.options;
    if (!needsDispatcher(tls, this.options.proxy)) return undefined;
    const proxy = this.proxy();
    if (proxy.error) throw new InvalidInputError(this.redactor.redact(proxy.error));
    this.dispatcherMade ??= Promise.resolve().then(() => {
      const { createDispatcher, dispatcherFetch } = loadAgentFactory();
      const dispatcher = createDispatcher(new URL(this.options.root), tls, proxy.value);
      return { dispatcher, fetch: this.traced(dispatcherFetch(dispatcher)) ?? dispatcherFetch(dispatcher) };
    });
    return this.dispatcherMade;
  }

  /** `base` (or the global fetch) reporting every attempt to the trace sink, when there is one. */
  private traced(base: typeof fetch | undefined): typeof fetch | undefined {
    const { trace } = this.options;
    return trace ? tracedFetch(base ?? globalThis.fetch.bind(globalThis), trace) : base;
  }
}

let kyModule: Promise<typeof import('ky')> | undefined;
export function loadKy(): Promise<typeof import('ky')> {
  kyModule ??= import('ky');
  return kyModule;
}

type AgentFactory = typeof import('./agentFactory');
function loadAgentFactory(): AgentFactory {
  // In the bundle this resolves to dist/agent.js (built separately); in tests to the compiled module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./agentFactory') as AgentFactory;
}
