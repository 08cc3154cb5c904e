// Saves the wizard's profile with its secrets (a changed auth kind drops the old ones) and makes it active.
import { KEY_PASSPHRASE, type ProfileEntry } from '../../profiles/profile';
import type { Wizard } from './wizardState';

export async function saveProfile(w: Wizard, newEntry: ProfileEntry, secret: string | undefined): Promise<void> {
  const { deps, draft, editing } = w;
  let { keyPassphrase } = w;
  if (editing && editing.auth !== draft.auth) {
    const kept = keyPassphrase === '' ? await deps.store.readSecret(newEntry, KEY_PASSPHRASE) : undefined;
    await deps.store.deleteSecrets(newEntry);
    if (kept) keyPassphrase = kept.value;
  }
  await deps.store.save(draft, secret || undefined);
  // The passphrase, like every secret, is bound to the origin it was entered for (secretBinding.ts).
  if (keyPassphrase) await deps.store.storeSecret(newEntry, keyPassphrase, KEY_PASSPHRASE);
  else if (keyPassphrase === undefined) await deps.store.deleteSecret(newEntry, KEY_PASSPHRASE);
  await deps.store.setActive(draft.id);
  deps.log.info(`Saved connection "${draft.name}" (${draft.url}, auth ${draft.auth})`);
}
