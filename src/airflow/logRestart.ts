// Some servers ignore the position in a log's continuation token and answer with the whole log
// again from its first line (Airflow 3.1.8; 3.3 sends only what is new). Every reader that
// follows tokens (the log tab, Save Full Log, readFullLog) drops what it already has this way.

/** How many of the log's first lines identify it when a server sends it again from the start. */
export const HEAD_LINES = 5;

/**
 * Whether a chunk asked for by token is the log sent again from the start: it holds at least the
 * `have` lines read so far (a log only grows) and begins with the log's first lines (`head`).
 */
export function startsOver(lines: readonly string[], head: readonly string[], have: number): boolean {
  if (have === 0 || lines.length < have || head.length === 0) return false;
  return head.every((line, i) => lines[i] === line);
}

/** Follows one log across chunks: what each chunk adds that was not read before. */
export class LogCursor {
  private readonly head: string[] = [];
  private have = 0;

  /** The new lines of a chunk (`askedWithToken`: the request carried a continuation token). */
  next(lines: readonly string[], askedWithToken: boolean): readonly string[] {
    // Without a token the server sends the log from the start too.
    const fresh = !askedWithToken || startsOver(lines, this.head, this.have) ? lines.slice(this.have) : lines;
    if (this.head.length < HEAD_LINES) this.head.push(...fresh.slice(0, HEAD_LINES - this.head.length));
    this.have += fresh.length;
    return fresh;
  }
}
