// Reads a response body within a byte cap for its kind and within the request timeout.

/** What a response holds; each kind has its own cap. */
export type BodyKind = 'json' | 'log' | 'logStream' | 'source' | 'error';

const MB = 1024 * 1024;

/** Caps well above what a healthy server sends; past them the body is dropped, not parsed. */
export const BODY_LIMITS: Record<BodyKind, { bytes: number; advice: string }> = {
  json: { bytes: 32 * MB, advice: "Ask for less (a narrower filter), and check that the URL is Airflow's REST API." },
  // One log response may hold a whole log, and v2 sends it as structured JSON, larger than the text.
  log: { bytes: 128 * MB, advice: "Read this log in Airflow's web UI or in its log storage." },
  // A streamed log is never held whole (the tab keeps its last airflow.logMaxSizeMB), so its cap
  // bounds time and traffic, not memory: 1 GB is far past any log a person reads in an editor.
  logStream: { bytes: 1024 * MB, advice: "Read this log in Airflow's web UI or in its log storage." },
  source: { bytes: 10 * MB, advice: 'Open the DAG file from its repository or bundle instead.' },
  // Only a sentence of an error body is ever shown.
  error: { bytes: 1 * MB, advice: "See the Airflow server's logs." },
};

export interface ReadFailures {
  timeout(): Error;
  tooLarge(): Error;
}

/**
 * Reads the body as a stream, counting bytes: a server or proxy that sends without end fails at
 * `maxBytes` instead of filling memory; one that stalls fails after `timeoutMs`.
 */
export async function readLimited(
  res: Response,
  maxBytes: number,
  timeoutMs: number,
  fail: ReadFailures,
): Promise<string> {
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

/**
 * Reads the body as a stream of text pieces handed to `reader` as they arrive, counting bytes
 * against `maxBytes`. Nothing is kept here: the caller decides what to hold. The timeout is for
 * silence (no byte for `idleMs`), not for the whole body: a long log that keeps arriving is
 * progress the user sees, while a server that stops sending still fails.
 */
export async function streamLimited(
  res: Response,
  maxBytes: number,
  idleMs: number,
  fail: ReadFailures,
  reader: { text(piece: string): Promise<void> | void; end(): Promise<void> | void },
): Promise<number> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw fail.tooLarge();
  }
  if (!res.body) {
    await reader.end();
    return 0;
  }
  const body = res.body.getReader();
  const decoder = new TextDecoder();
  let failure: Error | undefined;
  const stop = (err: Error) => {
    failure ??= err;
    void body.cancel().catch(() => undefined);
  };
  let timer = setTimeout(() => stop(fail.timeout()), idleMs);
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await body.read();
      if (failure) throw failure;
      if (done) break;
      clearTimeout(timer);
      size += value.byteLength;
      if (size > maxBytes) {
        stop(fail.tooLarge());
        throw failure;
      }
      // The caller's slice of work is not silence from the server: the clock restarts after it.
      await reader.text(decoder.decode(value, { stream: true }));
      if (failure) throw failure;
      timer = setTimeout(() => stop(fail.timeout()), idleMs);
    }
    const last = decoder.decode();
    if (last) await reader.text(last);
    await reader.end();
  } catch (err) {
    void body.cancel().catch(() => undefined);
    throw failure ?? err;
  } finally {
    clearTimeout(timer);
  }
  return size;
}
