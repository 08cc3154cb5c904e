// Follows runs the user started (trigger) until they end, whether or not the tree shows them. No vscode here.
import { FINAL_RUN_STATES, NotFoundError, type DagRun } from '../../airflow';
import { nodeIds } from './nodeIds';

/** Where each state seen goes: LiveRefresh.saw, which fires "run finished" once per run node, whoever saw it first. */
export interface RunSink {
  saw(profileId: string, nodeId: string, run: DagRun): void;
}

export interface FollowOptions {
  /** Milliseconds between two reads of the run (read each time: the setting may change). */
  intervalMs: () => number;
  /** Give up after this many failed reads in a row (the server is gone, the profile removed). */
  maxFailures?: number;
  /** Stop after this long even if the run still goes (a run that waits for days). */
  maxMs?: number;
}

/** One timer per followed run; each tick reads the run once and tells the sink. */
export class RunFollower {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly sink: RunSink,
    private readonly options: FollowOptions,
  ) {}

  /** How many runs are followed now. */
  get size(): number {
    return this.timers.size;
  }

  /** Follows `run` (as the trigger returned it) by calling `read` until it reaches a final state. */
  follow(profileId: string, run: DagRun, read: () => Promise<DagRun>): void {
    // The explorer's id of the run node, so the tree and the follower report the same run once.
    const id = nodeIds.run(profileId, run);
    this.sink.saw(profileId, id, run);
    if (FINAL_RUN_STATES.has(run.state) || this.timers.has(id)) return;
    const started = Date.now();
    const maxFailures = this.options.maxFailures ?? 10;
    const maxMs = this.options.maxMs ?? 24 * 3600_000;
    let failures = 0;
    const tick = async () => {
      if (!this.timers.has(id)) return;
      try {
        const now = await read();
        failures = 0;
        this.sink.saw(profileId, id, now);
        if (FINAL_RUN_STATES.has(now.state)) return this.stop(id);
      } catch (err) {
        if (err instanceof NotFoundError || ++failures >= maxFailures) return this.stop(id);
      }
      if (Date.now() - started > maxMs) return this.stop(id);
      if (this.timers.has(id))
        this.timers.set(
          id,
          setTimeout(() => void tick(), this.options.intervalMs()),
        );
    };
    this.timers.set(
      id,
      setTimeout(() => void tick(), this.options.intervalMs()),
    );
  }

  private stop(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
