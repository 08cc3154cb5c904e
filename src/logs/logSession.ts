// One open log tab's state: first load, following a running try, what the tab says. No `vscode`:
// the source of chunks and the timer are passed in, so unit tests drive it with fakes.
import {
  alreadyRead,
  HEAD_LINES,
  isFinalTaskState,
  sourceHeaderLength,
  tokenReadFailed,
  type LineSink,
  type LogStreamEnd,
} from '../airflow';
import { explainLog, missingTryReason, type TryInfo } from './logHints';
import { formatSize, LogText } from './logText';

export interface TryStatus {
  /** The task instance's latest try (undefined: no such task instance in the run). */
  current: TryInfo | undefined;
  /** The state of the try this session reads, when the server says (earlier tries have their own). */
  tryState?: string | null;
}

/** Where a session reads from: one try of one task instance. */
export interface LogSource {
  status(): Promise<TryStatus>;
  /**
   * One chunk of the log, its lines handed to `sink` as they arrive (awaited: a slow tab slows the
   * reading). `ended`: the try is over, so its whole log may come in one streamed answer.
   */
  read(token: string | null, sink: LineSink, ended: boolean): Promise<LogStreamEnd>;
  /** A read without a token answers with the whole log as it is now (Airflow 3's API; Airflow 2 pages it). */
  readonly wholeFromStart?: boolean;
}

export interface SessionOptions {
  /** `task [2] try 3` for messages. */
  label: string;
  /** `task [2]`: the task instance, without the try. */
  taskLabel: string;
  tryNumber: number;
  maxChars: number;
  intervalMs: number;
  /** The setting a user changes to see more of a large log. */
  sizeSetting: string;
  /** What to run for the whole log (a command title). */
  fullLogHint: string;
  onChange(): void;
  /** New lines arrived while the log is still loading (called often: throttle what it does). */
  onProgress?(): void;
  /** How much of a log still loading a redraw shows (its latest lines); the rest shows once it has loaded. */
  loadingViewChars?: number;
  /** Timer, injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => { dispose(): void };
  describeError?: (err: unknown) => string;
}

export type SessionState = 'loading' | 'following' | 'complete' | 'missing' | 'error';

/**
 * The command a cut log's header names. No '…' as in its title: one character above U+00FF in the
 * header makes the whole 16 MB tab text two bytes a character, in this host and in VS Code's copy.
 */
export const FULL_LOG_HINT = 'Airflow: Save Full Log';

const MAX_CHUNKS_PER_READ = 200;
/** A redraw while loading shows this much of the latest lines: cheap enough to repeat every few hundred ms. */
const LOADING_VIEW_CHARS = 256 * 1024;
const MAX_POLL_FAILURES = 5;

export class LogSession {
  state: SessionState = 'loading';
  /** The try's task state as last seen. */
  taskState: string | null = null;
  readonly text: LogText;
  private message: string | undefined;
  private hints: string[] = [];
  private token: string | null = null;
  /** The server said the log ended: the old token would send the last lines again. */
  private ended = false;
  /** The server failed a read by token (Airflow 3.2.2 answers every one with a 500): read whole logs. */
  private tokensFail = false;
  private timer: { dispose(): void } | undefined;
  private failures = 0;
  /** Set when the tab closed: reading stops and nothing more is shown. */
  disposed = false;
  /** The log's first lines as received: how a chunk that starts the log over is recognised. */
  private head: string[] = [];
  /** Number of reads of the log endpoint (for tests and the benchmark). */
  reads = 0;
  /** Lines taken into the tab so far (the loading header counts them). */
  received = 0;
  /** Whether the try was over when the session started (then its log is read as one stream). */
  private ended0 = false;
  /** What the last render put where: the document line of the log's line `firstLineNumber`. */
  private view = { header: [] as string[], headerLines: 0, firstLineNumber: 0, lineCount: 0 };
  readonly loaded: Promise<void>;

  constructor(
    private readonly source: LogSource,
    private readonly o: SessionOptions,
  ) {
    this.text = new LogText(o.maxChars);
    this.loaded = this.load();
  }

  get following(): boolean {
    return this.state === 'following';
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    this.timer = undefined;
  }

  private async load(): Promise<void> {
    try {
      const status = await this.source.status();
      const { current } = status;
      const missing = missingTryReason(this.o.taskLabel, this.o.tryNumber, current);
      if (missing) {
        this.state = 'missing';
        this.message = missing;
        this.taskState = current?.state ?? null;
        return;
      }
      const isCurrent = current!.tryNumber === this.o.tryNumber;
      this.taskState = isCurrent ? current!.state : (status.tryState ?? 'finished');
      this.ended0 = !isCurrent || isFinalTaskState(current!.state);
      await this.readAvailable();
      this.hints = explainLog(this.text.firstKept(50));
      if (isCurrent && !isFinalTaskState(current!.state)) {
        this.state = 'following';
        this.schedule();
      } else {
        this.state = 'complete';
      }
    } catch (err) {
      this.state = 'error';
      this.message = `Could not load the log of ${this.o.label}: ${this.describe(err)}`;
    }
  }

