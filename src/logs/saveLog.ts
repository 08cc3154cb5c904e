// Writes a try's whole log to a file, chunk by chunk, whatever the tab's size limit. No `vscode`.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { LogCursor, tokenReadFailed, type AirflowClient } from '../airflow';
import { stripAnsi } from './ansi';
import { tiRef } from './clientLogSource';
import type { LogRef } from './logUri';

export async function saveFullLog(
  client: AirflowClient,
  ref: LogRef,
  file: string,
  cancel?: { isCancellationRequested: boolean },
): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let token: string | null = null;
  // A server may answer a token with the whole log again (Airflow 3.1.8): write each line once.
  const cursor = new LogCursor();
  let count = 0;
  try {
    for (let i = 0; i < 10_000 && !cancel?.isCancellationRequested; i++) {
      let chunk;
      try {
        chunk = await client.readLog(tiRef(ref), ref.tryNumber, { token });
      } catch (err) {
        // Airflow 3.2.2 fails every read by token with a 500; API v2's first read held the whole log.
        if (tokenReadFailed(err, token, client.apiVersion === 'v2')) break;
        throw err;
      }
      const fresh = cursor.next(chunk.lines, token !== null);
      for (const line of fresh) {
        if (!out.write(`${stripAnsi(line)}\n`)) await once(out, 'drain');
      }
      count += fresh.length;
      if (chunk.endOfLog || !chunk.continuationToken || chunk.continuationToken === token || chunk.lines.length === 0)
        break;
      token = chunk.continuationToken;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
}
