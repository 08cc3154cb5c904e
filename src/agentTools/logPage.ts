// Pure: one page of a task log, for the whole log on request: the lines [offset, offset + limit)
// within a byte bound, how many lines the log has, and where the next page starts.
import { stripAnsi } from '../logs/ansi';

/** The line within `max` characters: a longer one is cut there and says how much was left out. */
export function cutLine(line: string, max: number): string {
  if (line.length <= max) return line;
  // Never between the two halves of a surrogate pair.
  const code = line.charCodeAt(max - 1);
  const at = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${line.slice(0, at)}… (${line.length - at} more characters)`;
}

/** A line's size in a result: its UTF-8 bytes and a newline. */
export function lineBytes(line: string): number {
  return Buffer.byteLength(line) + 1;
}

/** The most bytes a line cut at `maxChars` can take: 3 bytes a UTF-16 unit, the marker, the newline. */
export function maxLineBytes(maxChars: number): number {
  return 3 * maxChars + 40;
}

/** Options of a `LogPage`. */
export interface LogPageOptions {
  /** The index, from 0, of the first line wanted (0). */
  offset?: number;
  /** How many lines at most (200). */
  limit?: number;
  /** The bound of the page's lines, in UTF-8 bytes, a newline counted a line (12 KB). */
  maxBytes?: number;
  /** Where a longer line is cut, in characters (500). */
  maxLineChars?: number;
}

/** What `LogPage.result` returns. */
export interface LogPageResult {
  /** The index, from 0, of `lines[0]`: the offset asked for. */
  offset: number;
  lines: string[];
  totalLines: number;
  /** The offset of the next page; absent when this page reaches the log's end. */
  nextOffset?: number;
}

/** A task log fed in slices (`add` is a `LineSink`) that keeps only one page of it. */
export class LogPage {
  private readonly offset: number;
  private readonly limit: number;
  private readonly maxBytes: number;
  private readonly maxLineChars: number;
  private readonly lines: string[] = [];
  private bytes = 0;
  private total = 0;
  private full = false;

  constructor(options: LogPageOptions = {}) {
    this.offset = Math.max(0, Math.floor(options.offset ?? 0));
    this.limit = Math.max(1, Math.floor(options.limit ?? 200));
    this.maxBytes = options.maxBytes ?? 12 * 1024;
    this.maxLineChars = options.maxLineChars ?? 500;
    if (this.maxBytes < maxLineBytes(this.maxLineChars)) {
      throw new RangeError(`maxBytes ${this.maxBytes} is too small for lines of ${this.maxLineChars} characters`);
    }
  }

  readonly add = (lines: string[]): void => {
    const start = this.total;
    this.total += lines.length;
    if (this.full || this.total <= this.offset) return;
    for (let i = Math.max(0, this.offset - start); i < lines.length; i++) {
      const text = cutLine(stripAnsi(lines[i]), this.maxLineChars);
      if (this.lines.length >= this.limit || this.bytes + lineBytes(text) > this.maxBytes) {
        this.full = true;
        return;
      }
      this.lines.push(text);
      this.bytes += lineBytes(text);
    }
  };

  result(): LogPageResult {
    const next = this.offset + this.lines.length;
    return {
      offset: this.offset,
      lines: [...this.lines],
      totalLines: this.total,
      ...(next < this.total && { nextOffset: next }),
    };
  }
}