  /**
   * Reads chunks until the server has nothing more right now (or one chunk when following:
   * the next poll reads on). Returns the number of new lines.
   */
  private async readAvailable(maxChunks = MAX_CHUNKS_PER_READ): Promise<number> {
    let added = 0;
    for (let i = 0; i < maxChunks && !this.disposed; i++) {
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
        if (this.disposed) throw new Error('the log tab was closed');
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
        if (this.state === 'loading' && batch.length > 0) this.o.onProgress?.();
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
      if (this.disposed) break;
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

  private schedule(): void {
    if (this.disposed) return;
    const setTimer =
      this.o.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        return { dispose: () => clearTimeout(t) };
      });
    this.timer = setTimer(() => void this.poll(), this.o.intervalMs);
  }

  /** One follow step: the rest of the log by token, then the task's state. */
  async poll(): Promise<void> {
    if (this.disposed || this.state !== 'following') return;
    try {
      let changed = (await this.readAvailable(1)) > 0;
      const { current } = await this.source.status();
      const state = current && current.tryNumber === this.o.tryNumber ? current.state : 'finished';
      if (state !== this.taskState) changed = true;
      this.taskState = state;
      if (isFinalTaskState(state) || state === 'finished' || state === 'up_for_retry') {
        // The try is over: what it logged last may have arrived after our read.
        if (!this.ended) await this.readAvailable();
        this.state = 'complete';
        changed = true;
      }
      this.failures = 0;
      if (changed && !this.disposed) this.o.onChange();
    } catch (err) {
      if (++this.failures >= MAX_POLL_FAILURES) {
        this.state = 'error';
        this.message = `Stopped following after ${MAX_POLL_FAILURES} failed attempts: ${this.describe(err)}`;
        if (!this.disposed) this.o.onChange();
        return;
      }
    }
    if (this.state === 'following') this.schedule();
  }

  private describe(err: unknown): string {
    return this.o.describeError ? this.o.describeError(err) : err instanceof Error ? err.message : String(err);
  }

  /** The header lines above the log: what this is, whether it is being followed, what is left out. */
  header(): string[] {
    const secs = Math.round(this.o.intervalMs / 100) / 10;
    const out: string[] = [];
    switch (this.state) {
      case 'loading':
        out.push(
          `Airflow log · ${this.o.label} · loading…${this.received > 0 ? ` ${this.received.toLocaleString('en-US')} lines so far, the latest below` : ''}`,
        );
        break;
      case 'following':
        out.push(
          `Airflow log · ${this.o.label} · ${this.taskState ?? 'running'} · following: new lines appear every ${secs} s`,
        );
        break;
      case 'complete':
        out.push(`Airflow log · ${this.o.label} · ${this.taskState ?? 'no status'} · complete`);
        break;
      case 'missing':
        out.push(`Airflow log · ${this.o.label} · no log`);
        break;
      case 'error':
        out.push(`Airflow log · ${this.o.label} · error`);
        break;
    }
    if (this.message) out.push(this.message);
    for (const h of this.hints) out.push(`Note: ${h}`);
    const { dropped } = this.text;
    if (dropped.lines > 0) {
      out.push(
        `Left out: the first ${dropped.lines.toLocaleString('en-US')} lines (${formatSize(dropped.chars)}) of this log; ` +
          `showing the last ${formatSize(this.text.charCount)}. To see it all, run "${this.o.fullLogHint}" or raise the setting ${this.o.sizeSetting}.`,
      );
    }
    return out;
  }

  /**
   * The tab's text. While loading, the latest lines only (a cheap redraw, repeated as lines
   * arrive); once loaded, all that is kept.
   */
  render(): string {
    const header = this.header();
    const firstLineNumber =
      this.state === 'loading'
        ? this.text.tailStart(this.o.loadingViewChars ?? LOADING_VIEW_CHARS)
        : this.text.firstLineNumber;
    const lineCount = this.text.totalLines - firstLineNumber;
    this.view = { header, headerLines: header.length, firstLineNumber, lineCount };
    // One join and nothing appended after it: the 16 MB text is built once, flat (a concatenation
    // would be copied again when flattened), and stays one byte a character when header and log are.
    return header.concat(this.text.linesFrom(firstLineNumber, lineCount), '').join('\n');
  }

  /**
   * The lines of the last render, without joining and splitting its text again (16 MB of it for a
   * big log: a stall of its own).
   */
  renderedLines(): string[] {
    return this.view.header.concat(this.text.linesFrom(this.view.firstLineNumber, this.view.lineCount));
  }

  /**
   * The colour spans of a line of the last render, by its line in the document (undefined for the
   * header and for lines without colour).
   */
  colorsAt(documentLine: number): ReturnType<LogText['colorsOf']> {
    const i = documentLine - this.view.headerLines;
    if (i < 0 || i >= this.view.lineCount) return undefined;
    return this.text.colorsOf(this.view.firstLineNumber + i);
  }
}
