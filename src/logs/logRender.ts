// Builds a log tab's text from its header and kept lines, and remembers where the last render put
// each line (for the colours and folding of the lines on screen).
import type { LogText } from './logText';

/** A redraw while loading shows this much of the latest lines: cheap enough to repeat every few hundred ms. */
export const LOADING_VIEW_CHARS = 256 * 1024;

export class LogRender {
  /** What the last render put where: the document line of the log's line `firstLineNumber`. */
  private view = { header: [] as string[], headerLines: 0, firstLineNumber: 0, lineCount: 0 };

  constructor(private readonly text: LogText) {}

  /**
   * The tab's text. While loading, the latest lines only (`tailChars` of them, a cheap redraw,
   * repeated as lines arrive); once loaded (`tailChars` undefined), all that is kept.
   */
  render(header: string[], tailChars: number | undefined): string {
    const firstLineNumber = tailChars !== undefined ? this.text.tailStart(tailChars) : this.text.firstLineNumber;
    const lineCount = this.text.totalLines - firstLineNumber;
    this.view = { header, headerLines: header.length, firstLineNumber, lineCount };
    // One join and nothing appended after it: the 16 MB text is built once, flat (a concatenation
    // would be copied again when flattened), and stays one byte a character when header and log are.
    return header.concat(this.text.linesFrom(firstLineNumber, lineCount), '').join('\n');
  }

  /**
   * The lines of the last render, without joining and splitting its text again (16 MB of it for a
   * big log: a stall of its own).
   */
  renderedLines(): string[] {
    return this.view.header.concat(this.text.linesFrom(this.view.firstLineNumber, this.view.lineCount));
  }

  /**
   * The colour spans of a line of the last render, by its line in the document (undefined for the
   * header and for lines without colour).
   */
  colorsAt(documentLine: number): ReturnType<LogText['colorsOf']> {
    const i = documentLine - this.view.headerLines;
    if (i < 0 || i >= this.view.lineCount) return undefined;
    return this.text.colorsOf(this.view.firstLineNumber + i);
  }
}
