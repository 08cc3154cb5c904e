// One open log tab's state: first load, following a running try, what the tab says. No `vscode`:
// the source of chunks and the timer are passed in, so unit tests drive it with fakes.
import { isFinalTaskState } from '../airflow';
import { logHeader, type SessionState } from './logHeader';
import { explainLog, missingTryReason } from './logHints';
import { LogPolling, MAX_POLL_FAILURES, type SetTimer } from './logPolling';
import { LogReader } from './logReader';
import { LOADING_VIEW_CHARS, LogRender } from './logRender';
import type { LogSource } from './logSource';
import { LogText } from './logText';

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
  setTimer?: SetTimer;
  describeError?: (err: unknown) => string;
}

export class LogSession {
  state: SessionState = 'loading';
  /** The try's task state as last seen. */
  taskState: string | null = null;
  readonly text: LogText;
  private message: string | undefined;
  private hints: string[] = [];
  private readonly reader: LogReader;
  private readonly polling: LogPolling;
  private readonly view: LogRender;
  /** Set when the tab closed: reading stops and nothing more is shown. */
  disposed = false;
  readonly loaded: Promise<void>;

  constructor(
    private readonly source: LogSource,
    private readonly o: SessionOptions,
  ) {
    this.text = new LogText(o.maxChars);
    this.reader = new LogReader(source, this.text, {
      disposed: () => this.disposed,
      onLines: () => {
        if (this.state === 'loading') this.o.onProgress?.();
      },
    });
    this.polling = new LogPolling(o.intervalMs, o.setTimer);
    this.view = new LogRender(this.text);
    this.loaded = this.load();
  }

  /** Number of reads of the log endpoint (for tests and the benchmark). */
  get reads(): number {
    return this.reader.reads;
  }

  /** Lines taken into the tab so far (the loading header counts them). */
  get received(): number {
    return this.reader.received;
  }

  get following(): boolean {
    return this.state === 'following';
  }

  dispose(): void {
    this.disposed = true;
    this.polling.dispose();
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
      this.reader.ended0 = !isCurrent || isFinalTaskState(current!.state);
      await this.reader.readAvailable();
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

  private schedule(): void {
    if (this.disposed) return;
    this.polling.schedule(() => void this.poll());
  }

  /** One follow step: the rest of the log by token, then the task's state. */
  async poll(): Promise<void> {
    if (this.disposed || this.state !== 'following') return;
    try {
      let changed = (await this.reader.readAvailable(1)) > 0;
      const { current } = await this.source.status();
      const state = current && current.tryNumber === this.o.tryNumber ? current.state : 'finished';
      if (state !== this.taskState) changed = true;
      this.taskState = state;
      if (isFinalTaskState(state) || state === 'finished' || state === 'up_for_retry') {
        // The try is over: what it logged last may have arrived after our read.
        if (!this.reader.ended) await this.reader.readAvailable();
        this.state = 'complete';
        changed = true;
      }
      this.polling.succeeded();
      if (changed && !this.disposed) this.o.onChange();
    } catch (err) {
      if (this.polling.failed()) {
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
    const { label, intervalMs, fullLogHint, sizeSetting } = this.o;
    return logHeader({
      state: this.state,
      label,
      taskState: this.taskState,
      received: this.received,
      intervalMs,
      message: this.message,
      hints: this.hints,
      text: this.text,
      fullLogHint,
      sizeSetting,
    });
  }

  /**
   * The tab's text. While loading, the latest lines only (a cheap redraw, repeated as lines
   * arrive); once loaded, all that is kept.
   */
  render(): string {
    const tail = this.state === 'loading' ? (this.o.loadingViewChars ?? LOADING_VIEW_CHARS) : undefined;
    return this.view.render(this.header(), tail);
  }

  /** The lines of the last render (see LogRender). */
  renderedLines(): string[] {
    return this.view.renderedLines();
  }

  /** The colour spans of a line of the last render, by its line in the document (see LogRender). */
  colorsAt(documentLine: number): ReturnType<LogText['colorsOf']> {
    return this.view.colorsAt(documentLine);
  }
}
