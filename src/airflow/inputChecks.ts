// Checks of what callers hand the client, before anything is sent. No `vscode` import.
import { InvalidInputError } from './errors';
import type { TaskInstanceRef } from './model';

/** The longest substring every id contains ('' when they share nothing). */
export function sharedPart(ids: string[]): string {
  const [first, ...rest] = [...ids].sort((a, b) => a.length - b.length);
  for (let len = first.length; len > 0; len--) {
    for (let start = 0; start + len <= first.length; start++) {
      const part = first.slice(start, start + len);
      if (rest.every((id) => id.includes(part))) return part;
    }
  }
  return '';
}

/** An id goes into a URL path as one segment: "." and ".." would be resolved away by URL parsing and address another resource. */
export function requireId(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidInputError(`The ${what} is empty.`);
  if (value === '.' || value === '..')
    throw new InvalidInputError(
      `The ${what} "${value}" cannot be used: it would address another resource on the server.`,
    );
  return value;
}

/** A try of a task instance is counted from 1. */
export function requireTryNumber(tryNumber: number): void {
  if (!Number.isInteger(tryNumber) || tryNumber < 1)
    throw new InvalidInputError(`Try number must be 1 or more, not ${tryNumber}.`);
}

export function checkRef(ref: TaskInstanceRef): TaskInstanceRef {
  requireId(ref.dagId, 'DAG id');
  requireId(ref.runId, 'run id');
  requireId(ref.taskId, 'task id');
  if (ref.mapIndex !== undefined && !Number.isInteger(ref.mapIndex))
    throw new InvalidInputError(`Map index must be a whole number, not ${ref.mapIndex}.`);
  return ref;
}

/** A run's conf must be a JSON object (Airflow rejects arrays and scalars). */
export function validateConf(conf: unknown): asserts conf is Record<string, unknown> {
  if (conf === null || typeof conf !== 'object' || Array.isArray(conf)) {
    const got = conf === null ? 'null' : Array.isArray(conf) ? 'an array' : `a ${typeof conf}`;
    throw new InvalidInputError(
      `The run configuration (conf) must be a JSON object like {"key": "value"}, not ${got}.`,
    );
  }
}

/** Parses user-typed conf text; the error says where the JSON is broken. */
export function parseConf(text: string): Record<string, unknown> {
  const t = text.trim();
  if (!t) return {};
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (err) {
    throw new InvalidInputError(`The run configuration is not valid JSON: ${(err as Error).message}.`);
  }
  validateConf(value);
  return value;
}

export function validateDate(value: string): void {
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new InvalidInputError(`"${value}" is not a date-time with a time zone, e.g. 2026-11-23T00:00:00Z.`);
  }
}

/** A state filter names at least one state: both generations read an empty list as "any state". */
export function requireStates(states: readonly string[], what: string): void {
  if (!Array.isArray(states) || states.length === 0) throw new InvalidInputError(`Name at least one state of ${what}.`);
}
