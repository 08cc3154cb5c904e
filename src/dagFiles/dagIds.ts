// Finds the DAGs a Python file defines, by reading its tokens (strings and comments skipped). No `vscode` import.
//
// Recognised: `DAG("id", …)` / `DAG(dag_id="id")` (also `with …`, `models.DAG(…)`), `@dag(dag_id="id")`,
// `@dag("id")`, and `@dag` / `@dag(…)` on a function without an id (the id is the function's name).
// An id built at run time (f-string, variable, concatenation, loop) is out of reach: no entry.

export interface DagDefinition {
  dagId: string;
  /** Zero-based line and column of the `DAG` name or of the `@` of the decorator. */
  line: number;
  character: number;
}

type Tok =
  | { t: 'name'; v: string; line: number; col: number }
  | { t: 'str'; v: string | undefined; line: number; col: number }
  | { t: 'op'; v: string; line: number; col: number }
  | { t: 'nl'; line: number; col: number };

/** Airflow's own quick test before it parses a file ("safe mode"): both words appear, in any case. */
export function mightDefineDags(text: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes('airflow') && lower.includes('dag');
}

export function findDagDefinitions(text: string): DagDefinition[] {
  const toks = tokenize(text);
  const out: DagDefinition[] = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.t === 'name' && tok.v === 'DAG' && isOp(toks[i + 1], '(') && !isDefinitionName(toks, i)) {
      const args = callArgs(toks, i + 1);
      const id = args && idArgument(args);
      if (id) out.push({ dagId: id, line: tok.line, character: tok.col });
    } else if (isOp(tok, '@') && (i === 0 || toks[i - 1].t === 'nl')) {
      const def = decoratedDag(toks, i);
      if (def) out.push(def);
    }
  }
  return out;
}

function isOp(tok: Tok | undefined, v: string): boolean {
  return tok?.t === 'op' && tok.v === v;
}

/** `class DAG(` and `def DAG(` define the name instead of calling it. */
function isDefinitionName(toks: Tok[], i: number): boolean {
  const prev = toks[i - 1];
  return prev?.t === 'name' && (prev.v === 'class' || prev.v === 'def');
}

/** The arguments of the call whose `(` is at `open`: each a token list, split at top-level commas. */
function callArgs(toks: Tok[], open: number): Tok[][] | undefined {
  const args: Tok[][] = [[]];
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    const tok = toks[j];
    if (tok.t === 'op' && '([{'.includes(tok.v)) {
      depth++;
      if (depth === 1) continue;
    } else if (tok.t === 'op' && ')]}'.includes(tok.v)) {
      depth--;
      if (depth === 0) return args.filter((a) => a.length > 0);
    } else if (depth === 1 && isOp(tok, ',')) {
      args.push([]);
      continue;
    }
    if (tok.t !== 'nl') args[args.length - 1].push(tok);
  }
  return undefined;
}

/** A literal string argument only: one or more adjacent plain strings and nothing else. */
function literal(arg: Tok[]): string | undefined {
  if (arg.length === 0 || arg.some((t) => t.t !== 'str' || t.v === undefined)) return undefined;
  return arg.map((t) => (t as { v: string }).v).join('') || undefined;
}

/** `dag_id=` wins; else a first positional argument. Undefined when the id is not a literal. */
function idArgument(args: Tok[][]): string | undefined {
  const keyword = args.find((a) => a[0]?.t === 'name' && a[0].v === 'dag_id' && isOp(a[1], '='));
  if (keyword) return literal(keyword.slice(2));
  const first = args[0];
  if (!first || (first[0]?.t === 'name' && isOp(first[1], '=')) || isOp(first[0], '*') || isOp(first[0], '**'))
    return undefined;
  return literal(first);
}

