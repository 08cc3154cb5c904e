import { AirflowClient, FINAL_RUN_STATES, type DagRun } from '../../../src/airflow';
import type { TestHooks } from '../../../src/extension';
import { waitUntil, type AirflowTarget } from './airflow';

/** Saves a profile for a real Airflow straight into the store (the UI flow has its own tests) and activates it. */
export async function useAirflow(h: TestHooks, af: AirflowTarget, id = `real${af.major}`): Promise<void> {
  await h.store.save(
    { id, name: id, url: af.url, auth: af.major === 2 ? 'basic' : 'jwt', username: af.username },
    af.password,
  );
  await h.store.setActive(id);
}

export function clientFor(af: AirflowTarget): Promise<AirflowClient> {
  return AirflowClient.connect({
    baseUrl: af.url,
    auth: { kind: af.major === 2 ? 'basic' : 'jwt', username: af.username, password: af.password },
  });
}

export async function triggerAndWait(client: AirflowClient, dagId: string, label: string): Promise<DagRun> {
  const runId = `vsc_${label}__${new Date().toISOString()}`;
  await client.trigger(dagId, { runId });
  return waitUntil(
    `${dagId} ${runId} to finish`,
    async () => {
      const run = await client.getDagRun(dagId, runId);
      return FINAL_RUN_STATES.has(run.state) ? run : undefined;
    },
    300_000,
  );
}
