// Cuts streamed text into lines across the pieces it arrives in, with a bound on a line's length.

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
