// Cuts the items of a JSON log answer's `content` array out of its text as it arrives, so a big
// answer is never one string nor one JSON.parse.

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
