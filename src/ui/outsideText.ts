// Text that a server or a repository controls, made safe to show: shown, never obeyed. No `vscode` import.
//
// VS Code turns parts of some strings into live UI. A notification (show*Message, a progress
// notification's title) parses `[label](target)` as a link and opens it on click, with `command:`
// targets allowed (base/common/linkedText.ts: a `[`, a label without `]`, then `](` directly
// followed by `http://`, `https://`, `command:` or `file:`). The status bar, quick picks, code lens
// titles and window progress render `$(name)` as an icon. Both need characters that touch: `](`,
// `$(`. So we put U+2060 WORD JOINER between them: it is invisible, adds no space and no line-break
// opportunity, so the text reads exactly as the server wrote it, yet neither parser matches. A
// lookalike bracket would change what the user reads; an escape backslash would show as one.
// A bare `command:`, `file:` or `vscode:` address gets the same joiner before its colon, so no
// renderer that links bare addresses (Markdown, a hover) sees a scheme. Pieces are neutralised one
// at a time and then joined with our own words, so a piece's leading `(` gets the joiner too: a
// piece that ends in `[label]` or `$` cannot meet the next piece's `(command:…)` or `(icon)`.
// (Our own words never hold `(scheme:` or `[`, so a piece next to them cannot form a link.)

/** The invisible separator put between the characters of a link or icon form. */
export const JOINER = '\u2060';

/** The longest piece shown by default, in characters (an error message, a version string, an id). */
export const OUTSIDE_TEXT_MAX = 300;

// ANSI escape sequences (colours in log lines): dropped.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-_]/g;
// Line breaks, tabs and the Unicode line/paragraph separators: one space each (a notification is one line).
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// Other C0/C1 controls and the bidirectional marks, embeddings, overrides and isolates, which
// can make a message read in another order than it is (Trojan Source): removed.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Schemes VS Code opens (or runs) from a link.
const SCHEMES = /\b(command|file|vscode|vscode-insiders|vscode-remote)(?=:)/gi;

/**
 * Outside text as it may be shown in a notification, progress title, quick pick, tree row, status
 * bar or code lens: one line, no controls or direction overrides, no link or icon syntax that VS
 * Code would act on, at most `max` characters (an ellipsis marks the cut). Our own words around
 * it keep their meaning; actions stay buttons, never links in the text.
 */
export function outsideText(value: unknown, max = OUTSIDE_TEXT_MAX): string {
  let s = typeof value === 'string' ? value : String(value);
  // Cut very long input early so the replacements below stay cheap; the final cut is exact.
  if (s.length > max * 4 + 64) s = s.slice(0, max * 4 + 64);
  s = s.replace(ANSI, '').replace(BREAKS, ' ').replace(INVISIBLE, '');
  s = s
    .replace(/\](?=\()/g, `]${JOINER}`)
    .replace(/\$(?=\()/g, `$${JOINER}`)
    .replace(SCHEMES, `$1${JOINER}`)
    .replace(/^\(/, `${JOINER}(`);
  return shorten(s, max);
}

/** `s` within `max` characters, cut at a code point boundary with an ellipsis. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = Math.max(0, max - 1);
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // do not split a surrogate pair
  return `${s.slice(0, cut)}…`;
}
