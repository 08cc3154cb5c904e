// Markdown escaping for tooltips built from server text. No `vscode` import.

/**
 * Escapes text for one line of a Markdown tooltip, so names like `etl_daily` or `a*b` show as
 * typed and server text cannot add links, HTML, entities (`&`), strike-through (`~`) or theme
 * icons (`$(…)`). Line breaks become spaces: a field must not start a new block (a heading, a
 * list, a code block, a table row) however the server words it.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r\n?|\n|\u2028|\u2029/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&$]/g, '\\$&');
}

/** A fenced code block whose fence is longer than any backtick run in `text`, so the text cannot close it. */
export function codeBlock(text: string, lang = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `\n${fence}${lang}\n${text}\n${fence}\n`;
}
