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

/** A body whose declared length is past the cap is not read at all. */
async function refuseDeclaredTooLarge(res: Response, maxBytes: number, fail: ReadFailures): Promise<void> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw fail.tooLarge();
  }
}

/** A body read piece by piece within a byte cap, and the first failure that stopped it. */
class CappedRead {
  failure: Error | undefined;
  size = 0;

  constructor(
    private readonly body: ReadableStreamDefaultReader<Uint8Array>,
    private readonly maxBytes: number,
    private readonly fail: ReadFailures,
  ) {}

  /** Keeps the first failure and cancels the read: the pending `next()` then throws it. */
  stop(err: Error): void {
    this.failure ??= err;
    this.cancel();
  }

  cancel(): void {
    void this.body.cancel().catch(() => undefined);
  }

  /** The next piece, undefined at the end; fails once the pieces pass the cap. */
  async next(): Promise<Uint8Array | undefined> {
    const { done, value } = await this.body.read();
    if (this.failure) throw this.failure;
    if (done) return undefined;
    this.size += value.byteLength;
    if (this.size > this.maxBytes) {
      this.stop(this.fail.tooLarge());
      throw this.failure;
    }
    return value;
  }
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
  await refuseDeclaredTooLarge(res, maxBytes, fail);
  if (!res.body) return '';
  const read = new CappedRead(res.body.getReader(), maxBytes, fail);
  const timer = setTimeout(() => read.stop(fail.timeout()), timeoutMs);
  const chunks: Uint8Array[] = [];
  try {
    for (let value = await read.next(); value; value = await read.next()) chunks.push(value);
  } catch (err) {
    throw read.failure ?? err;
  } finally {
    clearTimeout(timer);
  }
  // TextDecoder drops a BOM as res.text() did; JSON.parse would fail on one.
  return new TextDecoder().decode(Buffer.concat(chunks, read.size));
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
  await refuseDeclaredTooLarge(res, maxBytes, fail);
  if (!res.body) {
    await reader.end();
    return 0;
  }
  const read = new CappedRead(res.body.getReader(), maxBytes, fail);
  const decoder = new TextDecoder();
  let timer = setTimeout(() => read.stop(fail.timeout()), idleMs);
  try {
    for (let value = await read.next(); value; value = await read.next()) {
      clearTimeout(timer);
      // The caller's slice of work is not silence from the server: the clock restarts after it.
      await reader.text(decoder.decode(value, { stream: true }));
      if (read.failure) throw read.failure;
      timer = setTimeout(() => read.stop(fail.timeout()), idleMs);
    }
    const last = decoder.decode();
    if (last) await reader.text(last);
    await reader.end();
  } catch (err) {
    read.cancel();
    throw read.failure ?? err;
  } finally {
    clearTimeout(timer);
  }
  return read.size;
}
