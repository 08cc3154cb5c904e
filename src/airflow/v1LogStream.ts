// Airflow 2's JSON log answer, read as it arrives: `{"continuation_token": …, "content": "<Python repr
// of [(host, text), …]>"}`. The log is quoted twice (a Python string inside a JSON string): both
// quotings are undone piece by piece, and the text comes out in lines, never as one 50 MB string.
import { LineSplitter } from './lineSplitter';
import { PY_ESCAPES } from './logFormat';
import { textLines, type TextReader } from './logStream';

const JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Undoes JSON string escapes across pieces. */
class JsonStringDecoder {
  private carry = '';
  constructor(private readonly out: (text: string) => void) {}

  /** Decodes up to the closing quote and returns what follows it; undefined while the string goes on. */
  feed(piece: string): string | undefined {
    const s = this.carry + piece;
    this.carry = '';
    let text = '';
    for (let i = 0; ;) {
      const q = s.indexOf('"', i);
      const b = s.indexOf('\\', i);
      if (b === -1 || (q !== -1 && q < b)) {
        this.out(text + s.slice(i, q === -1 ? s.length : q));
        return q === -1 ? undefined : s.slice(q + 1);
      }
      text += s.slice(i, b);
      const need = s[b + 1] === 'u' ? 6 : 2;
      if (b + need > s.length) {
        // An escape cut by the end of the piece: finish it with the next.
        this.carry = s.slice(b);
        this.out(text);
        return undefined;
      }
      text +=
        s[b + 1] === 'u'
          ? String.fromCharCode(parseInt(s.slice(b + 2, b + 6), 16))
          : (JSON_ESCAPES[s[b + 1]] ?? s[b + 1]);
      i = b + need;
    }
  }
}

/** Undoes a Python repr of `[(host, text), …]` across pieces: the tuples' texts (not their hosts), joined by a newline. */
class PythonReprDecoder {
  private inString = false;
  private quote = '';
  private raw = false;
  /** Which element of the current tuple the string being read is (0: the host). */
  private element = 0;
  private tuples = 0;
  private carry = '';

  feed(piece: string): string {
    const s = this.carry + piece;
    this.carry = '';
    const out: string[] = [];
    for (let i = 0; i < s.length;) {
      if (!this.inString) {
        const c = s[i++];
        if (c === '(') {
          this.element = 0;
          if (this.tuples++ > 0) out.push('\n');
        } else if (c === "'" || c === '"') {
          this.inString = true;
          this.quote = c;
        } else if (c === 'r' || c === 'R') {
          this.raw = true;
        }
        continue;
      }
      const keep = this.element >= 1;
      const q = s.indexOf(this.quote, i);
      const b = this.raw ? -1 : s.indexOf('\\', i);
      if (b === -1 || (q !== -1 && q < b)) {
        if (keep) out.push(s.slice(i, q === -1 ? s.length : q));
        if (q === -1) break;
        i = q + 1;
        this.inString = false;
        this.raw = false;
        this.element++;
        continue;
      }
      if (keep) out.push(s.slice(i, b));
      const n = s[b + 1];
      const need = n === 'x' ? 4 : n === 'u' ? 6 : n === 'U' ? 10 : 2;
      if (b + need > s.length) {
        this.carry = s.slice(b);
        break;
      }
      if (keep) {
        const hex = s.slice(b + 2, b + need);
        out.push(
          n === 'x' || n === 'u'
            ? String.fromCharCode(parseInt(hex, 16))
            : n === 'U'
              ? String.fromCodePoint(parseInt(hex, 16))
              : (PY_ESCAPES[n] ?? n),
        );
      }
      i = b + need;
    }
    return out.join('');
  }
}

/**
 * A v1 log answer's reader for its content type: `text/plain` without its first line (the worker's
 * host name Airflow 2 puts first), or the JSON form undone piece by piece. `rest` gets the JSON
 * form's continuation token.
 */
export function v1LogLines(
  contentType: string,
  emit: (lines: string[]) => Promise<void>,
): TextReader & { readonly rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = {};
  if (!contentType.includes('json')) return { ...textLines(emit, true), rest };
  const split = new LineSplitter();
  const repr = new PythonReprDecoder();
  let lines: string[] = [];
  const content = new JsonStringDecoder((text) => {
    for (const line of split.push(repr.feed(text))) lines.push(line);
  });
  /** Text around the content string: the keys and the small token, read once the body has ended. */
  let outside = '';
  let state: 'before' | 'content' | 'after' = 'before';
  const flush = () => {
    const batch = lines;
    lines = [];
    return emit(batch);
  };
  return {
    rest,
    text(piece) {
      let s: string | undefined = piece;
      if (state === 'before') {
        outside += s;
        const m = /"content"\s*:\s*"/.exec(outside);
        if (!m) return flush();
        s = outside.slice(m.index + m[0].length);
        outside = outside.slice(0, m.index);
        state = 'content';
      }
      if (state === 'content') {
        s = content.feed(s);
        if (s === undefined) return flush();
        state = 'after';
      }
      outside += s;
      return flush();
    },
    end() {
      if (state === 'content' || !/}\s*$/.test(outside)) throw new Error('the JSON log answer ended in the middle');
      for (const line of split.end()) lines.push(line);
      const token = /"continuation_token"\s*:\s*("(?:[^"\\]|\\.)*"|null)/.exec(outside);
      rest.continuation_token = token ? JSON.parse(token[1]) : null;
      return flush();
    },
  };
}
