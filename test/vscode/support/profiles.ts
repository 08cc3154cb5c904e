import type { TestHooks } from '../../../src/extension';
import { connectTo, triggerAndWait, type AirflowTarget } from '../../support/airflowServers';

/** Saves a profile for a real Airflow straight into the store (the UI flow has its own tests) and activates it. */
export async function useAirflow(h: TestHooks, af: AirflowTarget, id = `real${af.major}`): Promise<void> {
  await h.store.save(
    { id, name: id, url: af.url, auth: af.major === 2 ? 'basic' : 'jwt', username: af.username },
    af.password,
  );
  await h.store.setActive(id);
}

/** A client of its own for a test's setup and checks, apart from the extension's. */
export const clientFor = (af: AirflowTarget) => connectTo(af);
export { triggerAndWait };
