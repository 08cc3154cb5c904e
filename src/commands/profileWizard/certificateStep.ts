// The wizard's client certificate step (mutual TLS): none, keep the current one, or pick a certificate
// and key file, with the passphrase of an encrypted key.
import * as vscode from 'vscode';
import { isEncryptedKey } from '../../airflow';
import { readPemFile } from '../../connection/tlsFiles';
import { KEY_PASSPHRASE, type Profile, type ProfileEntry } from '../../profiles/profile';
import { decideOriginBinding } from '../../profiles/secretBinding';
import { askPick, askText } from '../../ui/quickInput';
import type { WizardDeps } from './wizardState';

type StepInfo = { title: string; step: number; totalSteps: number };

/**
 * The "Client certificate" step: none, keep the current one, or pick a certificate and key file
 * (PEM) and, for an encrypted key, its passphrase (kept in SecretStorage by the caller). False: the
 * user went back or cancelled; `passphrase` '' keeps the stored one, undefined means none is needed.
 */
export async function askClientCertificate(
  deps: Pick<WizardDeps, 'store'>,
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
