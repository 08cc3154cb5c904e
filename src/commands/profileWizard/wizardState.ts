// What the add/edit connection wizard's steps share: the draft profile and what they gathered beside it.
import type * as vscode from 'vscode';
import type { ServerVersion } from '../../airflow';
import type { ClientFactory } from '../../connection/clientFactory';
import type { Profile, ProfileEntry } from '../../profiles/profile';
import type { ProfileStore } from '../../profiles/profileStore';

/** What the wizard needs of the extension. */
export interface WizardDeps {
  store: ProfileStore;
  clients: ClientFactory;
  log: vscode.LogOutputChannel;
}

export interface Wizard {
  deps: WizardDeps;
  /** The profile being edited, undefined when adding one. */
  entry: ProfileEntry | undefined;
  editing: Profile | undefined;
  title: string;
  /** The number of steps shown (`step n of total`). */
  total: number;
  draft: Profile;
  /** The secret as typed; '' keeps the stored one. */
  secret?: string;
  tokenCommandText: string;
  /** What the server said it is, asked while the user goes on (see probe.ts). */
  probe: Promise<ServerVersion | undefined>;
  /** The client key's passphrase as typed; '' keeps the stored one; undefined when the key needs none. */
  keyPassphrase?: string;
  /** The names of the other connections, lowercased. */
  taken: Set<string>;
}
