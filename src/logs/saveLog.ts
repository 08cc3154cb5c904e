// Writes a try's whole log to a file, chunk by chunk, whatever the tab's size limit. No `vscode`.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { AirflowClient } from '../airflow';
import { stripAnsi } from './ansi';
import { tiRef } from './clientLogSource';
import type { LogRef } from './logUri';

export async function saveFullLog(client: AirflowClient, ref: LogRef, file: string, cancel?: { isCancellationRequested: boolean }): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let token: string | null = null;
  let count = 0;
  try {
    for (let i = 0; i < 10_000 && !cancel?.isCancellationRequested; i++) {
      const chunk = await client.readLog(tiRef(ref), ref.tryNumber, { token });
      for (const line of chunk.lines) {
        if (!out.write(`${stripAnsi(line)}\n`)) await once(out, 'drain');
      }
      count += chunk.lines.length;
      if (chunk.endOfLog || !chunk.continuationToken || chunk.continuationToken === token || chunk.lines.length === 0) break;
      token = chunk.continuationToken;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
}
