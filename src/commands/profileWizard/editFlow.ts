// The add/edit connection flow: the steps in order, then the stored secret's binding, a check and the save.
import type { Profile, ProfileEntry } from '../../profiles/profile';
import { runSteps } from '../../ui/quickInput';
import { quoteArg } from './args';
import { carryOverFromWorkspace } from './carryOver';
import { checkThenAskSave } from './check';
import { askCredentials } from './credentialsStep';
import { saveProfile } from './save';
import { secretToUse } from './secretRebinding';
import { askAuthKind, askCertificate, askName, askTls, askUrl } from './steps';
import type { Wizard, WizardDeps } from './wizardState';

/** Add (entry undefined) or edit a profile with a multi-step quick input. */
export async function editFlow(deps: WizardDeps, entry: ProfileEntry | undefined): Promise<void> {
  const editing = entry?.profile;
  const draft: Profile = editing ? { ...editing } : { id: '', name: '', url: '', auth: 'jwt' };
  if (entry?.source === 'workspace' && !(await carryOverFromWorkspace(draft))) return;
  const w: Wizard = {
    deps,
    entry,
    editing,
    title: editing ? `Edit Airflow Connection: ${editing.name}` : 'Add Airflow Connection',
    total: 6,
    draft,
    tokenCommandText: (draft.tokenCommand ?? []).map(quoteArg).join(' '),
    probe: Promise.resolve(undefined),
    taken: new Set(
      deps.store
        .list()
        .filter((e) => e.profile.id !== editing?.id)
        .map((e) => e.profile.name.toLowerCase()),
    ),
  };
  const steps = [askName, askUrl, askAuthKind, askCredentials, askTls, askCertificate];
  const ok = await runSteps(steps.map((step) => () => step(w)));
  if (!ok) return;

  draft.id = editing?.id ?? deps.store.newId(draft.name);
  const newEntry: ProfileEntry = { profile: draft, source: 'user' };
  const use = await secretToUse(w);
  if (!use) return;
  if (!(await checkThenAskSave(w, newEntry, use.secret))) return;
  await saveProfile(w, newEntry, use.secret);
}
