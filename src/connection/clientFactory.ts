// Builds the AirflowClient of a profile from its settings, secret, proxy and TLS files; no UI.
import * as vscode from 'vscode';
import { AirflowClient, InvalidInputError, UnauthenticatedError, type AuthConfig, type ServerVersion, type TlsOptions } from '../airflow';
import { secretFor, type Profile, type ProfileEntry } from '../profiles/profile';
import { decideBinding } from '../profiles/secretBinding';
import type { ProfileStore } from '../profiles/profileStore';
import { readPemFile } from './tlsFiles';

/** Asks the user for a profile's missing secret; undefined when they decline. Supplied by the UI layer. */
export type AskSecret = (profile: Profile, prompt: string) => Promise<string | undefined>;

/**
 * Asks whether a stored secret entered for another server (or user) may be sent to the profile's
 * server now: `send` it, enter a `new` one, or undefined to send nothing. Supplied by the UI layer.
 */
export type ConfirmSecret = (profile: Profile, question: string) => Promise<'send' | 'new' | undefined>;

/** Transport settings a caller may tighten, e.g. a quick probe that should not wait or retry. */
export interface BuildOverrides {
  timeoutMs?: number;
  retries?: number;
}

/** Builds (and caches) one Airflow client per profile from its settings and its secret. Shows no UI itself. */
export class ClientFactory implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<AirflowClient>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ProfileStore, private readonly askSecret: AskSecret, private readonly confirmSecret: ConfirmSecret) {
    // Any change to profiles, secrets or trust may change a client; rebuild on next use.
    this.subscription = store.onDidChange(() => this.clients.clear());
  }

  dispose(): void {
    this.subscription.dispose();
  }

  forget(profileId: string): void {
    this.clients.delete(profileId);
  }

  client(entry: ProfileEntry, options: { interactive?: boolean } = {}): Promise<AirflowClient> {
    let pending = this.clients.get(entry.profile.id);
    if (!pending) {
      pending = this.create(entry, options.interactive ?? false);
      pending.catch(() => this.clients.delete(entry.profile.id));
      this.clients.set(entry.profile.id, pending);
    }
    return pending;
  }

  /** A client for a profile not saved yet (the add/edit flow), with the secret as typed. */
  build(entry: ProfileEntry, secret: string | undefined, overrides: BuildOverrides = {}): Promise<AirflowClient> {
    return this.create(entry, false, secret, overrides);
  }

  /**
   * What server answers at a profile's URL, asked without credentials but with the profile's
   * proxy and TLS options; undefined when it does not answer as Airflow.
   */
  async probe(profile: Profile): Promise<ServerVersion | undefined> {
    const anonymous: ProfileEntry = { profile: { ...profile, auth: 'none', apiVersion: 'auto' }, source: 'user' };
    return this.build(anonymous, undefined, { timeoutMs: 5000, retries: 0 }).then((c) => c.serverVersion, () => undefined);
  }

  private async create(entry: ProfileEntry, interactive: boolean, secretOverride?: string, overrides: BuildOverrides = {}): Promise<AirflowClient> {
    const { profile } = entry;
    const auth = await this.authFor(entry, interactive, secretOverride);
    const config = vscode.workspace.getConfiguration();
    const timeoutSeconds = config.get<number>('airflow.requestTimeoutSeconds', 30);
    const proxyUrl = config.get<string>('http.proxy') || undefined;
    return AirflowClient.connect({
      baseUrl: profile.url,
      auth,
      apiVersion: profile.apiVersion === 'auto' ? undefined : profile.apiVersion,
      timeoutMs: overrides.timeoutMs ?? Math.max(1, timeoutSeconds) * 1000,
      retries: overrides.retries,
      tls: await readTls(entry),
      proxy: proxyUrl ? { url: proxyUrl, noProxy: process.env.NO_PROXY ?? process.env.no_proxy } : undefined,
    });
  }

  private async authFor(entry: ProfileEntry, interactive: boolean, secretOverride?: string): Promise<AuthConfig> {
    const { profile } = entry;
    const need = secretFor(profile.auth);
    const secret = need ? (secretOverride ?? (await this.storedSecret(entry, need.prompt, interactive))) : undefined;
    switch (profile.auth) {
      case 'none':
        return { kind: 'none' };
      case 'basic':
      case 'jwt':
        return { kind: profile.auth, username: profile.username ?? '', password: secret ?? '' };
      case 'bearer':
        return { kind: 'bearer', token: secret ?? '' };
      case 'header':
        return { kind: 'header', name: profile.headerName ?? '', value: secret ?? '', prefix: profile.headerPrefix };
      case 'command': {
        // A cloned repository must not be able to run programs through its settings.
        if (entry.source === 'workspace') {
          throw new InvalidInputError(`"${profile.name}" comes from workspace settings; token commands are only run from your user settings. Copy the profile to your user settings to use it.`);
        }
        const [command, ...args] = profile.tokenCommand ?? [];
        if (!command) throw new InvalidInputError(`"${profile.name}" has no token command.`);
        return { kind: 'command', command, args };
      }
    }
  }

  /** The secret to send, asking for it (interactive) or failing when none is stored or it was entered for another origin or user. */
  private async storedSecret(entry: ProfileEntry, prompt: string, interactive: boolean): Promise<string> {
    const { profile } = entry;
    const what = prompt.toLowerCase();
    const stored = await this.store.readSecret(entry);
    if (stored) {
      const decision = decideBinding(stored.binding, profile);
      if (decision.send) {
        // Stored before secrets were bound: bound now to the URL it is used with (see decideBinding).
        if (decision.migrate) await this.store.bindSecret(entry);
        return stored.value;
      }
      // Never sent without the user: the URL (or user name) may have been changed by a workspace, a sync or a typo.
      if (!interactive) {
        throw new UnauthenticatedError(`The stored ${what} of "${profile.name}" was entered for ${decision.enteredFor}, not ${decision.now}, and was not sent. Confirm the secret for the new URL: run "Airflow: Edit Connection" (or Test Connection).`);
      }
      const answer = await this.confirmSecret(profile, `The stored ${what} was entered for ${decision.enteredFor}; send it to ${decision.now}?`);
      if (answer === 'send') {
        await this.store.bindSecret(entry);
        return stored.value;
      }
      if (answer !== 'new') throw new UnauthenticatedError(`The stored ${what} of "${profile.name}" was not sent to ${decision.now}.`);
    } else if (!interactive) {
      throw new UnauthenticatedError(`No ${what} is stored for "${profile.name}". Run "Airflow: Edit Connection" to enter it.`);
    }
    const secret = await this.askSecret(profile, `${prompt} for ${profile.username ? `${profile.username} at ` : ''}${profile.url}. It is kept in VS Code's secret storage.`);
    if (secret === undefined) throw new UnauthenticatedError(`No ${what} was entered for "${profile.name}".`);
    await this.store.storeSecret(entry, secret);
    return secret;
  }
}

async function readTls(entry: ProfileEntry): Promise<TlsOptions | undefined> {
  const { profile } = entry;
  if (!profile.caFile && !profile.certFile && !profile.keyFile && !profile.skipTlsVerify) return undefined;
  const read = (file: string | undefined, what: string) => (file ? readPemFile(file, what, profile.name) : undefined);
  return {
    ca: await read(profile.caFile, 'CA file'),
    cert: await read(profile.certFile, 'client certificate'),
    key: await read(profile.keyFile, 'client key'),
    skipVerify: profile.skipTlsVerify === true,
  };
}
