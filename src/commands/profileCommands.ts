// Commands on connections (profiles): add, edit, remove, switch, test, sign out.
import * as vscode from 'vscode';
import { checkConnection, describeState, type ConnectionState } from '../connection/connectionState';
import { secretFor, type ProfileEntry } from '../profiles/profile';
import type { Services } from '../services';
import { confirm } from '../ui/quickInput';
import { command, type Command } from './command';
import { outsideText } from '../ui/outsideText';

/** The add/edit flow is a chunk of its own (dist/wizard.js, see esbuild.mjs), loaded when first used. */
const editFlow: typeof import('./profileWizard').editFlow = (...args) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./profileWizard') as typeof import('./profileWizard')).editFlow(...args);

export function profileCommands(s: Services): Command[] {
  return [
    command('airflow.addProfile', () => editFlow(s, undefined)),
    command('airflow.editProfile', async (arg?: string) => {
      const entry = await pickProfile(s, arg, 'Edit which Airflow connection?');
      if (entry) await editFlow(s, entry);
    }),
    command('airflow.removeProfile', (arg?: string) => removeProfile(s, arg)),
    command('airflow.switchProfile', () => switchProfile(s)),
    command('airflow.testConnection', (arg?: string) => testConnection(s, arg)),
    command('airflow.signOut', (arg?: string) => signOut(s, arg)),
  ];
}

async function pickProfile(
  deps: Services,
  id: string | undefined,
  placeholder: string,
): Promise<ProfileEntry | undefined> {
  if (id) return deps.store.get(id);
  const entries = deps.store.list();
  if (entries.length === 0) {
    const add = await vscode.window.showInformationMessage(
      'There is no Airflow connection yet.',
      'Add Airflow Connection',
    );
    if (add) await vscode.commands.executeCommand('airflow.addProfile');
    return undefined;
  }
  if (entries.length === 1) return entries[0];
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({
      label: outsideText(e.profile.name),
      description: outsideText(e.profile.url),
      detail: e.source === 'workspace' ? 'from workspace settings' : undefined,
      entry: e,
    })),
    { placeHolder: placeholder, matchOnDescription: true },
  );
  return picked?.entry;
}

async function removeProfile(deps: Services, id?: string): Promise<void> {
  const entry = await pickProfile(deps, id, 'Remove which Airflow connection?');
  if (!entry) return;
  const { profile } = entry;
  if (entry.source === 'workspace') {
    if (
      await confirm(
        `"${profile.name}" is declared in this workspace's settings; remove it there.`,
        'Forget its stored secret',
      )
    ) {
      await deps.store.deleteSecrets(entry);
    }
    return;
  }
  const sure = await confirm(
    `Remove the Airflow connection "${profile.name}" (${profile.url})?`,
    `Remove "${profile.name}"`,
    'Its stored password or token is deleted too.',
  );
  if (!sure) return;
  await deps.store.remove(profile.id);
  deps.log.info(`Removed connection "${profile.name}"`);
}

async function switchProfile(deps: Services): Promise<void> {
  const active = deps.store.active()?.profile.id;
  type Item = vscode.QuickPickItem & { id?: string; add?: boolean };
  const items: Item[] = deps.store.list().map((e) => {
    const last = deps.monitor.lastKnown.get(e.profile.id);
    return {
      // Names may come from a repository's settings, states from the server: a quick pick draws `$(icon)`.
      label: `${e.profile.id === active ? '$(check) ' : ''}${outsideText(e.profile.name)}`,
      description: outsideText(e.profile.url),
      detail:
        [
          last ? outsideText(describeState(last), 600) : undefined,
          e.source === 'workspace' ? 'from workspace settings' : undefined,
        ]
          .filter(Boolean)
          .join(' · ') || undefined,
      id: e.profile.id,
    };
  });
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(add) Add Airflow Connection…', add: true },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Switch Airflow Connection',
    placeHolder: 'Type to filter by name or URL',
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.add) return void vscode.commands.executeCommand('airflow.addProfile');
  if (!picked.id) return;
  const entry = deps.store.get(picked.id);
  // A profile shared through settings has no secret here yet, or its URL changed since the secret
  // was entered: ask once, now, rather than fail in the background.
  if (entry && (await deps.store.needsSecretPrompt(entry))) {
    await deps.clients
      .client(entry, { interactive: true })
      .catch((err: unknown) => deps.log.warn(String(err instanceof Error ? err.message : err)));
  }
  await deps.store.setActive(picked.id);
}

async function testConnection(deps: Services, id?: string): Promise<ConnectionState | undefined> {
  const entry = id ? deps.store.get(id) : deps.store.active();
  if (!entry) return void (await pickProfile(deps, undefined, ''));
  const state = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Testing ${outsideText(entry.profile.name)}…`,
      cancellable: true,
    },
    (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      deps.clients.forget(entry.profile.id);
      return checkConnection(entry.profile.name, () => deps.clients.client(entry, { interactive: true }), abort.signal);
    },
  );
  const text = `${entry.profile.name}: ${describeState(state)}`;
  deps.log.info(`Test connection: ${text}`);
  if (entry.profile.id === deps.store.active()?.profile.id) void deps.monitor.checkNow();
  // The state carries the server's words (its version, an error's detail): shown, never obeyed.
  if (state.kind === 'healthy') void vscode.window.showInformationMessage(outsideText(text, 800));
  else if (state.kind === 'degraded') void vscode.window.showWarningMessage(outsideText(text, 800));
  else {
    const edit = await vscode.window.showErrorMessage(outsideText(text, 800), 'Edit Connection');
    if (edit) await vscode.commands.executeCommand('airflow.editProfile', entry.profile.id);
  }
  return state;
}

async function signOut(deps: Services, id?: string): Promise<void> {
  const entry = await pickProfile(deps, id, 'Sign out of which Airflow connection?');
  if (!entry) return;
  if (!secretFor(entry.profile.auth) && entry.profile.auth !== 'command') {
    void vscode.window.showInformationMessage(`"${outsideText(entry.profile.name)}" stores no secret.`);
    return;
  }
  await deps.store.deleteSecrets(entry);
  deps.clients.forget(entry.profile.id);
  void vscode.window.showInformationMessage(
    `Signed out of "${outsideText(entry.profile.name)}": its stored secret is deleted; the connection is kept.`,
  );
}
