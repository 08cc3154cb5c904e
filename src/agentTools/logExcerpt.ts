// Pure: what a language model is shown of a task log, read as it streams: the first traceback (or
// the lines around the first ERROR), the log's last lines and its one telling line, within a byte
// bound. Memory stays bounded whatever the log's size: a ring for the tail, small windows for the rest.
import { stripAnsi } from '../logs/ansi';
import { Section, type Numbered } from './logSection';
import { cutLine, lineBytes, maxLineBytes } from './logPage';

/** Options of a `LogExcerpt`; the defaults suit a tool's result. */
export interface LogExcerptOptions {
  /** How many of the log's last lines the tail holds (40). */
  tailLines?: number;
  /** The bound of the error line, error section and tail together, in UTF-8 bytes, a newline counted a line (12 KB). */
  maxBytes?: number;
  /** Where a longer line is cut, in characters (500). */
  maxLineChars?: number;
}

/** Lines of the log, numbered from 1. */
export interface LogSection {
  firstLine: number;
  lastLine: number;
  lines: string[];
  /** Lines left out inside the section (the middle of a very long traceback): `count` lines before `lines[index]`. */
  gap?: { index: number; count: number };
}

/** What `LogExcerpt.result` returns. */
export interface LogExcerptResult {
  /** The first traceback with the lines before it, or else the lines around the first ERROR or CRITICAL line. */
  error?: LogSection & { kind: 'traceback' | 'errorLevel' };
  /** The last traceback's exception line (`ValueError: boom`), or else the first ERROR line's message. */
  errorLine?: string;
  /** The log's last lines after the error section, shortened from its start to stay within the bound. */
  tail: LogSection;
  totalLines: number;
  /** The log's size in UTF-8 bytes, a newline counted for each line. */
  totalBytes: number;
  /** How many lines of the log neither section shows. */
  omittedLines: number;
}

