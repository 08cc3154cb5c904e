// Reads a response body within a byte cap for its kind and within the request timeout.

/** What a response holds; each kind has its own cap. */
export type BodyKind = 'json' | 'log' | 'source' | 'error';

const MB = 1024 * 1024;

/** Caps well above what a healthy server sends; past them the body is dropped, not parsed. */
export const BODY_LIMITS: Record<BodyKind, { bytes: number; advice: string }> = {
  json: { bytes: 32 * MB, advice: 'Ask for less (a narrower filter), and check that the URL is Airflow\'s REST API.' },
  // One log response may hold a whole log, and v2 sends it as structured JSON, larger than the text.
  log: { bytes: 128 * MB, advice: 'Read this log in Airflow\'s web UI or in its log storage.' },
  source: { bytes: 10 * MB, advice: 'Open the DAG file from its repository or bundle instead.' },
  // Only a sentence of an error body is ever shown.
  error: { bytes: 1 * MB, advice: 'See the Airflow server\'s logs.' },
};

export interface ReadFailures {
  timeout(): Error;
  tooLarge(): Error;
}

/**
 * Reads the body as a stream, counting bytes: a server or proxy that sends without end fails at
 * `maxBytes` instead of filling memory; one that stalls fails after `timeoutMs`.
 */
export async function readLimited(res: Response, maxBytes: number, timeoutMs: number, fail: ReadFailures): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw fail.tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  let failure: Error | undefined;
  const stop = (err: Error) => {
    failure ??= err;
    void reader.cancel().catch(() => undefined);
  };
  const timer = setTimeout(() => stop(fail.timeout()), timeoutMs);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (failure) throw failure;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        stop(fail.tooLarge());
        throw failure;
      }
      chunks.push(value);
    }
  } catch (err) {
    throw failure ?? err;
  } finally {
    clearTimeout(timer);
  }
  // TextDecoder drops a BOM as res.text() did; JSON.parse would fail on one.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}
