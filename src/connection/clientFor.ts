// The client a command talks to: the profile it names, or the active one (asking for a missing secret).
import { InvalidInputError, type AirflowClient } from '../airflow';
import type { ProfileStore } from '../profiles/profileStore';
import type { ClientFactory } from './clientFactory';

/** Where the client comes from: the saved profiles and the factory that builds their clients. */
export interface ClientSources {
  store: Pick<ProfileStore, 'get' | 'active'>;
  clients: Pick<ClientFactory, 'client'>;
}

export async function clientFor(
  s: ClientSources,
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
