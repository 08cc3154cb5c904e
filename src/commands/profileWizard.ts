// The add/edit connection wizard: a multi-step quick input, a server probe through the client factory, a last check before saving.
import * as vscode from 'vscode';
import { defaultAuthKind, isEncryptedKey, isHeaderName, type AuthKind, type ServerVersion } from '../airflow';
import { checkConnection, describeState } from '../connection/connectionState';
import { readPemFile } from '../connection/tlsFiles';
import { AUTH_LABELS, KEY_PASSPHRASE, secretFor, type Profile, type ProfileEntry } from '../profiles/profile';
import { bindingOf, decideBinding, decideOriginBinding } from '../profiles/secretBinding';
import { plainHttpWarning, profileUrlProblem } from '../profiles/urlChecks';
import type { Services } from '../services';
import { askPick, askText, confirm, runSteps } from '../ui/quickInput';
import { outsideText } from '../ui/outsideText';

/** Add (entry undefined) or edit a profile with a multi-step quick input. */
export async function editFlow(
  deps: Pick<Services, 'store' | 'clients' | 'log'>,
  entry: ProfileEntry | undefined,
): Promise<void> {
  const editing = entry?.profile;
  const title = editing ? `Edit Airflow Connection: ${editing.name}` : 'Add Airflow Connection';
  const draft: Profile = editing ? { ...editing } : { id: '', name: '', url: '', auth: 'jwt' };
  if (entry?.source === 'workspace' && !(await carryOverFromWorkspace(draft))) return;
  let secret: string | undefined;
  let tokenCommandText = (draft.tokenCommand ?? []).map(quoteArg).join(' ');
  let probe: Promise<ServerVersion | undefined> = Promise.resolve(undefined);
  /** The client key's passphrase as typed; '' keeps the stored one; undefined when the key needs none. */
  let keyPassphrase: string | undefined;
  const total = 6;
  const taken = new Set(
    deps.store
      .list()
      .filter((e) => e.profile.id !== editing?.id)
      .map((e) => e.profile.name.toLowerCase()),
  );

  const ok = await runSteps([
    async () => {
      const name = await askText({
        title,
        step: 1,
        totalSteps: total,
        prompt: 'A name for this connection',
        value: draft.name,
        placeholder: 'e.g. local, staging, prod',
        validate: (v) =>
          !v.trim()
            ? 'Enter a name.'
            : taken.has(v.trim().toLowerCase())
              ? `There is already a connection named "${v.trim()}".`
              : undefined,
      });
      if (name === undefined) return false;
      draft.name = name.trim();
      return true;
    },
    async () => {
      const url = await askText({
        title,
        step: 2,
        totalSteps: total,
        prompt: 'URL of the Airflow web server (a sub-path is fine; /api/v1 or /api/v2 may be left on)',
        value: draft.url || 'http://localhost:8080',
        placeholder: 'https://airflow.example.com',
        validate: profileUrlProblem,
      });
      if (url === undefined) return false;
      draft.url = url.trim();
      // Ask the server what it is while the user picks the auth kind; it suggests the right one.
      // Through the factory, so the profile's proxy and TLS options apply to the probe too.
      probe = deps.clients.probe({ ...draft });
      return true;
    },
    async () => {
      const found = await Promise.race([probe, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1500))]);
      const suggested: AuthKind | undefined = found ? defaultAuthKind(found.api) : undefined;
      const items = (Object.keys(AUTH_LABELS) as AuthKind[]).map((kind) => ({
        label: AUTH_LABELS[kind].label,
        description: kind === suggested ? `suggested: the server is Airflow ${found?.version}` : undefined,
        detail: AUTH_LABELS[kind].detail,
        authKind: kind,
      }));
      const active = items.find((i) => i.authKind === (editing ? draft.auth : (suggested ?? draft.auth)));
      const picked = await askPick({
        title,
        step: 3,
        totalSteps: total,
        placeholder: 'How does this Airflow authenticate?',
        items,
        active,
      });
      if (!picked) return false;
      draft.auth = picked.authKind;
      return true;
    },
    async () => {
      // A workspace profile's secret belongs to that workspace: the user-settings copy gets its own.
      const keep =
        editing && entry?.source === 'user' && editing.auth === draft.auth
          ? ' (leave empty to keep the stored one)'
          : '';
      const step = { title, step: 4, totalSteps: total, warning: plainHttpWarning(draft.url, draft.auth) };
      switch (draft.auth) {
        case 'basic':
        case 'jwt': {
          const user = await askText({
            ...step,
            warning: undefined,
            prompt: 'User name',
            value: draft.username ?? '',
            validate: (v) => (v.trim() ? undefined : 'Enter a user name.'),
          });
          if (user === undefined) return false;
          draft.username = user.trim();
          secret = await askText({
            ...step,
            prompt: `Password for ${draft.username}${keep}. Kept in VS Code's secret storage.`,
            password: true,
            validate: (v) => (v || keep ? undefined : 'Enter the password.'),
          });
          return secret !== undefined;
        }
        case 'bearer':
          secret = await askText({
            ...step,
            prompt: `API token${keep}. Kept in VS Code's secret storage.`,
            password: true,
            validate: (v) => (v || keep ? undefined : 'Enter the token.'),
          });
          return secret !== undefined;
        case 'header': {
          const name = await askText({
            ...step,
            warning: undefined,
            prompt: 'Header name',
            value: draft.headerName ?? 'Authorization',
            validate: (v) => (isHeaderName(v) ? undefined : 'Not a valid header name.'),
          });
          if (name === undefined) return false;
          draft.headerName = name;
          const prefix = await askText({
            ...step,
            warning: undefined,
            prompt: 'Value prefix, if any (e.g. "Token" or "Bearer"); leave empty for none',
            value: draft.headerPrefix ?? '',
          });
          if (prefix === undefined) return false;
          draft.headerPrefix = prefix.trim() || undefined;
          secret = await askText({
            ...step,
            prompt: `Header value${keep}. Kept in VS Code's secret storage.`,
            password: true,
            validate: (v) => (v || keep ? undefined : 'Enter the value.'),
          });
          return secret !== undefined;
        }
        case 'command': {
          const cmd = await askText({
            ...step,
            prompt: 'Command that prints a token (run without a shell)',
            value: tokenCommandText || 'gcloud auth print-access-token',
            validate: (v) => (splitArgs(v).length ? undefined : 'Enter a command.'),
          });
          if (cmd === undefined) return false;
          tokenCommandText = cmd;
          draft.tokenCommand = splitArgs(cmd);
          return true;
        }
        case 'none':
          return true;
      }
    },
    async () => {
      if (!draft.url.startsWith('https:')) return true;
      type TlsItem = vscode.QuickPickItem & { choice: 'verify' | 'ca' | 'skip' };
      const items: TlsItem[] = [
        {
          label: 'Verify the certificate',
          detail: 'Recommended: public or system-trusted certificate authorities',
          choice: 'verify',
        },
        {
          label: 'Trust an extra CA file…',
          detail: draft.caFile ?? "A PEM file of your company's certificate authority",
          choice: 'ca',
        },
        {
          label: '$(warning) Skip verification',
          detail: 'Insecure: anyone on the network could read your credentials',
          choice: 'skip',
        },
      ];
      const active = items[draft.skipTlsVerify ? 2 : draft.caFile ? 1 : 0];
      const picked = await askPick({
        title,
        step: 5,
        totalSteps: total,
        placeholder: 'TLS certificate checks',
        items,
        active,
      });
      if (!picked) return false;
      draft.skipTlsVerify = picked.choice === 'skip';
      if (picked.choice === 'ca') {
        const files = await vscode.window.showOpenDialog({
          title: 'CA certificate (PEM)',
          canSelectMany: false,
          filters: { 'PEM certificates': ['pem', 'crt', 'cer'], 'All files': ['*'] },
        });
        if (!files?.[0]) return false;
        draft.caFile = files[0].fsPath;
      } else {
        draft.caFile = undefined;
      }
      return true;
    },
    async () => {
      if (!draft.url.startsWith('https:')) return true;
      const cert = await askClientCertificate(deps, entry, draft, { title, step: 6, totalSteps: total });
      if (cert === false) return false;
      keyPassphrase = cert.passphrase;
      return true;
    },
  ]);
  if (!ok) return;

  draft.id = editing?.id ?? deps.store.newId(draft.name);
  const newEntry: ProfileEntry = { profile: draft, source: 'user' };
  let secretToUse = secret === '' && editing ? undefined : secret;
  const need = secretFor(draft.auth);
  if (entry && editing && need && secretToUse === undefined) {
    // "Keep the stored one" with a new URL or user name: the stored secret was typed for the old
    // one. Sent (and bound to the new one) only if the user says so here.
    const stored = await deps.store.readSecret(entry);
    const decision = stored && decideBinding(stored.binding ?? bindingOf(editing), draft);
    if (stored && decision && !decision.send) {
      const what = need.prompt.toLowerCase();
      const send = await confirm(
        `The stored ${what} was entered for ${decision.enteredFor}; send it to ${decision.now}?`,
        `Send It to ${decision.now}`,
        'Cancel to keep the connection as it was; edit it again to enter a new one.',
      );
      if (!send) return;
      secretToUse = stored.value;
    }
  }
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
        () => deps.clients.build(newEntry, secretToUse, { keyPassphrase: keyPassphrase || undefined }),
        abort.signal,
      );
    },
  );
  const summary = describeState(state);
  const save = state.kind === 'healthy' || state.kind === 'degraded' ? 'Save' : 'Save Anyway';
  const choice = await askPick({
    title: `${title}: ${outsideText(summary, 400)}`,
    step: total,
    totalSteps: total,
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
  if (!choice?.save) return;
  if (editing && editing.auth !== draft.auth) {
    const kept = keyPassphrase === '' ? await deps.store.readSecret(newEntry, KEY_PASSPHRASE) : undefined;
    await deps.store.deleteSecrets(newEntry);
    if (kept) keyPassphrase = kept.value;
  }
  await deps.store.save(draft, secretToUse || undefined);
  // The passphrase, like every secret, is bound to the origin it was entered for (secretBinding.ts).
  if (keyPassphrase) await deps.store.storeSecret(newEntry, keyPassphrase, KEY_PASSPHRASE);
  else if (keyPassphrase === undefined) await deps.store.deleteSecret(newEntry, KEY_PASSPHRASE);
  await deps.store.setActive(draft.id);
  deps.log.info(`Saved connection "${draft.name}" (${draft.url}, auth ${draft.auth})`);
}

type StepInfo = { title: string; step: number; totalSteps: number };

/**
 * The "Client certificate" step: none, keep the current one, or pick a certificate and key file
 * (PEM) and, for an encrypted key, its passphrase (kept in SecretStorage by the caller). False: the
 * user went back or cancelled; `passphrase` '' keeps the stored one, undefined means none is needed.
 */
async function askClientCertificate(
  deps: Pick<Services, 'store'>,
  entry: ProfileEntry | undefined,
  draft: Profile,
  step: StepInfo,
): Promise<false | { passphrase?: string }> {
  type CertItem = vscode.QuickPickItem & { choice: 'none' | 'keep' | 'pick' };
  const items: CertItem[] = [
    { label: 'None', detail: 'The server does not ask for one', choice: 'none' },
    ...(draft.certFile
      ? [
          {
            label: 'Keep the client certificate',
            detail: `${draft.certFile} · ${draft.keyFile ?? 'no key file'}`,
            choice: 'keep' as const,
          },
        ]
      : []),
    {
      label: 'Client certificate…',
      detail:
        "A certificate and key file (PEM) for a server that requires one (mutual TLS); the key's passphrase is kept in secret storage",
      choice: 'pick',
    },
  ];
  const picked = await askPick({
    ...step,
    placeholder: 'Client certificate (mutual TLS)',
    items,
    active: items[draft.certFile ? 1 : 0],
  });
  if (!picked) return false;
  if (picked.choice === 'none') {
    draft.certFile = undefined;
    draft.keyFile = undefined;
    return {};
  }
  if (picked.choice === 'pick') {
    const pem = { 'PEM files': ['pem', 'crt', 'cer', 'key'], 'All files': ['*'] };
    const cert = await vscode.window.showOpenDialog({
      title: 'Client certificate (PEM)',
      canSelectMany: false,
      filters: pem,
    });
    if (!cert?.[0]) return false;
    const key = await vscode.window.showOpenDialog({
      title: 'Private key of the client certificate (PEM)',
      canSelectMany: false,
      filters: pem,
      defaultUri: cert[0],
    });
    if (!key?.[0]) return false;
    draft.certFile = cert[0].fsPath;
    draft.keyFile = key[0].fsPath;
  }
  // Only an encrypted key needs a passphrase; the file is read here to know (errors show at the connection check).
  const keyText = draft.keyFile
    ? await readPemFile(draft.keyFile, 'client key', draft.name).catch(() => undefined)
    : undefined;
  if (!keyText || !isEncryptedKey(keyText)) return {};
  const stored =
    entry?.source === 'user' && picked.choice === 'keep'
      ? await deps.store.readSecret(entry, KEY_PASSPHRASE)
      : undefined;
  // A passphrase entered for another origin (the URL changed in this edit) is not offered: asked again.
  const keep = stored && decideOriginBinding(stored.binding, draft).send ? ' (leave empty to keep the stored one)' : '';
  const passphrase = await askText({
    ...step,
    prompt: `Passphrase of the encrypted client key${keep}. Kept in VS Code's secret storage.`,
    password: true,
    validate: (v) => (v || keep ? undefined : 'The key is encrypted: enter its passphrase.'),
  });
  if (passphrase === undefined) return false;
  return { passphrase };
}

/**
 * Editing a workspace profile saves a copy in user settings, where a token command is run and TLS
 * files are read. Those settings came from the workspace, so they are shown and carried over only
 * if the user says so; otherwise they are left out of the draft. False: the user cancelled.
 */
async function carryOverFromWorkspace(draft: Profile): Promise<boolean> {
  const fields: string[] = [];
  if (draft.tokenCommand?.length) fields.push(`token command: ${draft.tokenCommand.map(quoteArg).join(' ')}`);
  if (draft.caFile) fields.push(`CA file: ${draft.caFile}`);
  if (draft.certFile) fields.push(`client certificate: ${draft.certFile}`);
  if (draft.keyFile) fields.push(`client key: ${draft.keyFile}`);
  if (draft.skipTlsVerify) fields.push('TLS certificate checks: skipped');
  if (fields.length === 0) return true;
  type Item = vscode.QuickPickItem & { copy: boolean };
  const items: Item[] = [
    { label: '$(shield) Leave Them Out', detail: 'Enter them again yourself if you need them', copy: false },
    { label: '$(warning) Copy Them into My User Settings', detail: fields.join(' · '), copy: true },
  ];
  const question = `"${draft.name}" comes from this workspace's settings, with: ${fields.join('; ')}. Copy them into your user settings?`;
  const picked = await vscode.window.showQuickPick(items, {
    title: question,
    placeHolder: 'A token command runs as you; TLS files decide whom you trust',
    ignoreFocusOut: true,
  });
  if (!picked) return false;
  if (!picked.copy) {
    for (const key of ['tokenCommand', 'caFile', 'certFile', 'keyFile', 'skipTlsVerify'] as const) delete draft[key];
  }
  return true;
}

/** Splits a command line into arguments, honouring quotes; no shell is involved. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line))
    args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return args;
}

function quoteArg(a: string): string {
  return /[\s"']/.test(a) ? `"${a.replace(/(["\\])/g, '\\$1')}"` : a;
}
