// Request tracing: one line per HTTP attempt (retries and token requests included) with the
// method, path, status and duration. Never a header, a body or a query value: query parameters
// are named, their values left out, so a `?token=…` someone added cannot reach the log.

/** What is known about one request once it ended. */
export interface RequestTrace {
  method: string;
  /** Path of the URL (with the deployment's sub-path), without the query. */
  path: string;
  /** Names of the query parameters, in order, without values. */
  queryNames: string[];
  /** HTTP status, when the server (or a proxy) answered. */
  status?: number;
  /** Error code or name, when no answer came (ECONNREFUSED, TimeoutError…). */
  error?: string;
  durationMs: number;
}

export type TraceSink = (trace: RequestTrace) => void;

/** "GET /api/v2/dags?limit=…&offset=… 200 34 ms" */
export function formatTrace(t: RequestTrace): string {
  const query = t.queryNames.length ? `?${t.queryNames.map((n) => `${n}=…`).join('&')}` : '';
  const outcome = t.status !== undefined ? String(t.status) : `failed (${t.error ?? 'no answer'})`;
  return `${t.method} ${t.path}${query} ${outcome} ${Math.round(t.durationMs)} ms`;
}

/** Wraps a fetch so every call reports to `sink`; the answer and errors pass through unchanged. */
export function tracedFetch(base: typeof fetch, sink: TraceSink): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    const request = input instanceof Request ? input : undefined;
    const method = (request?.method ?? init?.method ?? 'GET').toUpperCase();
    const url = new URL(request?.url ?? String(input));
    const base_ = { method, path: url.pathname, queryNames: [...new Set(url.searchParams.keys())] };
    try {
      const res = await base(input, init);
      report(sink, { ...base_, status: res.status, durationMs: performance.now() - started });
      return res;
    } catch (err) {
      report(sink, { ...base_, error: errorCode(err), durationMs: performance.now() - started });
      throw err;
    }
  };
}

/** The first string code in the cause chain (ECONNREFUSED, UND_ERR_ABORTED…), else the error's name. */
function errorCode(err: unknown): string {
  let e = err as { name?: string; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && e.code) return e.code;
  }
  return (err as { name?: string })?.name ?? 'error';
}

function report(sink: TraceSink, trace: RequestTrace): void {
  try {
    sink(trace);
  } catch {
    // A log that fails must not fail the request.
  }
}
