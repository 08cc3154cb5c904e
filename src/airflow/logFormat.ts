// Normalises task logs of both API versions to plain text lines.
import { inflateSync } from 'node:zlib';

/**
 * v1's JSON log `content` is the Python repr of a list of (host, text) tuples, e.g.
 * `[('worker-1', '*** Found local files...\n[2026-...] INFO - ...')]`. Returns the texts joined.
 * Anything that is not such a repr is returned unchanged.
 */
export function parsePythonLogRepr(content: string): string {
  const s = content.trim();
  if (!s.startsWith('[(')) return content;
  const texts: string[] = [];
  let i = 1;
  const skipWs = () => {
    while (i < s.length && /[\s,]/.test(s[i])) i++;
  };
  try {
    while (i < s.length) {
      skipWs();
      if (s[i] === ']') break;
      if (s[i] !== '(') return content;
      i++;
      const parts: string[] = [];
      while (true) {
        skipWs();
        if (s[i] === ')') {
          i++;
          break;
        }
        const [value, next] = readPyString(s, i);
        parts.push(value);
        i = next;
      }
      texts.push(parts[parts.length - 1] ?? '');
    }
  } catch {
    return content;
  }
  return texts.join('\n');
}

/** Python's one-character escapes (a backslash before a newline continues the line). */
export const PY_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};
/** Python's escapes by code point, and how many hex digits follow each. */
const PY_CODE_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Reads one Python string literal ('...' or "...", optionally b/r-prefixed) starting at `i`. */
function readPyString(s: string, start: number): [string, number] {
  let i = start;
  let raw = false;
  while (/[bBrRuU]/.test(s[i])) {
    if (s[i] === 'r' || s[i] === 'R') raw = true;
    i++;
  }
  const quote = s[i];
  if (quote !== "'" && quote !== '"') throw new Error('not a string');
  i++;
  // Copy whole runs between escapes: a 50 MB log must not be built one character at a time.
  const parts: string[] = [];
  let q = -1;
  while (i < s.length) {
    // The closing quote is usually far away: look for it again only once it is behind us.
    if (q < i) q = s.indexOf(quote, i);
    const b = raw ? -1 : s.indexOf('\\', i);
    if (q === -1) break;
    if (b === -1 || q < b) {
      parts.push(s.slice(i, q));
      return [parts.join(''), q + 1];
    }
    parts.push(s.slice(i, b));
    const n = s[b + 1];
    i = b + 2;
    const simple = PY_ESCAPES[n];
    const digits = PY_CODE_ESCAPES[n];
    if (simple !== undefined) parts.push(simple);
    else if (digits !== undefined) {
      const code = parseInt(s.slice(i, i + digits), 16);
      parts.push(digits === 8 ? String.fromCodePoint(code) : String.fromCharCode(code));
      i += digits;
    } else parts.push(n);
  }
  throw new Error('unterminated string');
}

const STRUCTURED_KNOWN = new Set(['event', 'timestamp', 'level', 'logger', 'chan', 'sources', 'error_detail']);

/**
 * Renders one v2 log message as `timestamp LEVEL logger: event key=value ...`.
 * `::group::` / `::endgroup::` markers are kept as lines of their own.
 */
export function renderStructured(msg: unknown): string[] {
  if (typeof msg === 'string') return msg.split('\n');
  if (!msg || typeof msg !== 'object') return [String(msg)];
  const m = msg as Record<string, unknown>;
  const event = m.event === undefined || m.event === null ? '' : String(m.event);
  if (event.startsWith('::group::') || event === '::endgroup::') return [event];
  const head = [m.timestamp, typeof m.level === 'string' ? m.level.toUpperCase() : undefined]
    .filter((x) => x !== undefined && x !== null && x !== '')
    .map(String);
  const logger = m.logger ?? m.chan;
  let line = head.join(' ');
  if (logger) line += `${line ? ' ' : ''}${String(logger)}:`;
  line += `${line ? ' ' : ''}${event}`;
  const extras: string[] = [];
  for (const [k, v] of Object.entries(m)) {
    if (STRUCTURED_KNOWN.has(k) || v === undefined || v === null) continue;
    extras.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  if (Array.isArray(m.sources)) extras.push(`sources=${(m.sources as unknown[]).join(', ')}`);
  if (extras.length) line += ` ${extras.join(' ')}`;
  const lines = line.split('\n');
  if (m.error_detail) lines.push(...renderErrorDetail(m.error_detail));
  return lines;
}

/** v2 logs carry exceptions as structured `error_detail`; render them like a Python traceback. */
function renderErrorDetail(detail: unknown): string[] {
  if (!Array.isArray(detail)) return [JSON.stringify(detail)];
  const out: string[] = [];
  for (const exc of detail as Array<Record<string, unknown>>) {
    out.push('Traceback (most recent call last):');
    for (const f of (exc.frames as Array<Record<string, unknown>> | undefined) ?? []) {
      out.push(`  File "${String(f.filename)}", line ${String(f.lineno)}, in ${String(f.name)}`);
    }
    out.push(`${String(exc.exc_type ?? 'Exception')}: ${String(exc.exc_value ?? '')}`);
  }
  return out;
}

/** Splits text into lines without a trailing empty line. */
export function toLines(text: string): string[] {
  if (!text) return [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Reads `end_of_log` from a v1 continuation token (itsdangerous URLSafeSerializer:
 * base64url JSON, zlib-compressed when it starts with a dot, then `.signature`).
 */
export function v1TokenEndOfLog(token: string): boolean | undefined {
  try {
    const compressed = token.startsWith('.');
    const payload = (compressed ? token.slice(1) : token).split('.')[0];
    let buf = Buffer.from(payload, 'base64url');
    // The token is a few hundred bytes of metadata; a larger output is a decompression bomb (RangeError).
    if (compressed) buf = inflateSync(buf, { maxOutputLength: 64 * 1024 });
    const meta = JSON.parse(buf.toString('utf8')) as { end_of_log?: boolean };
    return typeof meta.end_of_log === 'boolean' ? meta.end_of_log : undefined;
  } catch {
    return undefined;
  }
}
