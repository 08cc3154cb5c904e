// Reads a log answer in slices: its lines reach the caller as the body arrives, and the event loop
// gets a turn between slices, so a 50 MB log is never held whole and never freezes the extension host.
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
export const SLICE_MS = 12;

/** Returns a function that hands the event loop a turn once `sliceMs` have passed since the last one. */
export function slicer(sliceMs = SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    // setImmediate, not a resolved promise: microtasks would run before the timers and I/O waiting.
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/** The longest line kept, in characters: a log line without an end cannot grow without bound. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** What ends a line cut at MAX_LINE_CHARS (the rest of it, up to its newline, is left out). */
export const LINE_CUT_MARKER = ' … [line cut: longer than 1 MB]';

/**
 * Cuts text into lines across the pieces it arrives in (`\r\n` or `\n`). An unfinished line is
 * kept as a list of its pieces and joined once, when its newline comes (rebuilding it at each
 * piece made a 16 MB line in 64 KB pieces cost 1.4 s); a line longer than `maxLine` is cut there,
 * ends with LINE_CUT_MARKER, and the rest of it is dropped as it arrives.
 */
export class LineSplitter {
  private pending: string[] = [];
  private pendingChars = 0;
  private cut = false;

  constructor(private readonly maxLine = MAX_LINE_CHARS) {}

  push(piece: string): string[] {
    const out: string[] = [];
    let start = 0;
    for (let nl = piece.indexOf('\n'); nl >= 0; nl = piece.indexOf('\n', start)) {
      this.keep(piece, start, nl);
      out.push(this.take());
      start = nl + 1;
    }
    this.keep(piece, start, piece.length);
    return out;
  }

  /** The last line when the text did not end with a newline. */
  end(): string[] {
    return this.pendingChars > 0 || this.cut ? [this.take()] : [];
  }

  private keep(piece: string, from: number, to: number): void {
    if (this.cut || to <= from) return;
    const room = this.maxLine - this.pendingChars;
    if (to - from > room) {
      this.pending.push(piece.slice(from, from + room));
      this.pendingChars += room;
      this.cut = true;
      return;
    }
    this.pending.push(from === 0 && to === piece.length ? piece : piece.slice(from, to));
    this.pendingChars += to - from;
  }

  private take(): string {
    const joined = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    const line = this.cut ? `${joined}${LINE_CUT_MARKER}` : dropCr(joined);
    this.pending = [];
    this.pendingChars = 0;
    this.cut = false;
    return line;
  }
}

function dropCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
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

const QUOTE = 34,
  BACKSLASH = 92,
  COMMA = 44,
  COLON = 58;
const OPEN_OBJ = 123,
  CLOSE_OBJ = 125,
  OPEN_ARR = 91,
  CLOSE_ARR = 93;

/**
 * Cuts the items of the top-level `content` array out of a JSON object as its text arrives, by
 * following brackets and strings, and parses each item alone: the whole body is never one string
 * and never one JSON.parse. The object's other values (the continuation token) are small and land
 * in `rest`.
 */
export class JsonContentScanner {
  readonly rest: Record<string, unknown> = {};
  private buf = '';
  private pos = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Where in `buf` the key or value being cut out starts; -1 between them. */
  private start = -1;
  private inContent = false;
  private expectKey = true;
  private key = '';

  feed(piece: string): unknown[] {
    const out: unknown[] = [];
    this.buf += piece;
    const buf = this.buf;
    for (; this.pos < buf.length; this.pos++) {
      const c = buf.charCodeAt(this.pos);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.depth === 1 && this.expectKey && this.start >= 0) {
            this.key = String(JSON.parse(buf.slice(this.start, this.pos + 1)));
            this.start = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      // The values we cut out live at depth 1 (the object's) or 2 (the content array's items).
      const level = this.inContent ? 2 : 1;
      if (this.depth === level && (c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR)) {
        if (this.start >= 0) {
          const value: unknown = JSON.parse(buf.slice(this.start, this.pos));
          if (this.inContent) out.push(value);
          else this.rest[this.key] = value;
          this.start = -1;
        }
        if (c === COMMA) {
          if (level === 1) this.expectKey = true;
        } else {
          this.depth--;
          this.inContent = false;
        }
        continue;
      }
      if (c === COLON && this.depth === 1) {
        this.expectKey = false;
        continue;
      }
      if (this.depth === level && this.start < 0) {
        if (level === 1 && !this.expectKey && this.key === 'content' && c === OPEN_ARR) {
          this.inContent = true;
          this.depth = 2;
          continue;
        }
        this.start = this.pos;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJ || c === OPEN_ARR) this.depth++;
      else if (c === CLOSE_OBJ || c === CLOSE_ARR) this.depth--;
    }
    // Keep only the part not yet cut out.
    if (this.start >= 0) {
      this.buf = buf.slice(this.start);
      this.pos -= this.start;
      this.start = 0;
    } else {
      this.buf = '';
      this.pos = 0;
    }
    return out;
  }

  /** Fails when the body ended inside the object. */
  end(): void {
    if (this.depth !== 0 || this.inString) throw new Error('the JSON log answer ended in the middle');
  }
}
