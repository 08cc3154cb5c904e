// Which real Airflow this suite runs against; set by scripts/test.mjs after starting it.
import assert from 'node:assert/strict';
import { AirflowClient, FINAL_RUN_STATES, type AuthConfig, type ClientOptions, type DagRun } from '../../src/airflow';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: this suite needs a real Airflow started by scripts/test.mjs (npm test).`);
  return value;
}

export const target = {
  url: required('AIRFLOW_URL'),
  major: Number(required('AIRFLOW_MAJOR')) as 2 | 3,
  version: required('AIRFLOW_VERSION'),
  username: required('AIRFLOW_USERNAME'),
  password: required('AIRFLOW_PASSWORD'),
};

export function authFor(password = target.password): AuthConfig {
  return target.major === 2
    ? { kind: 'basic', username: target.username, password }
    : { kind: 'jwt', username: target.username, password };
}

export function connect(extra: Partial<ClientOptions> = {}): Promise<AirflowClient> {
  return AirflowClient.connect({ baseUrl: target.url, auth: authFor(), ...extra });
}

/** A run id that is unique per test run and holds the characters real run ids have. */
export function uniqueRunId(label: string): string {
  return `vsc_${label}__${new Date().toISOString()}+${Math.random().toString(36).slice(2, 7)}`;
}

export async function waitForRun(
  client: AirflowClient,
  dagId: string,
  runId: string,
  timeoutMs = 240_000,
): Promise<DagRun> {
  const deadline = Date.now() + timeoutMs;
  let run = await client.getDagRun(dagId, runId);
  while (!FINAL_RUN_STATES.has(run.state)) {
    assert.ok(Date.now() < deadline, `run ${runId} of ${dagId} still ${run.state} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
    run = await client.getDagRun(dagId, runId);
  }
  return run;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