/** `@dag`, `@airflow.decorators.dag(...)`: then (other decorators) `def name`. */
function decoratedDag(toks: Tok[], at: number): DagDefinition | undefined {
  let j = at + 1;
  let last: string | undefined;
  while (toks[j]?.t === 'name') {
    last = (toks[j] as { v: string }).v;
    if (!isOp(toks[j + 1], '.')) break;
    j += 2;
  }
  if (last !== 'dag') return undefined;
  j++;
  let explicit: string | undefined;
  let hasIdArg = false;
  if (isOp(toks[j], '(')) {
    const args = callArgs(toks, j);
    if (!args) return undefined;
    hasIdArg =
      args.some((a) => a[0]?.t === 'name' && a[0].v === 'dag_id') ||
      (args[0] !== undefined && !(args[0][0]?.t === 'name' && isOp(args[0][1], '=')));
    explicit = idArgument(args);
    // Skip to the end of the decorator's line.
    let depth = 0;
    for (; j < toks.length; j++) {
      const tok = toks[j];
      if (tok.t === 'op' && '([{'.includes(tok.v)) depth++;
      else if (tok.t === 'op' && ')]}'.includes(tok.v)) depth--;
      else if (tok.t === 'nl' && depth === 0) break;
    }
  }
  // Further decorators, then the function.
  for (; j < toks.length; j++) {
    const tok = toks[j];
    if (tok.t === 'name' && tok.v === 'def') {
      const name = toks[j + 1];
      if (name?.t !== 'name') return undefined;
      const dagId = hasIdArg ? explicit : name.v;
      return dagId ? { dagId, line: toks[at].line, character: toks[at].col } : undefined;
    }
    if (tok.t === 'name' && tok.v === 'async') continue;
    if (tok.t === 'nl' || isOp(tok, '@')) {
      if (isOp(tok, '@')) {
        // Skip this other decorator's tokens up to its line end.
        let depth = 0;
        for (j++; j < toks.length; j++) {
          const t = toks[j];
          if (t.t === 'op' && '([{'.includes(t.v)) depth++;
          else if (t.t === 'op' && ')]}'.includes(t.v)) depth--;
          else if (t.t === 'nl' && depth === 0) break;
        }
      }
      continue;
    }
    return undefined;
  }
  return undefined;
}

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_PART = /[A-Za-z0-9_\u00C0-\uFFFF]/;
/** A string prefix: r, b, u, f, t and their combinations, any case. */
const PREFIX = /^(?:[rRbBuUfFtT]{1,2})$/;

/**
 * Python tokens, enough for the patterns above: names, strings (`v` undefined for f-strings, byte
 * strings and escapes we do not decode), single-character operators, and logical line ends
 * (newlines inside brackets are not line ends).
 */
function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 0;
  let lineStart = 0;
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      if (depth === 0 && toks.length && toks[toks.length - 1].t !== 'nl')
        toks.push({ t: 'nl', line, col: i - lineStart });
      i++;
      line++;
      lineStart = i;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '"' || c === "'") {
      const s = readString(text, i, '');
      toks.push({ t: 'str', v: s.value, line, col: i - lineStart });
      for (let k = i; k < s.end; k++)
        if (text[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      i = s.end;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < n && NAME_PART.test(text[j])) j++;
      const word = text.slice(i, j);
      if (PREFIX.test(word) && (text[j] === '"' || text[j] === "'")) {
        const s = readString(text, j, word.toLowerCase());
        toks.push({ t: 'str', v: s.value, line, col: i - lineStart });
        for (let k = j; k < s.end; k++)
          if (text[k] === '\n') {
            line++;
            lineStart = k + 1;
          }
        i = s.end;
      } else {
        toks.push({ t: 'name', v: word, line, col: i - lineStart });
        i = j;
      }
    } else {
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
      toks.push({ t: 'op', v: c, line, col: i - lineStart });
      i++;
    }
  }
  return toks;
}

/** Reads a string literal starting at its quote; `value` only for plain text without escapes or interpolation. */
function readString(text: string, start: number, prefix: string): { value: string | undefined; end: number } {
  const q = text[start];
  const triple = text.startsWith(q.repeat(3), start);
  const close = triple ? q.repeat(3) : q;
  let i = start + close.length;
  let escaped = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      escaped = true;
      i += 2;
      continue;
    }
    if (!triple && c === '\n') break;
    if (text.startsWith(close, i)) {
      const body = text.slice(start + close.length, i);
      const plain = !/[fbt]/.test(prefix) && !escaped;
      return { value: plain ? body : undefined, end: i + close.length };
    }
    i++;
  }
  // Unterminated: up to the end of the line (or text); no value.
  return { value: undefined, end: i };
}
