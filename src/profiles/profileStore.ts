// Profiles from user and workspace settings, their secrets in SecretStorage, and the active one.
import * as vscode from 'vscode';
import { newProfileId, readProfiles, secretKey, secretFor, toSettings, type Profile, type ProfileEntry } from './profile';

const ACTIVE_KEY = 'airflow.activeProfile';
const SECRET_NAMES = ['password', 'token', 'headerValue'] as const;

/**
 * Profiles live in settings (`airflow.profiles`, no secrets): the user's, and a workspace's
 * only when the workspace is trusted. Secrets live only in SecretStorage, keyed by profile id.
 * Other windows follow through configuration and secret change events.
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
        for (const e of ws.entries) {
          if (entries.some((u) => u.profile.id === e.profile.id)) continue; // the user's own wins
          entries.push(e);
        }
        problems.push(...ws.problems);
      } else {
        problems.push('Connection profiles from this workspace\'s settings are ignored until you trust the workspace.');
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

  active(): ProfileEntry | undefined {
    const id = this.context.globalState.get<string>(ACTIVE_KEY);
    return (id && this.get(id)) || this.list()[0];
  }

  async setActive(id: string): Promise<void> {
    await this.context.globalState.update(ACTIVE_KEY, id);
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
    const kind = secretFor(profile.auth);
    if (kind && secret !== undefined) await this.context.secrets.store(secretKey(profile.id, kind.key), secret);
    await config.update('profiles', [...current, toSettings(profile)], vscode.ConfigurationTarget.Global);
    this.invalidate();
  }

  /** Removes a user profile and every secret stored for it. Workspace profiles only lose their secrets. */
  async remove(id: string): Promise<void> {
    await this.deleteSecrets(id);
    const config = vscode.workspace.getConfiguration('airflow');
    const current = config.inspect<unknown[]>('profiles')?.globalValue ?? [];
    const next = current.filter((p) => !(p && typeof p === 'object' && (p as { id?: unknown }).id === id));
    if (next.length !== current.length) await config.update('profiles', next.length ? next : undefined, vscode.ConfigurationTarget.Global);
    if (this.context.globalState.get<string>(ACTIVE_KEY) === id) await this.context.globalState.update(ACTIVE_KEY, undefined);
    this.invalidate();
  }

  getSecret(profile: Profile): Thenable<string | undefined> {
    const kind = secretFor(profile.auth);
    return kind ? this.context.secrets.get(secretKey(profile.id, kind.key)) : Promise.resolve(undefined);
  }

  async storeSecret(profile: Profile, value: string): Promise<void> {
    const kind = secretFor(profile.auth);
    if (kind) await this.context.secrets.store(secretKey(profile.id, kind.key), value);
  }

  async deleteSecrets(id: string): Promise<void> {
    for (const name of SECRET_NAMES) await this.context.secrets.delete(secretKey(id, name));
  }
}
