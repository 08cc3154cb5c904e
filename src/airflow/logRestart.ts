// Some servers ignore the position in a log's continuation token and answer with the whole log
// again: Airflow 3.0.6 and 3.1.8 compute the position and drop it (3.2.2 fails on it with a 500:
// see LogSession.readAvailable); 3.3 sends only what is
// new. The first answer starts with a "::group::Log message source details" header; the re-sent
// ones start at the first log line without it. Every reader that follows tokens (the log tab,
// Save Full Log, readFullLog) drops what it already has this way.
import { isAirflowError } from './errors';

/** How many of the log's first lines are kept to find where a re-sent log begins. */
export const HEAD_LINES = 50;
/** How many lines in a row must match there. */
const MATCH_LINES = 3;

/**
 * How many leading lines of a chunk asked for by token were read before (0: all are new). A chunk
 * is the log sent again when it begins with a run of the log's first lines (`head`, maybe past a
 * header the server sends only once) and holds at least the lines read since (a log only grows).
 */
export function alreadyRead(lines: readonly string[], head: readonly string[], have: number): number {
  if (have === 0 || lines.length === 0) return 0;
  for (let k = 0; k < Math.min(head.length, have); k++) {
    const skip = have - k;
    const m = Math.min(MATCH_LINES, skip, head.length - k);
    if (lines.length < skip || m <= 0) continue;
    let same = true;
    for (let i = 0; i < m && same; i++) same = lines[i] === head[k + i];
    if (same) return skip;
  }
  return 0;
}

/** Follows one log across chunks: what each chunk adds that was not read before. */
export class LogCursor {
  private readonly head: string[] = [];
  private have = 0;

  /** The new lines of a chunk (`askedWithToken`: the request carried a continuation token). */
  next(lines: readonly string[], askedWithToken: boolean): readonly string[] {
    // Without a token the server sends the log from the start, header and all.
    const fresh = lines.slice(askedWithToken ? alreadyRead(lines, this.head, this.have) : this.have);
    if (this.head.length < HEAD_LINES) this.head.push(...fresh.slice(0, HEAD_LINES - this.head.length));
    this.have += fresh.length;
    return fresh;
  }
}

/**
 * Whether `err` is Airflow 3.2.2's answer to a log read by continuation token: a 500 (its reader
 * rejects its own islice). A server that sends the whole log to a read without a token (API v2)
 * can then be read from the start instead.
 */
export function tokenReadFailed(err: unknown, token: string | null, wholeFromStart: boolean): boolean {
  return token !== null && wholeFromStart && isAirflowError(err) && err.kind === 'server';
}

const SOURCE_GROUP = '::group::Log message source details';

/**
 * How many lines the "Log message source details" group a log read from the start begins with
 * takes (0 without one). Its source lines change as the task ends (served by the worker while it
 * runs, a local file after), so a log read again from the start is lined up past it.
 */
export function sourceHeaderLength(lines: readonly string[]): number {
  if (lines[0] !== SOURCE_GROUP) return 0;
  const end = lines.indexOf('::endgroup::');
  return end < 0 ? 0 : end + 1;
}
