// The "Trigger with Config…" document: JSON with comments, built from a DAG's params, parsed back into a conf. No vscode here.
import { ParseErrorCode, parseTree, type ParseError } from 'jsonc-parser';

/** One field of a DAG's trigger form, as the conf editor lists it. */
export interface ParamInfo {
  name: string;
  /** The default value (null when the param has none). */
  value: unknown;
  /** "string", "integer", "string | null", "one of a, b"…; undefined when nothing says. */
  type?: string;
  description?: string;
  /** A Param without a default: the user must give a value. */
  required: boolean;
}

type Serialised = { __class?: unknown; value?: unknown; description?: unknown; schema?: unknown };

/**
 * Reads `dagDetails().params`. Airflow 2.x and 3.x serialise each Param as
 * `{ __class: '…Param', value, description, schema }`; older servers or plain dict params give the value itself.
 */
export function paramsOf(params: Record<string, unknown> | null | undefined): ParamInfo[] {
  return Object.entries(params ?? {}).map(([name, raw]) => {
    if (!isSerialisedParam(raw)) return { name, value: raw ?? null, type: typeOfValue(raw), required: false };
    const schema = (raw.schema && typeof raw.schema === 'object' ? raw.schema : {}) as Record<string, unknown>;
    const description = text(raw.description) ?? text(schema.description) ?? text(schema.title);
    const value = raw.value === undefined ? null : raw.value;
    return {
      name,
      value,
      type: typeOfSchema(schema) ?? typeOfValue(value),
      description,
      required: value === null && !allowsNull(schema),
    };
  });
}

function isSerialisedParam(v: unknown): v is Serialised {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Serialised;
  return (
    (typeof o.__class === 'string' && /Param$/.test(o.__class)) ||
    ('value' in o &&
      'schema' in o &&
      Object.keys(o).every((k) => ['value', 'schema', 'description', 'source', '__class'].includes(k)))
  );
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : undefined;
}

function typeOfSchema(schema: Record<string, unknown>): string | undefined {
  if (Array.isArray(schema.enum) && schema.enum.length)
    return `one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  const t = schema.type;
  const base = Array.isArray(t)
    ? t.filter((x) => typeof x === 'string').join(' | ')
    : typeof t === 'string'
      ? t
      : undefined;
  if (!base) return undefined;
  const format = typeof schema.format === 'string' ? `, format ${schema.format}` : '';
  const range = [
    schema.minimum !== undefined && `≥ ${String(schema.minimum)}`,
    schema.maximum !== undefined && `≤ ${String(schema.maximum)}`,
  ]
    .filter(Boolean)
    .join(' ');
  return `${base}${format}${range ? `, ${range}` : ''}`;
}

function allowsNull(schema: Record<string, unknown>): boolean {
  const t = schema.type;
  return t === 'null' || (Array.isArray(t) && t.includes('null'));
}

function typeOfValue(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export interface ConfDocumentInput {
  dagId: string;
  /** The connection's name and address, so the user sees where it goes. */
  connection: string;
  params: ParamInfo[];
  /** Start from this run's conf instead of the params' defaults. */
  fromRun?: { runId: string; conf: Record<string, unknown> };
  /** How to send, as shown: "Ctrl+Enter" or "Cmd+Enter". */
  sendKey: string;
}

/** The document's text: comments that say what it does, then the conf as indented JSON. */
export function buildConfDocument(input: ConfDocumentInput): string {
  const { dagId, connection, params, fromRun, sendKey } = input;
  const lines = [
    `// Trigger DAG "${oneLine(dagId)}" on ${oneLine(connection)}.`,
    `// Send: the "Trigger" button (▷) in this tab's title bar, or ${sendKey}.`,
    '// "Trigger with Run Id, Logical Date or Note…" in the title bar asks for those first.',
    '// Saving this document does not trigger anything. Comments are left out of what is sent.',
    fromRun
      ? `// Prefilled with the conf of run ${oneLine(fromRun.runId)}.`
      : "// Prefilled with the defaults of the DAG's params.",
  ];
  if (params.length) {
    lines.push('//', '// Params:');
    for (const p of params) {
      const about = [p.type, p.required ? 'required' : undefined].filter(Boolean).join(', ');
      lines.push(
        `//   ${oneLine(p.name)}${about ? ` (${about})` : ''}${p.description ? `: ${oneLine(p.description)}` : ''}`,
      );
    }
  } else {
    lines.push('//', '// This DAG declares no params; any JSON object is passed to the run as its conf.');
  }
  const conf = fromRun ? fromRun.conf : Object.fromEntries(params.map((p) => [p.name, p.value]));
  return `${lines.join('\n')}\n${JSON.stringify(conf, null, 2)}\n`;
}