const CONTEXT_BEFORE = 5;
const CONTEXT_AFTER = 10;
const TRACEBACK = /^\s*(?:\+\s*)?(?:Exception Group )?Traceback \(most recent call last\):/;
/** Inside a traceback: a frame, its source, a chain's wording, a blank line. */
const CONTINUES = /^(?:\s|File "|During handling of the above exception|The above exception was the direct cause|$)/;
const CHAINED = /^(?:During handling of the above exception|The above exception was the direct cause)/;
/** What ends a traceback: `ValueError: boom`, `airflow.exceptions.AirflowException: …`, `KeyboardInterrupt`. */
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?::(?:\s.*)?)?$/;
const EXCEPTION_NAME = /(?:Error|Exception|Exit|Interrupt|Warning)$/;
/** A cheap first look for a line at ERROR or CRITICAL level, before reading its prefix. */
const ERROR_HINT = /ERROR|CRITICAL|FATAL|\[(?:error|critical|fatal|exception)\b/;
const ERROR_LEVELS = new Set(['ERROR', 'CRITICAL', 'FATAL', 'EXCEPTION']);
const LEVELS = 'DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|NOTSET';
/** `[2026-12-08T02:21:10.403+0000] {taskinstance.py:2632} ERROR - text` (2.x, and 3.x's own loggers). */
const BRACKETED = new RegExp(`^\\[[^\\]]*\\]\\s+(?:\\{[^}]*\\}\\s+)?(${LEVELS})\\s+-(?: |$)`);
/** `2026-12-08T02:21:10.403Z [error    ] text [task]` (structlog's console, 3.x). */
const CONSOLE = new RegExp(`^(?:\\S+\\s+)?\\[(${LEVELS.toLowerCase()}|exception)\\s*\\]\\s`);
/** `2026-12-08T02:21:10.403Z ERROR task: text` (3.x's structured lines as `logFormat.ts` renders them). */
const RENDERED = new RegExp(`^\\d{4}-\\d\\d-\\d\\d[T ][\\d:.,]+(?:Z|[+-][\\d:]+)?\\s+(${LEVELS})\\s`);
const LOGGER = /^([\w.-]+):\s/;

/** A line's level and the text after its `[…] {…} LEVEL - ` prefix (the whole line when it has none). */
function readLine(line: string): { level?: string; text: string } {
  const m = BRACKETED.exec(line) ?? CONSOLE.exec(line);
  if (m) return { level: m[1].toUpperCase(), text: line.slice(m[0].length) };
  const r = RENDERED.exec(line);
  if (!r) return { text: line };
  const text = line.slice(r[0].length);
  // `task: ` is a logger's name; `ValueError: ` the start of an exception line.
  const logger = LOGGER.exec(text);
  return { level: r[1], text: logger && !EXCEPTION_NAME.test(logger[1]) ? text.slice(logger[0].length) : text };
}

/**
 * A task log fed in slices (`add` is a `LineSink`), then `result()`: the error section, the tail
 * and the telling line, within `maxBytes`.
 */
export class LogExcerpt {
  private readonly tailLines: number;
  private readonly maxBytes: number;
  private readonly maxLineChars: number;
  /** The last lines, cut: the tail, and the context before a section. */
  private readonly recent: string[];
  private total = 0;
  private bytes = 0;
  private state: 'none' | 'in' | 'after' = 'none';
  /** Blank lines after an exception line, kept until a chain's wording says they belong to it. */
  private blanks: string[] = [];
  private firstTraceback?: Section;
  private tracebackOpen = false;
  private firstError?: Section;
  private errorLinesLeft = 0;
  private lastException?: string;
  private firstErrorText?: string;

  constructor(options: LogExcerptOptions = {}) {
    this.tailLines = options.tailLines ?? 40;
    this.maxBytes = options.maxBytes ?? 12 * 1024;
    this.maxLineChars = options.maxLineChars ?? 500;
    if (this.maxBytes < 4 * maxLineBytes(this.maxLineChars)) {
      throw new RangeError(`maxBytes ${this.maxBytes} is too small for lines of ${this.maxLineChars} characters`);
    }
    this.recent = new Array<string>(Math.max(this.tailLines, CONTEXT_BEFORE, 1));
  }

  readonly add = (lines: string[]): void => {
    for (const raw of lines) {
      const n = ++this.total;
      this.bytes += Buffer.byteLength(raw) + 1;
      const line = stripAnsi(raw);
      const kept = cutLine(line, this.maxLineChars);
      if (this.errorLinesLeft > 0) {
        this.firstError!.push(kept);
        this.errorLinesLeft--;
      }
      const lookForError = !this.firstError && ERROR_HINT.test(line);
      if (lookForError || this.state !== 'none' || line.includes('Traceback (most recent call last):')) {
        const { level, text } = readLine(line);
        if (lookForError && level && ERROR_LEVELS.has(level)) {
          this.firstError = this.section(n, kept);
          this.errorLinesLeft = CONTEXT_AFTER;
          this.firstErrorText = cutLine(text, this.maxLineChars);
        }
        this.traceback(n, text, kept);
      }
      this.recent[(n - 1) % this.recent.length] = kept;
    }
  };

  /** One line through the traceback reader: in a traceback or not, its end, a chain. */
  private traceback(n: number, text: string, kept: string): void {
    if (this.state === 'after') {
      if (!text.trim() && this.blanks.length < 2) {
        this.blanks.push(kept);
        return;
      }
      // A chain: Python's wording between the two, or `logFormat.ts`'s tracebacks one after the other.
      if (!CHAINED.test(text) && !TRACEBACK.test(text)) this.endTraceback();
      else {
        for (const blank of this.blanks) this.part(blank);
        this.blanks = [];
        this.state = 'in';
      }
    }
    if (this.state === 'in') {
      if (CONTINUES.test(text) || TRACEBACK.test(text)) return this.part(kept);
      if (EXCEPTION_LINE.test(text)) {
        this.part(kept);
        this.lastException = cutLine(text, this.maxLineChars);
        this.state = 'after';
        return;
      }
      this.endTraceback();
    }
    if (TRACEBACK.test(text)) {
      this.state = 'in';
      if (this.firstTraceback) return;
      this.firstTraceback = this.section(n, kept);
      this.tracebackOpen = true;
    }
  }

  private part(kept: string): void {
    if (this.tracebackOpen) this.firstTraceback!.push(kept);
  }

  private endTraceback(): void {
    this.state = 'none';
    this.blanks = [];
    this.tracebackOpen = false;
  }

  /** A section starting at line `n`, with the lines before it as context. */
  private section(n: number, kept: string): Section {
    const from = Math.max(1, n - CONTEXT_BEFORE);
    const section = new Section(from);
    for (let i = from; i < n; i++) section.push(this.recent[(i - 1) % this.recent.length]);
    section.push(kept);
    return section;
  }

  result(): LogExcerptResult {
    const errorLine = this.lastException ?? this.firstErrorText;
    let budget = this.maxBytes - (errorLine === undefined ? 0 : lineBytes(errorLine));
    const found = this.firstTraceback ?? this.firstError;
    const error = found ? Section.fit(found.entries(), budget) : [];
    budget -= error.reduce((sum, e) => sum + lineBytes(e.text), 0);
    const tail: Numbered[] = [];
    const tailFrom = Math.max((error.at(-1)?.n ?? 0) + 1, this.total - this.tailLines + 1);
    for (let n = this.total; n >= tailFrom; n--) {
      const text = this.recent[(n - 1) % this.recent.length];
      budget -= lineBytes(text);
      if (budget < 0) break;
      tail.push({ n, text });
    }
    tail.reverse();
    return {
      ...(found && { error: { ...asSection(error), kind: this.firstTraceback ? 'traceback' : 'errorLevel' } }),
      ...(errorLine !== undefined && { errorLine }),
      tail: tail.length ? asSection(tail) : { firstLine: this.total + 1, lastLine: this.total, lines: [] },
      totalLines: this.total,
      totalBytes: this.bytes,
      omittedLines: this.total - error.length - tail.length,
    };
  }
}

/** Numbered lines as a section: its first and last numbers, and where lines are missing. */
function asSection(entries: Numbered[]): LogSection {
  const i = entries.findIndex((e, k) => k > 0 && e.n !== entries[k - 1].n + 1);
  return {
    firstLine: entries[0].n,
    lastLine: entries[entries.length - 1].n,
    lines: entries.map((e) => e.text),
    ...(i > 0 && { gap: { index: i, count: entries[i].n - entries[i - 1].n - 1 } }),
  };
}
