// The text of one log tab: lines as they arrive, ANSI removed, capped in size. Pure.
import { stripAnsi } from './ansi';

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

  constructor(private readonly maxChars: number) {}

  get lineCount(): number {
    return this.lines.length - this.first;
  }

  get charCount(): number {
    return this.chars;
  }

  append(lines: readonly string[]): void {
    for (const raw of lines) {
      const line = stripAnsi(raw);
      this.lines.push(line);
      this.chars += line.length + 1;
      this.totalLines++;
    }
    while (this.chars > this.maxChars && this.lineCount > 1) {
      const gone = this.lines[this.first++];
      this.chars -= gone.length + 1;
      this.dropped.lines++;
      this.dropped.chars += gone.length + 1;
    }
    if (this.first > 4096 && this.first > this.lines.length / 2) {
      this.lines = this.lines.slice(this.first);
      this.first = 0;
    }
  }

  kept(): string[] {
    return this.lines.slice(this.first);
  }

  text(): string {
    return this.kept().join('\n');
  }
}

/** `12.3 MB`, `870 KB`, `12 B`. */
export function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / 1024 / 1024).toFixed(1)} MB`;
  if (chars >= 1024) return `${Math.round(chars / 1024)} KB`;
  return `${chars} B`;
}
