// The real Airflow servers the runner started (scripts/test.mjs), for every layer that talks to
// them: the contract tests in plain Node and the suites inside VS Code. No `vscode` import.
import { AirflowClient, FINAL_RUN_STATES, type AuthConfig, type ClientOptions, type DagRun } from '../../src/airflow';

/** Every DAG of test/dags that imports, by id (the order the tree and the API list them in). */
export const TEST_DAG_IDS = [
  'vsc_ansi',
  'vsc_chain',
  'vsc_groups',
  'vsc_long',
  'vsc_mapped',
  'vsc_marker',
  'vsc_params',
  'vsc_retry_fail',
];

export interface AirflowTarget {
  major: 2 | 3;
  url: string;
  version: string;
  username: string;
  password: string;
  /** The folder of DAG files this server parses: its own copy of test/dags (write there, not into the repository). */
  dagsFolder: string;
}

/** The real Airflow of one generation (AIRFLOW<major>_*); fails loudly when the runner did not start it. */
export function airflowTarget(major: 2 | 3): AirflowTarget {
  const get = (k: string) => {
    const v = process.env[`AIRFLOW${major}_${k}`];
    if (!v)
      throw new Error(
        `AIRFLOW${major}_${k} is not set: this suite needs the real Airflow ${major}.x started by scripts/test.mjs (npm test)`,
      );
    return v;
  };
  return {
    major,
    url: get('URL'),
    version: get('VERSION'),
    username: get('USERNAME'),
    password: get('PASSWORD'),
    dagsFolder: get('DAGS_FOLDER'),
  };
}

/**
 * The majors the runner started a server of (AIRFLOW_MAJORS, `2,3` unless it says otherwise):
 * the suites that cover every version (explorer, logs) loop over these, so a run against one
 * older version tests just that one. Each of them must then be there: airflowTarget() fails loudly.
 */
export function servedMajors(): (2 | 3)[] {
  const listed = (process.env.AIRFLOW_MAJORS ?? '2,3')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const majors = listed.map(Number).filter((m): m is 2 | 3 => m === 2 || m === 3);
  if (majors.length === 0 || majors.length !== listed.length)
    throw new Error(`AIRFLOW_MAJORS="${process.env.AIRFLOW_MAJORS}": expected 2, 3 or 2,3`);
  return majors;
}

/** The one server a contract-test process runs against: the runner starts one process per server. */
export function onlyTarget(): AirflowTarget {
  const majors = servedMajors();
  if (majors.length !== 1)
    throw new Error(`AIRFLOW_MAJORS="${process.env.AIRFLOW_MAJORS}": a contract-test process runs against one server`);
  return airflowTarget(majors[0]);
}

/** The sign-in each generation's test server takes: Basic on 2.x, a JWT from the password on 3.x. */
export function authFor(target: AirflowTarget, password = target.password): AuthConfig {
  return { kind: target.major === 2 ? 'basic' : 'jwt', username: target.username, password };
}

export function connectTo(target: AirflowTarget, extra: Partial<ClientOptions> = {}): Promise<AirflowClient> {
  return AirflowClient.connect({ baseUrl: target.url, auth: authFor(target), ...extra });
}

/** Polls `probe` until it gives something other than undefined or false; the error says what it waited for. */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A run id that is unique per test run and holds the characters real run ids have. */
export function uniqueRunId(label: string): string {
  return `vsc_${label}__${new Date().toISOString()}+${Math.random().toString(36).slice(2, 7)}`;
}

/** The run once it has ended (success, failed, …). */
export function waitForRun(client: AirflowClient, dagId: string, runId: string, timeoutMs = 240_000): Promise<DagRun> {
  return waitUntil(
    `run ${runId} of ${dagId} to end`,
    async () => {
      const run = await client.getDagRun(dagId, runId);
      return FINAL_RUN_STATES.has(run.state) ? run : undefined;
    },
    timeoutMs,
    1000,
  );
}

/** Triggers a run with a fresh id and waits for it to end. */
export async function triggerAndWait(
  client: AirflowClient,
  dagId: string,
  label: string,
  timeoutMs = 300_000,
): Promise<DagRun> {
  const runId = uniqueRunId(label);
  await client.trigger(dagId, { runId });
  return waitForRun(client, dagId, runId, timeoutMs);
}
