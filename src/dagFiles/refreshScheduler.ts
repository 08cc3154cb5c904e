// When the DAG files refresh: bursts coalesced, one refresh at a time, and a poll on the tree's cadence while a DAG file is on screen.
import * as vscode from 'vscode';
import type { RefreshCounts } from './refreshCounts';

export interface RefreshWork {
  /** One refresh (the snapshot fetch); it takes the flags with `takeForced`. */
  refresh(): Promise<void>;
  /** A refresh failed with an error that is not the server's. */
  failed(err: unknown): void;
  /** Whether to poll now: a DAG file on screen and a connection. */
  worthPolling(): boolean;
}

/** Runs `work.refresh` debounced, never twice at once, and again on a timer while worth it. */
export class RefreshScheduler implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private forceSources = false;
  /** The next refresh asks the server even if the last answer is fresh (Refresh, the timer). */
  private forceLookup = false;

  constructor(
    private readonly work: RefreshWork,
    private readonly counts: RefreshCounts,
  ) {}

  dispose(): void {
    this.stopTimer();
    clearTimeout(this.debounce);
    this.debounce = undefined;
  }

  /** The next refresh asks the server again; with `sources`, reads the DAG sources afresh too. */
  force(sources: boolean): void {
    if (sources) this.forceSources = true;
    this.forceLookup = true;
  }

  /** What the refresh about to ask must do afresh; cleared for the next one. */
  takeForced(): { lookup: boolean; sources: boolean } {
    const forced = { lookup: this.forceLookup, sources: this.forceSources };
    this.forceSources = this.forceLookup = false;
    return forced;
  }

  /** Coalesces bursts (editors opening, saves) into one refresh. */
  schedule(delayMs = 150): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.run();
    }, delayMs);
  }

  /** Resolves once no refresh is waiting or under way (tests count requests after it). */
  async idle(): Promise<void> {
    while (this.debounce || this.running) await (this.running ?? new Promise((r) => setTimeout(r, 50)));
  }

  intervalMs(): number {
    return Math.max(1, vscode.workspace.getConfiguration('airflow').get<number>('autoRefreshSeconds', 5)) * 1000;
  }

  stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.work
      .refresh()
      .catch((err: unknown) => this.work.failed(err))
      .finally(() => {
        this.running = undefined;
        this.counts.refreshes++;
        if (this.again) {
          this.again = false;
          void this.run();
        } else {
          this.armTimer();
        }
      });
    return this.running;
  }

  /** Polls on the tree's cadence while a DAG file is visible and the window has focus; otherwise not at all. */
  private armTimer(): void {
    this.stopTimer();
    if (!vscode.window.state.focused || !this.work.worthPolling()) return;
    this.timer = setTimeout(() => {
      this.forceLookup = true;
      void this.run();
    }, this.intervalMs());
  }
}
