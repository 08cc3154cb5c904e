// Pure: a run of numbered log lines kept within a bound (its first lines and its last ones), and
// shortened from its middle to a byte budget.
import { lineBytes } from './logPage';

/** A line and its number in the log, from 1. */
export interface Numbered {
  n: number;
  text: string;
}

/** A section keeps at most this many first lines and as many last ones (a traceback of 10,000 frames). */
const KEEP = 100;

/** Lines from `firstLine` on, as they come: the first `keep` and a ring of the last `keep`. */
export class Section {
  private readonly head: string[] = [];
  private readonly end: string[] = [];
  private endStart = 0;
  private dropped = 0;

  constructor(
    private readonly firstLine: number,
    private readonly keep = KEEP,
  ) {}

  push(text: string): void {
    if (this.head.length < this.keep) this.head.push(text);
    else if (this.end.length < this.keep) this.end.push(text);
    else {
      this.end[this.endStart] = text;
      this.endStart = (this.endStart + 1) % this.keep;
      this.dropped++;
    }
  }

  entries(): Numbered[] {
    const out = this.head.map((text, i) => ({ n: this.firstLine + i, text }));
    const endFirst = this.firstLine + this.head.length + this.dropped;
    for (let i = 0; i < this.end.length; i++) {
      out.push({ n: endFirst + i, text: this.end[(this.endStart + i) % this.end.length] });
    }
    return out;
  }

  /**
   * The entries within `budget` bytes. When they are more: their last lines (a traceback's
   * exception and innermost frames) within two thirds of it, then their first lines; the middle is
   * left out, next to the gap the entries may already have, so there is at most one.
   */
  static fit(entries: Numbered[], budget: number): Numbered[] {
    if (entries.reduce((sum, e) => sum + lineBytes(e.text), 0) <= budget) return entries;
    const gap = entries.findIndex((e, k) => k > 0 && e.n !== entries[k - 1].n + 1);
    let used = 0;
    let end = entries.length;
    while (end > Math.max(gap, 1) && used + lineBytes(entries[end - 1].text) <= (budget * 2) / 3) {
      used += lineBytes(entries[--end].text);
    }
    let head = 0;
    const headLimit = gap > 0 ? gap : end;
    while (head < headLimit && used + lineBytes(entries[head].text) <= budget) used += lineBytes(entries[head++].text);
    return [...entries.slice(0, head), ...entries.slice(end)];
  }
}
