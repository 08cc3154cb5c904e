// A try's whole log as it is now: chunk after chunk by continuation token, each line kept once.
import { LogCursor, tokenReadFailed } from './logRestart';
import type { LogChunk } from './model';

/**
 * Follows continuation tokens until the server says the log ended (at most `maxChunks` reads).
 * `v2`: the server speaks API v2, whose first read holds the whole log as it was then.
 */
export async function readFullLog(
  read: (token: string | null) => Promise<LogChunk>,
  v2: boolean,
  maxChunks = 100,
): Promise<LogChunk> {
  const lines: string[] = [];
  const cursor = new LogCursor();
  let token: string | null = null;
  let chunk: LogChunk;
  let n = 0;
  do {
    try {
      chunk = await read(token);
    } catch (err) {
      // Airflow 3.2.2 fails every read by token with a 500. API v2 answered the first read (no
      // token) with the whole log as it was then: that is what there is.
      if (!tokenReadFailed(err, token, v2)) throw err;
      return { lines, continuationToken: null, endOfLog: false };
    }
    lines.push(...cursor.next(chunk.lines, token !== null));
    if (chunk.continuationToken === token) break;
    token = chunk.continuationToken;
  } while (token && ++n < maxChunks && chunk.lines.length > 0);
  return { lines, continuationToken: chunk.continuationToken, endOfLog: chunk.endOfLog };
}
