// Editing a workspace profile: whether its token command and TLS settings are copied into user settings.
import * as vscode from 'vscode';
import type { Profile } from '../../profiles/profile';
import { quoteArg } from './args';

/**
 * Editing a workspace profile saves a copy in user settings, where a token command is run and TLS
 * files are read. Those settings came from the workspace, so they are shown and carried over only
 * if the user says so; otherwise they are left out of the draft. False: the user cancelled.
 */
export async function carryOverFromWorkspace(draft: Profile): Promise<boolean> {
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
