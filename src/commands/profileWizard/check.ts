// The wizard's last check: connects with the draft as entered, says how that went, and asks to save.
import * as vscode from 'vscode';
import { checkConnection, describeState } from '../../connection/connectionState';
import type { ProfileEntry } from '../../profiles/profile';
import { outsideText } from '../../ui/outsideText';
import { askPick } from '../../ui/quickInput';
import type { Wizard } from './wizardState';

/** True when the user chose to save (after a working connection, or anyway). */
export async function checkThenAskSave(
  w: Wizard,
  newEntry: ProfileEntry,
  secret: string | undefined,
): Promise<boolean> {
  const { draft, deps, keyPassphrase } = w;
  const state = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Connecting to ${outsideText(draft.url)}…`,
      cancellable: true,
    },
    (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return checkConnection(
        draft.name,
        () => deps.clients.build(newEntry, secret, { keyPassphrase: keyPassphrase || undefined }),
        abort.signal,
      );
    },
  );
  const summary = describeState(state);
  const save = state.kind === 'healthy' || state.kind === 'degraded' ? 'Save' : 'Save Anyway';
  const choice = await askPick({
    title: `${w.title}: ${outsideText(summary, 400)}`,
    step: w.total,
    totalSteps: w.total,
    placeholder: summary,
    items: [
      {
        label: `$(${save === 'Save' ? 'check' : 'warning'}) ${save}`,
        detail:
          save === 'Save'
            ? undefined
            : 'The connection did not work now; you can fix the server or edit the connection later.',
        save: true,
      },
      { label: '$(close) Cancel', save: false },
    ],
  }).catch(() => undefined);
  return choice?.save === true;
}
