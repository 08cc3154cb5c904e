// Folding ranges of a rendered task log. Pure: line numbers in, ranges out.

export interface FoldRange {
  /** Zero-based first line (the `::group::` line or the traceback's first line). */
  start: number;
  /** Zero-based last line of the range. */
  end: number;
  kind: 'group' | 'traceback';
}

const GROUP = /^(?:.*\s)?::group::/;
const END_GROUP = /^(?:.*\s)?::endgroup::\s*$/;
const TRACEBACK = /Traceback \(most recent call last\):\s*$/;

/** One scan of the lines, a part at a time: a 16 MB log's scan can let other work run between parts. */
class FoldScan {
  private readonly out: FoldRange[] = [];
  private readonly open: number[] = [];
  private i = 0;

  constructor(private readonly lines: readonly string[]) {}

  /** Scans up to `count` more lines; false once every line is scanned. */
  step(count: number): boolean {
    const { lines, out, open } = this;
    const stop = Math.min(lines.length, this.i + count);
    for (let i = this.i; i < stop; i++) {
      const line = lines[i];
      // Most lines are neither: a plain substring check first keeps a 16 MB log's folding quick.
      const marker = line.includes('::');
      if (!marker && !line.includes('Traceback')) continue;
      if (marker && END_GROUP.test(line)) {
        const start = open.pop();
        if (start !== undefined && i > start) out.push({ start, end: i, kind: 'group' });
      } else if (marker && GROUP.test(line)) {
        open.push(i);
      } else if (TRACEBACK.test(line)) {
        let j = i + 1;
        while (j < lines.length && /^(\s|$)/.test(lines[j]) && lines[j] !== '') j++;
        // j is the exception line ("ValueError: ...") unless the log ended.
        const end = j < lines.length ? j : lines.length - 1;
        if (end > i) out.push({ start: i, end, kind: 'traceback' });
        i = end;
      }
      this.i = i + 1;
    }
    this.i = Math.max(this.i, stop);
    return this.i < lines.length;
  }

  ranges(): FoldRange[] {
    const { lines, out, open } = this;
    while (open.length) {
      const start = open.pop()!;
      if (lines.length - 1 > start) out.push({ start, end: lines.length - 1, kind: 'group' });
    }
    return out.sort((a, b) => a.start - b.start);
  }
}

/**
 * `::group::` ... `::endgroup::` sections (nested ones too; an unclosed group runs to the end)
 * and Python tracebacks (the header, the indented frames, the exception line).
 */
export function foldingRanges(lines: readonly string[]): FoldRange[] {
  const scan = new FoldScan(lines);
  scan.step(lines.length);
  return scan.ranges();
}

/**
 * The same, `partLines` lines at a time with `pause()` awaited between parts; undefined when
 * `cancelled()` says so between parts.
 */
export async function foldingRangesInParts(
  lines: readonly string[],
  pause: () => Promise<void>,
  cancelled: () => boolean,
  partLines = 20_000,
): Promise<FoldRange[] | undefined> {
  const scan = new FoldScan(lines);
  while (scan.step(partLines)) {
    await pause();
    if (cancelled()) return undefined;
  }
  return scan.ranges();
}
