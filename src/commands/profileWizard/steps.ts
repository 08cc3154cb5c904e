// The wizard's steps but the credentials (credentialsStep.ts): name, URL, auth kind, TLS checks and client
// certificate. Each returns false when the user cancels, and writes what it asked into the wizard's draft.
import * as vscode from 'vscode';
import type { AuthKind } from '../../airflow';
import { AUTH_LABELS } from '../../profiles/profile';
import { profileUrlProblem } from '../../profiles/urlChecks';
import { askPick, askText } from '../../ui/quickInput';
import { askClientCertificate } from './certificateStep';
import { probeAnswer, startProbe } from './probe';
import type { Wizard } from './wizardState';

export async function askName(w: Wizard): Promise<boolean> {
  const { draft } = w;
  const name = await askText({
    title: w.title,
    step: 1,
    totalSteps: w.total,
    prompt: 'A name for this connection',
    value: draft.name,
    placeholder: 'e.g. local, staging, prod',
    validate: (v) =>
      !v.trim()
        ? 'Enter a name.'
        : w.taken.has(v.trim().toLowerCase())
          ? `There is already a connection named "${v.trim()}".`
          : undefined,
  });
  if (name === undefined) return false;
  draft.name = name.trim();
  return true;
}

export async function askUrl(w: Wizard): Promise<boolean> {
  const { draft } = w;
  const url = await askText({
    title: w.title,
    step: 2,
    totalSteps: w.total,
    prompt: 'URL of the Airflow web server (a sub-path is fine; /api/v1 or /api/v2 may be left on)',
    value: draft.url || 'http://localhost:8080',
    placeholder: 'https://airflow.example.com',
    validate: profileUrlProblem,
  });
  if (url === undefined) return false;
  draft.url = url.trim();
  // Ask the server what it is while the user picks the auth kind; it suggests the right one.
  w.probe = startProbe(w.deps, draft);
  return true;
}

export async function askAuthKind(w: Wizard): Promise<boolean> {
  const { draft } = w;
  const { found, suggested } = await probeAnswer(w.probe);
  const items = (Object.keys(AUTH_LABELS) as AuthKind[]).map((kind) => ({
    label: AUTH_LABELS[kind].label,
    description: kind === suggested ? `suggested: the server is Airflow ${found?.version}` : undefined,
    detail: AUTH_LABELS[kind].detail,
    authKind: kind,
  }));
  const active = items.find((i) => i.authKind === (w.editing ? draft.auth : (suggested ?? draft.auth)));
  const picked = await askPick({
    title: w.title,
    step: 3,
    totalSteps: w.total,
    placeholder: 'How does this Airflow authenticate?',
    items,
    active,
  });
  if (!picked) return false;
  draft.auth = picked.authKind;
  return true;
}

/** TLS certificate checks, for an https URL: verify, trust an extra CA file, or skip. */
export async function askTls(w: Wizard): Promise<boolean> {
  const { draft } = w;
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
    title: w.title,
    step: 5,
    totalSteps: w.total,
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
}

/** The client certificate, for an https URL (see certificateStep.ts). */
export async function askCertificate(w: Wizard): Promise<boolean> {
  if (!w.draft.url.startsWith('https:')) return true;
  const cert = await askClientCertificate(w.deps, w.entry, w.draft, { title: w.title, step: 6, totalSteps: w.total });
  if (cert === false) return false;
  w.keyPassphrase = cert.passphrase;
  return true;
}
