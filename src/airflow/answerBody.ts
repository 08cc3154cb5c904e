// Reads an answer's body within the request timeout and the size cap of its kind, and tells what
// Airflow sends (JSON, or the stream asked for) from a login page or another service's answer.
import { BODY_LIMITS, readLimited, streamLimited, type BodyKind } from './body';
import { AirflowError } from './errors';
import { notAirflowError, timeoutError, tooLargeError } from './httpErrors';
import type { TextReader } from './logStream';
import type { Transport } from './transport';

/** How one request's failures become typed errors (Http.toAirflowError with its options). */
export type Fail = (err: unknown, url: string) => Promise<AirflowError>;

/**
 * Reads a body within the timeout and the size cap of its kind: ky's timeout ends when the headers
 * arrive, and a server or proxy that stalls or never stops mid-body would otherwise hang the call
 * (until undici's 300 s body timeout) or fill memory.
 */
export async function readBody(t: Transport, fail: Fail, res: Response, path: string, kind: BodyKind): Promise<string> {
  const limit = BODY_LIMITS[kind];
  try {
    return await readLimited(res, limit.bytes, t.timeoutMs, {
      timeout: () => timeoutError(t.errorContext),
      tooLarge: () => tooLargeError(t.errorContext, path, limit.bytes, limit.advice),
    });
  } catch (err) {
    throw await fail(err, res.url || t.root);
  }
}

/** The JSON of an answer; anything else (an HTML page, a proxy's text) is not Airflow's API. */
export async function readJson(
  t: Transport,
  fail: Fail,
  res: Response,
  path: string,
  kind: BodyKind,
): Promise<unknown> {
  if (res.status === 204) return undefined;
  const type = res.headers.get('content-type') ?? '';
  const body = await readBody(t, fail, res, path, kind);
  if (!type.includes('json')) throw notAirflowError(t.errorContext, res, body, path);
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    throw notAirflowError(t.errorContext, res, body, path);
  }
}

/**
 * Hands a body, piece by piece as it arrives, to the reader `open` picks for the answer's content
 * type (the body is never held whole: see streamLimited).
 */
export async function streamBody(
  t: Transport,
  fail: Fail,
  res: Response,
  path: string,
  kind: BodyKind,
  open: (contentType: string) => TextReader,
): Promise<void> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/html'))
    throw notAirflowError(t.errorContext, res, await readBody(t, fail, res, path, 'error'), path);
  const reader = open(type);
  const limit = BODY_LIMITS[kind];
  // A piece that does not parse is not a network failure: say the answer was not what Airflow sends.
  let seen = '';
  const parsed = async (f: () => void | Promise<void>) => {
    try {
      await f();
    } catch (err) {
      throw err instanceof AirflowError ? err : notAirflowError(t.errorContext, res, seen, path);
    }
  };
  try {
    await streamLimited(
      res,
      limit.bytes,
      t.timeoutMs,
      {
        timeout: () => timeoutError(t.errorContext),
        tooLarge: () => tooLargeError(t.errorContext, path, limit.bytes, limit.advice),
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
    throw await fail(err, res.url || t.root);
  }
}
