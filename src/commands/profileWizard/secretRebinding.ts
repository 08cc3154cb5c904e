// "Keep the stored secret" in an edit that changed the URL or user name: the stored secret was typed
// for the old ones, so it is sent (and bound to the new ones) only if the user says so here.
import { secretFor } from '../../profiles/profile';
import { bindingOf, decideBinding } from '../../profiles/secretBinding';
import { confirm } from '../../ui/quickInput';
import type { Wizard } from './wizardState';

/**
 * The secret to check and save the profile with (undefined: the stored one, or none); undefined
 * as a whole when the user declined to send the stored secret to the new URL or user name.
 */
export async function secretToUse(w: Wizard): Promise<{ secret: string | undefined } | undefined> {
  const { entry, editing, draft } = w;
  let secret = w.secret === '' && editing ? undefined : w.secret;
  const need = secretFor(draft.auth);
  if (entry && editing && need && secret === undefined) {
    const stored = await w.deps.store.readSecret(entry);
    const decision = stored && decideBinding(stored.binding ?? bindingOf(editing), draft);
    if (stored && decision && !decision.send) {
      const what = need.prompt.toLowerCase();
      const send = await confirm(
        `The stored ${what} was entered for ${decision.enteredFor}; send it to ${decision.now}?`,
        `Send It to ${decision.now}`,
        'Cancel to keep the connection as it was; edit it again to enter a new one.',
      );
      if (!send) return undefined;
      secret = stored.value;
    }
  }
  return { secret };
}
