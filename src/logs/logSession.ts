// One open log tab's state: first load, following a running try, what the tab says. No `vscode`:
// the source of chunks and the timer are passed in, so unit tests drive it with fakes.
import { alreadyRead, HEAD_LINES, isFinalTaskState, type LogChunk } from '../airflow';
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
  read(token: string | null): Promise<LogChunk>;
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
  /** Timer, injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => { dispose(): void };
  describeError?: (err: unknown) => string;
}

export type SessionState = 'loading' | 'following' | 'complete' | 'missing' | 'error';

const MAX_CHUNKS_PER_READ = 200;
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
  private timer: { dispose(): void } | undefined;
  private failures = 0;
  private disposed = false;
  /** The log's first lines as received: how a chunk that starts the log over is recognised. */
  private head: string[] = [];
  /** Number of reads of the log endpoint (for tests and the benchmark). */
  reads = 0;
  readonly loaded: Promise<void>;

  constructor(private readonly source: LogSource, private readonly o: SessionOptions) {
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
      await this.readAvailable();
      this.hints = explainLog(this.text.kept().slice(0, 50));
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
      const before = this.ended ? null : this.token;
      const chunk = await this.source.read(before);
      this.reads++;
      let fresh = chunk.lines;
      // A continued v1 chunk starts with the newline that ended the previous one: not a line of its own.
      if (before && fresh[0] === '') fresh = fresh.slice(1);
      // Without a token the server sends the log from the start, and some servers (Airflow 3.1.8)
      // ignore the token and do so anyway (without the header they sent first): then skip what we
      // already have.
      fresh = fresh.slice(before ? alreadyRead(fresh, this.head, this.text.totalLines) : this.text.totalLines);
      if (this.head.length < HEAD_LINES) this.head.push(...fresh.slice(0, HEAD_LINES - this.head.length));
      this.text.append(fresh);
      added += fresh.length;
      if (chunk.continuationToken) this.token = chunk.continuationToken;
      this.ended = chunk.endOfLog;
      if (chunk.endOfLog || !chunk.continuationToken || chunk.lines.length === 0 || chunk.continuationToken === before) break;
    }
    return added;
  }

  private schedule(): void {
    if (this.disposed) return;
    const setTimer = this.o.setTimer ?? ((fn, ms) => {
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
      case 'loading': out.push(`Airflow log · ${this.o.label} · loading…`); break;
      case 'following': out.push(`Airflow log · ${this.o.label} · ${this.taskState ?? 'running'} · following: new lines appear every ${secs} s`); break;
      case 'complete': out.push(`Airflow log · ${this.o.label} · ${this.taskState ?? 'no status'} · complete`); break;
      case 'missing': out.push(`Airflow log · ${this.o.label} · no log`); break;
      case 'error': out.push(`Airflow log · ${this.o.label} · error`); break;
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

  render(): string {
    const body = this.text.text();
    return `${this.header().join('\n')}\n${body}${body ? '\n' : ''}`;
  }
}
