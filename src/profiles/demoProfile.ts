// `npm start` hands the extension its local Airflow through the environment, so nothing needs typing to connect.
import type { ProfileStore } from './profileStore';
import { readProfiles } from './profile';

/**
 * Set only by scripts/start.mjs on the code-server it starts: a JSON profile plus its secret.
 * The profile goes to user settings and the secret to SecretStorage, as if the user had added it;
 * the variable lives in that one local process tree and is never written anywhere.
 */
export const DEMO_PROFILE_ENV = 'AIRFLOW_VSCODE_DEMO_PROFILE';

export async function seedDemoProfile(
  store: ProfileStore,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const raw = env[DEMO_PROFILE_ENV];
  if (!raw) return undefined;
  let parsed: { secret?: unknown } & Record<string, unknown>;
  try {
    parsed = JSON.parse(raw) as typeof parsed;
  } catch {
    return `${DEMO_PROFILE_ENV} is not JSON; no demo connection was added.`;
  }
  const { secret, ...settings } = parsed;
  const { entries, problems } = readProfiles([settings], 'user');
  const [entry] = entries;
  if (!entry) return `${DEMO_PROFILE_ENV}: ${problems.join(' ') || 'no profile'}`;
  const existing = store.get(entry.profile.id);
  const unchanged =
    existing &&
    existing.profile.url === entry.profile.url &&
    (await store.readSecret(existing))?.value === secret &&
    !(await store.needsSecretPrompt(existing));
  if (!unchanged) await store.save(entry.profile, typeof secret === 'string' ? secret : undefined);
  await store.setActive(entry.profile.id);
  return undefined;
}
