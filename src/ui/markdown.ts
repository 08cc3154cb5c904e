/** Escapes text for a Markdown tooltip, so names like `etl_daily` or `a*b` show as typed. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
