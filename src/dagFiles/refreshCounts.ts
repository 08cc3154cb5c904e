// How much work the DAG files' refreshes did, counted for the VS Code suites (through the test hooks) to assert on.

/** Counters only: nothing in the extension reads them. */
export class RefreshCounts {
  /** DAG lookups sent so far (one per refresh that asked the server). */
  lookups = 0;
  /** Refreshes done so far (of the DAG files on screen). */
  refreshes = 0;
}
