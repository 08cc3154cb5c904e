// What a request is sent with: its query string, and which attempts ky repeats. No `vscode` import.
import type { RetryOptions } from 'ky';
import { isPermanentNetworkError } from './httpErrors';

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

const RETRY_STATUS = [429, 500, 502, 503, 504];
export type HttpMethod = 'get' | 'head' | 'options' | 'put' | 'delete' | 'post' | 'patch';
/** Methods retried without being told they are safe; a POST or PATCH only when the caller says so. */
export const IDEMPOTENT_METHODS: HttpMethod[] = ['get', 'head', 'options', 'put', 'delete'];

/** The one retry policy: exponential backoff with jitter, honouring Retry-After, never on TLS or DNS errors. */
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
    shouldRetry: ({ error }) => (isPermanentNetworkError(error) ? false : undefined),
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
