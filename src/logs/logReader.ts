// Reads a log into its LogText: by continuation token, or from the start again when the server fails
// tokens, keeping each line once when a server sends the log over from its start (logRestart.ts).
import {
  alreadyRead,
  HEAD_LINES,
  sourceHeaderLength,
  tokenReadFailed,
  type LineSink,
  type LogStreamEnd,
} from '../airflow';
import type { LogSource } from './logSource';
import type { LogText } from './logText';

const MAX_CHUNKS_PER_READ = 200;

export interface ReaderHooks {
  /** The tab closed: reading stops. */
  disposed(): boolean;
  /** Lines were taken into the text while the log streams in. */
  onLines(): void;
}

export class LogReader {
  private token: string | null = null;
  /** The server said the log ended: the old token would send the last lines again. */
  ended = false;
  /** The server failed a read by token (Airflow 3.2.2 answers every one with a 500): read whole logs. */
  private tokensFail = false;
  /** The log's first lines as received: how a chunk that starts the log over is recognised. */
  private head: string[] = [];
  /** Number of reads of the log endpoint (for tests and the benchmark). */
  reads = 0;
  /** Lines taken into the tab so far (the loading header counts them). */
  received = 0;
  /** Whether the try was over when the session started (then its log is read as one stream). */
  ended0 = false;

  constructor(
    private readonly source: LogSource,
    private readonly text: LogText,
    private readonly hooks: ReaderHooks,
  ) {}

  /**
   * Reads chunks until the server has nothing more right now (or one chunk when following:
   * the next poll reads on). Returns the number of new lines.
   */
  async readAvailable(maxChunks = MAX_CHUNKS_PER_READ): Promise<number> {
    let added = 0;
    for (let i = 0; i < maxChunks && !this.hooks.disposed(); i++) {
      const before = this.ended || this.tokensFail ? null : this.token;
      // Without a token the server sends the log from the start: skip what we already have, line by
      // line as it streams in. A read by token is what is new (or, on some servers, all of it again:
      // see logRestart.ts), held until it ends so it can be checked whole; those reads are small.
      // Read again from the start (the server fails reads by token): held too, to line it up.
      const hold = before !== null || (this.tokensFail && this.text.totalLines > 0);
      let skip = hold ? 0 : this.text.totalLines;
      let firstLine = true;
      const held: string[] = [];
      let received = 0;
      const sink: LineSink = (batch) => {
        // A closed tab stops the reading, not only the showing: the rest of a big log is not downloaded.
        if (this.hooks.disposed()) throw new Error('the log tab was closed');
        received += batch.length;
        // A continued v1 chunk starts with the newline that ended the previous one: not a line of its own.
        if (firstLine && batch.length > 0) {
          firstLine = false;
          if (before && batch[0] === '') batch = batch.slice(1);
        }
        if (hold) {
          for (const line of batch) held.push(line);
          return;
        }
        if (skip > 0) {
          const n = Math.min(skip, batch.length);
          skip -= n;
          batch = batch.slice(n);
        }
        added += this.take(batch);
        if (batch.length > 0) this.hooks.onLines();
      };
      let chunk: LogStreamEnd;
      try {
        chunk = await this.source.read(before, sink, this.ended0 && !before);
      } catch (err) {
        if (!tokenReadFailed(err, before, this.source.wholeFromStart === true)) throw err;
        // A server error answering a token, where the same log read from the start worked: read it
        // from the start from now on, keeping only what is new (as for a server that ignores tokens).
        this.tokensFail = true;
        this.reads++;
        i--;
        continue;
      }
      this.reads++;
      if (this.hooks.disposed()) break;
      if (before) {
        // Some servers (Airflow 3.0.6, 3.1.8) ignore the token and send the log from the start again,
        // without the header they sent first: then skip what we already have (see logRestart.ts).
        added += this.take(held.slice(alreadyRead(held, this.head, this.text.totalLines)));
      } else if (hold) {
        // The same log from the start, its source header maybe longer or shorter than the first time's.
        added += this.take(held.slice(sourceHeaderLength(held) + this.text.totalLines - sourceHeaderLength(this.head)));
      }
      if (chunk.continuationToken) this.token = chunk.continuationToken;
      this.ended = chunk.endOfLog;
      if (chunk.endOfLog || !chunk.continuationToken || received === 0 || chunk.continuationToken === before) break;
      // Read from the start, the answer was the whole log as it is now: nothing more to ask for.
      if (this.tokensFail) break;
    }
    return added;
  }

  private take(lines: readonly string[]): number {
    if (this.head.length < HEAD_LINES) this.head.push(...lines.slice(0, HEAD_LINES - this.head.length));
    this.text.append(lines);
    this.received += lines.length;
    return lines.length;
  }
}
