// Pure: checks a conf against a DAG's params as Airflow will (JSON Schema, formats included), so a
// conf the server would refuse is refused before anything is sent, with each problem named.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

let ajv: Ajv | undefined;
function validator(): Ajv {
  if (!ajv) {
    // Airflow's schemas are written for Python's jsonschema: keywords Ajv does not know are ignored as there.
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
  }
  return ajv;
}

type Serialised = { value?: unknown; schema?: unknown };

/** The problems of `conf` against `params` (dagDetails().params), each as "name: what is wrong"; none: it passes. */
export function confProblems(
  params: Record<string, unknown> | null | undefined,
  conf: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(params ?? {})) {
    const param =
      raw && typeof raw === 'object' && !Array.isArray(raw) && 'schema' in raw ? (raw as Serialised) : undefined;
    const schema = param?.schema;
    if (!schema || typeof schema !== 'object') continue;
    const given = Object.prototype.hasOwnProperty.call(conf, name);
    const value = given ? conf[name] : param.value;
    if (value === undefined || (value === null && !given && !allows(schema, null))) {
      problems.push(`${name}: required (the DAG's param has no default)`);
      continue;
    }
    let check;
    try {
      check = validator().compile(schema);
    } catch {
      continue; // a schema this checker cannot read: the server decides
    }
    if (!check(value))
      for (const e of check.errors ?? [])
        problems.push(`${name}${e.instancePath.replace(/\//g, '.')}: ${e.message ?? 'invalid'}`);
  }
  return problems;
}

function allows(schema: object, value: null): boolean {
  try {
    return validator().validate(schema, value);
  } catch {
    return true;
  }
}
