// Asks the server what it is while the user picks the auth kind, so the wizard can suggest the right one.
import { defaultAuthKind, type AuthKind, type ServerVersion } from '../../airflow';
import type { Profile } from '../../profiles/profile';
import type { WizardDeps } from './wizardState';

/** How long the auth step waits for the probe before it shows without a suggestion. */
const PROBE_WAIT_MS = 1500;

/** Through the factory, so the profile's proxy and TLS options apply to the probe too. */
export function startProbe(deps: WizardDeps, draft: Profile): Promise<ServerVersion | undefined> {
  return deps.clients.probe({ ...draft });
}

/** The server found, if the probe answered in time, and the auth kind its API suggests. */
export async function probeAnswer(
  probe: Promise<ServerVersion | undefined>,
): Promise<{ found: ServerVersion | undefined; suggested: AuthKind | undefined }> {
  const found = await Promise.race([
    probe,
    new Promise<undefined>((r) => setTimeout(() => r(undefined), PROBE_WAIT_MS)),
  ]);
  return { found, suggested: found ? defaultAuthKind(found.api) : undefined };
}
