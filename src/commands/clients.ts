// The client a command talks to: the profile it names, or the active one (asking for a missing secret).
import { InvalidInputError, type AirflowClient } from '../airflow';
import type { Services } from '../services';

export async function clientFor(
  s: Pick<Services, 'store' | 'clients'>,
  profileId?: string,
): Promise<{ profileId: string; client: AirflowClient }> {
  const entry = profileId ? s.store.get(profileId) : s.store.active();
  if (!entry)
    throw new InvalidInputError(
      profileId
        ? `There is no connection "${profileId}".`
        : 'No Airflow connection yet: run "Airflow: Add Connection…" first.',
    );
  return { profileId: entry.profile.id, client: await s.clients.client(entry, { interactive: true }) };
}
