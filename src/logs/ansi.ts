// ANSI escape sequences (colours, cursor moves, OSC hyperlinks) as task logs carry them. Pure.

// CSI: ESC [ params intermediates final; OSC: ESC ] ... (BEL | ESC \); other two-byte escapes.
const ANSI =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/** The text without escape sequences. Cheap when there are none. */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}

/** How a run of text is drawn: the 16 terminal colours (0-7 normal, 8-15 bright) and text attributes. */
export interface AnsiStyle {
  fg?: number;
  bg?: number;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** A styled run of a line, in positions of the text without escapes. */
export interface AnsiSpan extends AnsiStyle {
  start: number;
  end: number;
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[([0-9;:]*)m/g;

/**
 * The line without escapes, and where SGR colour codes styled it. Each line starts unstyled: log
 * lines are written one by one and most programs reset at the end of each. 256-colour codes below
 * 16 map to the 16 colours; other 256-colour and true-colour codes are shown unstyled.
 */
export function parseAnsi(raw: string): { text: string; spans: AnsiSpan[] } {
  if (!raw.includes('\u001b') && !raw.includes('\u009b')) return { text: raw, spans: [] };
  const spans: AnsiSpan[] = [];
  let style: AnsiStyle = {};
  let text = '';
  let last = 0;
  const add = (piece: string) => {
    const clean = stripAnsi(piece);
    if (clean && Object.keys(style).length > 0) {
      const prev = spans[spans.length - 1];
      if (prev && prev.end === text.length && sameStyle(prev, style)) prev.end += clean.length;
      else spans.push({ ...style, start: text.length, end: text.length + clean.length });
    }
    text += clean;
  };
  SGR.lastIndex = 0;
  for (let m = SGR.exec(raw); m; m = SGR.exec(raw)) {
    add(raw.slice(last, m.index));
    last = SGR.lastIndex;
    style = applySgr(style, m[1]);
  }
  add(raw.slice(last));
  return { text, spans };
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return (
    a.fg === b.fg &&
    a.bg === b.bg &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.italic === b.italic &&
    a.underline === b.underline
  );
}

function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const codes = (params === '' ? '0' : params).split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let s: AnsiStyle = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) {
      delete s.bold;
      delete s.dim;
    } else if (c === 23) delete s.italic;
    else if (c === 24) delete s.underline;
    else if (c >= 30 && c <= 37) s.fg = c - 30;
    else if (c >= 90 && c <= 97) s.fg = c - 90 + 8;
    else if (c === 39) delete s.fg;
    else if (c >= 40 && c <= 47) s.bg = c - 40;
    else if (c >= 100 && c <= 107) s.bg = c - 100 + 8;
    else if (c === 49) delete s.bg;
    else if (c === 38 || c === 48) {
      const key = c === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5) {
        const n = codes[i + 2];
        if (n !== undefined && n < 16) s[key] = n;
        else delete s[key];
        i += 2;
      } else if (codes[i + 1] === 2) {
        delete s[key];
        i += 4;
      }
    }
  }
  for (const k of Object.keys(s) as (keyof AnsiStyle)[]) if (s[k] === undefined) delete s[k];
  return s;
}
