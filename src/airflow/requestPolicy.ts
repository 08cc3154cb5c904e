// What a request is sent with: its query string, and which attempts ky repeats. No `vscode` import.
import type { RetryOptions } from 'ky';
import { isPermanentNetworkError } from './networkErrors';

/** How long a request, or a token command, may take when the profile does not say. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

const RETRY_STATUS = [429, 500, 502, 503, 504];
export type HttpMethod = 'get' | 'head' | 'options' | 'put' | 'delete' | 'post' | 'patch';
/** Methods retried without being told they are safe; a POST or PATCH only when the caller says so. */
export const IDEMPOTENT_METHODS: HttpMethod[] = ['get', 'head', 'options', 'put', 'delete'];

/**
 * The one retry policy: exponential backoff with jitter, honouring Retry-After, never on TLS or
 * DNS errors. A request that timed out is retried once (a read whose server was busy for a
 * moment usually answers the second time; a server that is slow every time should not cost the
 * user `limit` more full timeouts).
 */
export function retryPolicy(limit: number, methods: HttpMethod[]): RetryOptions {
  return {
    limit,
    methods,
    statusCodes: RETRY_STATUS,
    afterStatusCodes: [413, 429, 503],
    maxRetryAfter: 60_000,
    backoffLimit: 10_000,
    jitter: (delay) => delay * (0.5 + Math.random() * 0.5),
    // A bad certificate or an unknown host will not fix itself in a second: fail at once.
    shouldRetry: ({ error, retryCount }) => {
      if (isPermanentNetworkError(error)) return false;
      // ky's TimeoutError (ky itself is loaded later, so by name): `true` forces ky's retry past
      // its own checks, so the method is checked here.
      if (error instanceof Error && error.name === 'TimeoutError') {
        const method = (error as Error & { request?: Request }).request?.method.toLowerCase() as HttpMethod | undefined;
        return retryCount === 1 && method !== undefined && methods.includes(method);
      }
      return undefined;
    },
  };
}

/** Query values as Airflow reads them: arrays repeat the key, empty values are left out. */
export function toSearchParams(query: Query): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) p.append(k, String(item));
    else p.append(k, String(v));
  }
  return p;
}