/** Comment text must stay on its line. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

export interface ConfProblem {
  offset: number;
  length: number;
  message: string;
}

export type ParsedConf = { conf: Record<string, unknown> } | { errors: ConfProblem[] };

/** Parses the document (comments and trailing commas allowed); the conf must be one JSON object. */
export function parseConfDocument(text: string): ParsedConf {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length)
    return { errors: errors.map((e) => ({ offset: e.offset, length: e.length, message: describe(e.error) })) };
  if (!root)
    return {
      errors: [
        {
          offset: 0,
          length: 0,
          message: 'There is no JSON here: write a JSON object, e.g. {} to trigger without a conf.',
        },
      ],
    };
  if (root.type !== 'object') {
    const what = root.type === 'array' ? 'an array' : root.type === 'null' ? 'null' : `a ${root.type}`;
    return {
      errors: [
        {
          offset: root.offset,
          length: root.length,
          message: `The conf must be a JSON object like {"key": "value"}, not ${what}.`,
        },
      ],
    };
  }
  const conf = valueOf(root) as Record<string, unknown>;
  return { conf };
}

/** parseTree's node -> plain value (parse() would do the same, but we have the tree already). */
function valueOf(node: NonNullable<ReturnType<typeof parseTree>>): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).map((p) => [
          p.children![0].value as string,
          p.children![1] ? valueOf(p.children![1]) : null,
        ]),
      );
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'This is not JSON here (strings need double quotes).',
  [ParseErrorCode.InvalidNumberFormat]: 'This number is not valid JSON.',
  [ParseErrorCode.PropertyNameExpected]: 'A property name in double quotes is expected here.',
  [ParseErrorCode.ValueExpected]: 'A value is expected here.',
  [ParseErrorCode.ColonExpected]: 'A colon (:) is expected here.',
  [ParseErrorCode.CommaExpected]: 'A comma is expected here.',
  [ParseErrorCode.CloseBraceExpected]: 'A closing brace (}) is expected here.',
  [ParseErrorCode.CloseBracketExpected]: 'A closing bracket (]) is expected here.',
  [ParseErrorCode.EndOfFileExpected]: 'Only one JSON object is allowed: nothing may follow it.',
  [ParseErrorCode.InvalidCommentToken]: 'This comment is not closed or not valid.',
  [ParseErrorCode.UnexpectedEndOfComment]: 'This comment is not closed (*/ is missing).',
  [ParseErrorCode.UnexpectedEndOfString]: 'This string is not closed (" is missing).',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'This number ends too early.',
  [ParseErrorCode.InvalidUnicode]: 'This \\u escape is not valid.',
  [ParseErrorCode.InvalidEscapeCharacter]: 'This escape sequence is not valid in JSON.',
  [ParseErrorCode.InvalidCharacter]: 'This character is not allowed in a JSON string (use an escape like \\n).',
};

function describe(code: ParseErrorCode): string {
  return MESSAGES[code] ?? 'This is not valid JSON.';
}

/** A run id the URL path can carry: empty means "let Airflow choose". Returns the problem, if any. */
export function checkRunId(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (v === '.' || v === '..') return `"${v}" cannot be a run id.`;
  if (/\s/.test(v)) return 'A run id cannot contain spaces.';
  return undefined;
}

/** An ISO 8601 date-time with a zone (Z or ±hh:mm), as Airflow wants; empty means "none". */
export function checkLogicalDate(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
    return 'A date-time with a time zone, e.g. 2026-11-23T00:00:00Z or 2026-11-23T09:30:00+01:00.';
  }
  return undefined;
}
