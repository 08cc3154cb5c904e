// Profiles from user and workspace settings, their secrets in SecretStorage, and the active one.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import {
  declaredIds,
  KEY_PASSPHRASE,
  newProfileId,
  readProfiles,
  secretKey,
  secretFor,
  toSettings,
  type Profile,
  type ProfileEntry,
  type SecretName,
} from './profile';
import { bindingFor, decideBinding, parseBinding, type SecretBinding } from './secretBinding';

const ACTIVE_KEY = 'airflow.activeProfile';
/** Ids of user profiles that have a secret stored (names only), so stale secrets can be found: SecretStorage cannot list its keys. */
const SECRET_INDEX_KEY = 'airflow.profilesWithSecrets';
const SECRET_NAMES = ['password', 'token', 'headerValue', KEY_PASSPHRASE] as const;
/** Suffix of the key beside each secret that holds the origin and user name it was entered for. */
const BINDING = '#boundTo';

/** A stored secret and where it was entered for (undefined: stored before bindings existed). */
export interface StoredSecret {
  value: string;
  binding: SecretBinding | 'corrupt' | undefined;
}

/**
 * Profiles live in settings (`airflow.profiles`, no secrets): the user's, and a workspace's
 * only when the workspace is trusted. Secrets live only in SecretStorage, keyed by profile id
 * (and by workspace for a workspace's profiles), each with the origin and user it was entered
 * for beside it. Other windows follow through configuration and secret change events.
 */
