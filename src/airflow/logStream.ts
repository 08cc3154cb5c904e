// Reads a log answer in slices: its lines reach the caller as the body arrives, and the event loop
// gets a turn between slices, so a 50 MB log is never held whole and never freezes the extension host.
import { JsonContentScanner } from './jsonContentScanner';
import { LINE_CUT_MARKER, LineSplitter } from './lineSplitter';
import { renderStructured } from './logFormat';

/** Where streamed lines go; awaited, so a slow consumer slows the reading. */
export type LineSink = (lines: string[]) => void | Promise<void>;

/** What a streamed read ends with (its lines went to the sink). */
export interface LogStreamEnd {
  /** Pass back to read the rest; null when the server says the log is complete. */
  continuationToken: string | null;
  endOfLog: boolean;
  /** How many lines went to the sink. */
  lines: number;
}

/** A body reader: pieces of decoded text, then the end. */
export interface TextReader {
  text(piece: string): void | Promise<void>;
  end(): void | Promise<void>;
}

/** How long one slice of parsing may run before other work (timers, the UI's requests) gets a turn. */
const SLICE_MS = 12;

/** Returns a function that hands the event loop a turn once `sliceMs` have passed since the last one. */
function slicer(sliceMs = SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    // setImmediate, not a resolved promise: microtasks would run before the timers and I/O waiting.
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/**
 * Sends lines to `sink` as they come, in slices. `emit` both forwards a batch and yields when the
 * slice is used up; `count` is what went through.
 */
export function emitter(
  sink: LineSink,
  sliceMs = SLICE_MS,
): { emit(lines: string[]): Promise<void>; readonly count: number } {
  const next = slicer(sliceMs);
  let count = 0;
  return {
    async emit(lines) {
      if (lines.length > 0) {
        count += lines.length;
        await sink(lines);
      }
      await next();
    },
    get count() {
      return count;
    },
  };
}

/** Plain text (v1 `text/plain`), optionally without its first line (the host name Airflow 2 puts first). */
export function textLines(emit: (lines: string[]) => Promise<void>, dropFirstLine: boolean): TextReader {
  const split = new LineSplitter();
  let drop = dropFirstLine;
  const out = (lines: string[]) => {
    if (drop && lines.length > 0) {
      drop = false;
      lines = lines.slice(1);
    }
    return emit(lines);
  };
  return { text: (piece) => out(split.push(piece)), end: () => out(split.end()) };
}

/** v2 `application/x-ndjson`: one structured log message per line. */
export function ndjsonLines(emit: (lines: string[]) => Promise<void>): TextReader {
  const split = new LineSplitter();
  const render = (raw: string[]) => {
    const lines: string[] = [];
    for (const r of raw) {
      if (!r.trim()) continue;
      // A cut line is no longer JSON: it is shown as the text it was.
      if (r.endsWith(LINE_CUT_MARKER)) lines.push(r);
      else lines.push(...renderStructured(JSON.parse(r)));
    }
    return emit(lines);
  };
  return { text: (piece) => render(split.push(piece)), end: () => render(split.end()) };
}

/** v2 `application/json` (`{"content": [...], "continuation_token": ...}`), read item by item. */
export function jsonLogLines(
  emit: (lines: string[]) => Promise<void>,
): TextReader & { readonly rest: Record<string, unknown> } {
  const scanner = new JsonContentScanner();
  const render = (items: unknown[]) => {
    const lines: string[] = [];
    for (const m of items) lines.push(...renderStructured(m));
    return emit(lines);
  };
  return {
    text: (piece) => render(scanner.feed(piece)),
    end: () => {
      scanner.end();
      return emit([]);
    },
    get rest() {
      return scanner.rest;
    },
  };
}
