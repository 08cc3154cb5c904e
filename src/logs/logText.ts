// The text of one log tab: lines as they arrive, ANSI escapes turned into colour spans, capped in size. Pure.
import { parseAnsi, type AnsiSpan } from './ansi';

/** The largest `airflow.logMaxSizeMB` honoured (package.json says the same): a workspace setting cannot make a tab hold more. */
export const MAX_LOG_TAB_MB = 64;

/** The tab's size in MB from the setting: a number from 1 to MAX_LOG_TAB_MB, else `fallback`. */
export function logTabMb(setting: unknown, fallback: number): number {
  const n = typeof setting === 'number' && Number.isFinite(setting) ? setting : fallback;
  return Math.min(MAX_LOG_TAB_MB, Math.max(1, n));
}

export interface Dropped {
  lines: number;
  chars: number;
}

/**
 * Holds at most `maxChars` characters of log lines. When more arrive, the oldest lines go
 * (the end of a log is where a failure shows) and `dropped` counts what was left out.
 */
export class LogText {
  private lines: string[] = [];
  private first = 0; // index of the first kept line (dropping is O(1); compacted now and then)
  private chars = 0;
  readonly dropped: Dropped = { lines: 0, chars: 0 };
  /** Every line appended so far, kept or not. */
  totalLines = 0;
  /** Colour spans of the lines that had any, by line number in the whole log (0 = its first line). */
  private readonly colors = new Map<number, AnsiSpan[]>();

  constructor(private readonly maxChars: number) {}

  get lineCount(): number {
    return this.lines.length - this.first;
  }

  get charCount(): number {
    return this.chars;
  }

  append(lines: readonly string[]): void {
    for (const raw of lines) {
      const { text: line, spans } = parseAnsi(raw);
      if (spans.length > 0) this.colors.set(this.totalLines, spans);
      this.lines.push(line);
      this.chars += line.length + 1;
      this.totalLines++;
    }
    while (this.chars > this.maxChars && this.lineCount > 1) {
      const gone = this.lines[this.first++];
      if (this.colors.size > 0) this.colors.delete(this.firstLineNumber - 1);
      this.chars -= gone.length + 1;
      this.dropped.lines++;
      this.dropped.chars += gone.length + 1;
    }
    if (this.first > 4096 && this.first > this.lines.length / 2) {
      this.lines = this.lines.slice(this.first);
      this.first = 0;
    }
  }

  /** The number, in the whole log, of the first kept line. */
  get firstLineNumber(): number {
    return this.totalLines - this.lineCount;
  }

  /** The colour spans of a line by its number in the whole log. */
  colorsOf(lineNumber: number): readonly AnsiSpan[] | undefined {
    return this.colors.get(lineNumber);
  }

  /**
   * The last kept lines that fit in `maxChars` (at least one), and the number of the first of them:
   * a cheap view of a log still loading, redrawn often, where the whole text would be costly.
   */
  tail(maxChars: number): { text: string; firstLineNumber: number } {
    const firstLineNumber = this.tailStart(maxChars);
    return { text: this.linesFrom(firstLineNumber, this.totalLines - firstLineNumber).join('\n'), firstLineNumber };
  }

  /** The number of the first of the last kept lines that fit in `maxChars` (at least one). */
  tailStart(maxChars: number): number {
    let i = this.lines.length;
    let size = 0;
    while (i > this.first && (i === this.lines.length || size + this.lines[i - 1].length + 1 <= maxChars)) {
      i--;
      size += this.lines[i].length + 1;
    }
    return this.totalLines - (this.lines.length - i);
  }

  /** `count` kept lines from the one numbered `lineNumber` in the whole log. */
  linesFrom(lineNumber: number, count: number): string[] {
    const start = this.first + Math.max(0, lineNumber - this.firstLineNumber);
    return this.lines.slice(start, start + count);
  }

  /** The first `n` kept lines. */
  firstKept(n: number): string[] {
    return this.lines.slice(this.first, this.first + n);
  }

  kept(): string[] {
    return this.lines.slice(this.first);
  }
}

/** `12.3 MB`, `870 KB`, `12 B`. */
export function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / 1024 / 1024).toFixed(1)} MB`;
  if (chars >= 1024) return `${Math.round(chars / 1024)} KB`;
  return `${chars} B`;
}