export class ProfileStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when profiles, their secrets, the active profile or workspace trust change. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private cache: { entries: ProfileEntry[]; problems: string[] } | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('airflow.profiles')) this.invalidate();
      }),
      context.secrets.onDidChange((e) => {
        if (e.key.startsWith('airflow.profile/')) this.changed.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private invalidate(): void {
    this.cache = undefined;
    this.changed.fire();
  }

  private load(): { entries: ProfileEntry[]; problems: string[] } {
    if (this.cache) return this.cache;
    const inspected = vscode.workspace.getConfiguration('airflow').inspect<unknown>('profiles');
    const user = readProfiles(inspected?.globalValue, 'user');
    const entries = [...user.entries];
    const problems = [...user.problems];
    const wsValue = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    if (wsValue !== undefined) {
      if (vscode.workspace.isTrusted) {
        const ws = readProfiles(wsValue, 'workspace');
        const folder = workspaceKey();
        for (const e of ws.entries) {
          if (entries.some((u) => u.profile.id === e.profile.id)) continue; // the user's own wins
          entries.push({ ...e, folder });
        }
        problems.push(...ws.problems);
      } else {
        problems.push("Connection profiles from this workspace's settings are ignored until you trust the workspace.");
      }
    }
    this.cache = { entries, problems };
    return this.cache;
  }

  list(): ProfileEntry[] {
    return this.load().entries;
  }

  problems(): string[] {
    return this.load().problems;
  }

  get(id: string): ProfileEntry | undefined {
    return this.list().find((e) => e.profile.id === id);
  }

  /**
   * The active profile. A workspace profile is active only when it was picked in this workspace
   * (workspaceState); the global choice and the fallback are user profiles only, so opening a
   * repository never makes one of its profiles active by itself, whatever id it declares.
   */
  active(): ProfileEntry | undefined {
    const here = this.context.workspaceState.get<string>(ACTIVE_KEY);
    const picked = here ? this.get(here) : undefined;
    if (picked?.source === 'workspace') return picked;
    const id = this.context.globalState.get<string>(ACTIVE_KEY);
    const global = id ? this.get(id) : undefined;
    return global?.source === 'user' ? global : this.list().find((e) => e.source === 'user');
  }

  async setActive(id: string): Promise<void> {
    if (this.get(id)?.source === 'workspace') {
      await this.context.workspaceState.update(ACTIVE_KEY, id);
    } else {
      await this.context.workspaceState.update(ACTIVE_KEY, undefined);
      await this.context.globalState.update(ACTIVE_KEY, id);
    }
    this.changed.fire();
  }

  newId(name: string): string {
    return newProfileId(name, new Set(this.list().map((e) => e.profile.id)));
  }

  /** Saves a profile to user settings (replacing one with the same id) and its secret to SecretStorage. */
  async save(profile: Profile, secret?: string): Promise<void> {
    const config = vscode.workspace.getConfiguration('airflow');
    const current = (config.inspect<unknown[]>('profiles')?.globalValue ?? []).filter(
      (p) => !(p && typeof p === 'object' && (p as { id?: unknown }).id === profile.id),
    );
    if (secret !== undefined) await this.storeSecret({ profile, source: 'user' }, secret);
    await config.update('profiles', [...current, toSettings(profile)], vscode.ConfigurationTarget.Global);
    this.invalidate();
  }

  /** Removes a user profile and every secret stored for it (a workspace profile is removed from its own settings). */
  async remove(id: string): Promise<void> {
    await this.deleteSecrets({ profile: { id } as Profile, source: 'user' });
    const config = vscode.workspace.getConfiguration('airflow');
    const current = config.inspect<unknown[]>('profiles')?.globalValue ?? [];
    const next = current.filter((p) => !(p && typeof p === 'object' && (p as { id?: unknown }).id === id));
    if (next.length !== current.length)
      await config.update('profiles', next.length ? next : undefined, vscode.ConfigurationTarget.Global);
    if (this.context.globalState.get<string>(ACTIVE_KEY) === id)
      await this.context.globalState.update(ACTIVE_KEY, undefined);
    this.invalidate();
  }

  /**
   * The profile's stored secret (its auth kind's, or `name`: the client key's passphrase) and the
   * origin/user it was entered for, if one is stored.
   */
  async readSecret(entry: ProfileEntry, name?: SecretName): Promise<StoredSecret | undefined> {
    const key = this.keyOf(entry, name);
    if (!key) return undefined;
    const value = await this.context.secrets.get(key);
    if (value === undefined) return undefined;
    return { value, binding: parseBinding(await this.context.secrets.get(key + BINDING)) };
  }

  /** True when using the profile needs the user first: no secret stored, or one entered for another origin or user. */
  async needsSecretPrompt(entry: ProfileEntry): Promise<boolean> {
    if (!secretFor(entry.profile.auth)) return false;
    const stored = await this.readSecret(entry);
    return !stored || !decideBinding(stored.binding, entry.profile).send;
  }

  /** Stores a secret as entered now for the profile's origin and user. */
  async storeSecret(entry: ProfileEntry, value: string, name?: SecretName): Promise<void> {
    const key = this.keyOf(entry, name);
    if (!key) return;
    await this.context.secrets.store(key, value);
    await this.bindSecret(entry, name);
    if (entry.source === 'user') await this.index(entry.profile.id, true);
  }

  /** Deletes one secret of a profile (e.g. the key passphrase when the key no longer needs one). */
  async deleteSecret(entry: ProfileEntry, name: SecretName): Promise<void> {
    const key = secretKey(entry.profile.id, name, entry.folder);
    await this.context.secrets.delete(key);
    await this.context.secrets.delete(key + BINDING);
  }

  /** Records that the stored secret is for the profile's origin and user as they are now (after the user said so, or on migration). */
  async bindSecret(entry: ProfileEntry, name?: SecretName): Promise<void> {
    const key = this.keyOf(entry, name);
    if (key) await this.context.secrets.store(key + BINDING, JSON.stringify(bindingFor(entry.profile, name)));
  }

  /** Deletes every secret of a profile (of this workspace's, for a workspace profile). */
  async deleteSecrets(entry: ProfileEntry): Promise<void> {
    for (const name of SECRET_NAMES) {
      const key = secretKey(entry.profile.id, name, entry.folder);
      await this.context.secrets.delete(key);
      await this.context.secrets.delete(key + BINDING);
    }
    if (entry.source === 'user') await this.index(entry.profile.id, false);
  }

  /**
   * Deletes the secrets of user profiles no longer in user settings (removed by hand or by
   * another machine's settings sync). SecretStorage cannot list its keys, so the ids are kept in an
   * index: recorded when a secret is stored, and here for profiles whose secrets were stored before
   * the index existed (found while their profile is still declared; one already gone is out of reach).
   */
  async deleteStaleSecrets(): Promise<string[]> {
    const declared = declaredIds(
      vscode.workspace.getConfiguration('airflow').inspect<unknown>('profiles')?.globalValue,
      'user',
    );
    const indexed = new Set(this.context.globalState.get<string[]>(SECRET_INDEX_KEY, []));
    for (const id of declared) {
      if (indexed.has(id)) continue;
      for (const name of SECRET_NAMES) {
        if ((await this.context.secrets.get(secretKey(id, name))) === undefined) continue;
        await this.index(id, true);
        break;
      }
    }
    const stale = [...indexed].filter((id) => !declared.has(id));
    for (const id of stale) await this.deleteSecrets({ profile: { id } as Profile, source: 'user' });
    return stale;
  }

  private keyOf(entry: ProfileEntry, name?: SecretName): string | undefined {
    const key = name ?? secretFor(entry.profile.auth)?.key;
    return key && secretKey(entry.profile.id, key, entry.folder);
  }

  private async index(id: string, has: boolean): Promise<void> {
    const ids = new Set(this.context.globalState.get<string[]>(SECRET_INDEX_KEY, []));
    if (has === ids.has(id)) return;
    if (has) ids.add(id);
    else ids.delete(id);
    await this.context.globalState.update(SECRET_INDEX_KEY, [...ids]);
  }
}

/** A short hash of the open workspace (its .code-workspace file, else its first folder): the scope of its profiles' secrets. */
function workspaceKey(): string {
  const where = vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  return createHash('sha256')
    .update(where?.toString() ?? 'no-folder')
    .digest('hex')
    .slice(0, 16);
}
