// One guard for every explorer load: results of a load that a refresh overtook are dropped. No `vscode` import.

/** Thrown (and caught by the tree) when a load finishes after the tree was reloaded under it. */
export class StaleLoadError extends Error {
  constructor() {
    super('overtaken by a newer load');
  }
}

/**
 * Counts reloads (profile switch, filter change, refresh). A load takes a ticket when it starts
 * and passes every awaited result through `check`, so nothing it fetched before the next reload
 * can be written into the tree's state afterwards.
 */
export class Generation {
  private current = 0;

  /** A reload: every ticket taken before is stale from now on. */
  bump(): void {
    this.current++;
  }

  ticket(): number {
    return this.current;
  }

  /**
   * Awaits `work` and returns its result only while `ticket` is still current; otherwise throws
   * StaleLoadError, also in place of the work's own error (an overtaken load's failure is news to no one).
   */
  async check<T>(ticket: number, work: Promise<T> | T): Promise<T> {
    let value: T;
    try {
      value = await work;
    } catch (err) {
      if (ticket !== this.current) throw new StaleLoadError();
      throw err;
    }
    if (ticket !== this.current) throw new StaleLoadError();
    return value;
  }
}
