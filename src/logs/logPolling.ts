// The timer of a followed log: one poll after another, and when to give up after failed ones.

export type SetTimer = (fn: () => void, ms: number) => { dispose(): void };

export const MAX_POLL_FAILURES = 5;

const realTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return { dispose: () => clearTimeout(t) };
};

export class LogPolling {
  private timer: { dispose(): void } | undefined;
  private failures = 0;

  constructor(
    private readonly intervalMs: number,
    /** Timer, injectable for tests. */
    private readonly setTimer: SetTimer = realTimer,
  ) {}

  /** Runs `poll` once after the interval. */
  schedule(poll: () => void): void {
    this.timer = this.setTimer(poll, this.intervalMs);
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** Counts a failed poll; true when there have been too many in a row to go on. */
  failed(): boolean {
    return ++this.failures >= MAX_POLL_FAILURES;
  }

  dispose(): void {
    this.timer?.dispose();
    this.timer = undefined;
  }
}
