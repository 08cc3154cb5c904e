// Builds the AirflowClient of a profile from its settings, secret, proxy and TLS files; no UI.
import * as vscode from 'vscode';
import {
  AirflowClient,
  checkClientCertificate,
  InvalidInputError,
  isEncryptedKey,
  UnauthenticatedError,
  type AuthConfig,
  type RequestTrace,
  type ServerVersion,
  type TlsOptions,
} from '../airflow';
import { KEY_PASSPHRASE, secretFor, type Profile, type ProfileEntry, type SecretName } from '../profiles/profile';
import { decideBinding, decideOriginBinding } from '../profiles/secretBinding';
import type { ProfileStore } from '../profiles/profileStore';
import { readPemFile } from './tlsFiles';
import { TRANSPORT_SETTINGS, transportOf, type BuildOverrides } from './transportSettings';

/** Asks the user for a profile's missing secret; undefined when they decline. Supplied by the UI layer. */
export type AskSecret = (profile: Profile, prompt: string) => Promise<string | undefined>;

/**
 * Asks whether a stored secret entered for another server (or user) may be sent to the profile's
 * server now: `send` it, enter a `new` one, or undefined to send nothing. Supplied by the UI layer.
 */
export type ConfirmSecret = (profile: Profile, question: string) => Promise<'send' | 'new' | undefined>;

/** Where each request's trace goes (the output channel); see src/airflow/trace.ts. */
export type RequestTraceSink = (trace: RequestTrace) => void;

/** Builds (and caches) one Airflow client per profile from its settings and its secret. Shows no UI itself. */
export class ClientFactory implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<AirflowClient>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ProfileStore,
    private readonly askSecret: AskSecret,
    private readonly confirmSecret: ConfirmSecret,
    private readonly trace?: RequestTraceSink,
  ) {
    // Any change to profiles, secrets, trust or transport settings may change a client; rebuild on next use.
    this.subscriptions = [
      store.onDidChange(() => this.clients.clear()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (TRANSPORT_SETTINGS.some((s) => e.affectsConfiguration(s))) this.clients.clear();
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
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
    return this.build(anonymous, undefined, { timeoutMs: 5000, retries: 0 }).then(
      (c) => c.serverVersion,
      () => undefined,
    );
  }

  private async create(
    entry: ProfileEntry,
    interactive: boolean,
    secretOverride?: string,
    overrides: BuildOverrides = {},
  ): Promise<AirflowClient> {
    const { profile } = entry;
    const auth = await this.authFor(entry, interactive, secretOverride);
    const { timeoutMs, retries, proxy } = transportOf(vscode.workspace.getConfiguration(), profile, overrides);
    return AirflowClient.connect({
      baseUrl: profile.url,
      auth,
      apiVersion: profile.apiVersion === 'auto' ? undefined : profile.apiVersion,
      timeoutMs,
      retries,
      tls: await this.readTls(entry, interactive, overrides.keyPassphrase),
      proxy,
      trace: this.trace,
    });
  }

  /** The profile's CA, client certificate and key (with its passphrase from SecretStorage), checked before use. */
  private async readTls(
    entry: ProfileEntry,
    interactive: boolean,
    typedPassphrase: string | undefined,
  ): Promise<TlsOptions | undefined> {
    const { profile } = entry;
    if (!profile.caFile && !profile.certFile && !profile.keyFile && !profile.skipTlsVerify) return undefined;
    const read = (file: string | undefined, what: string) => (file ? readPemFile(file, what, profile.name) : undefined);
    const tls: TlsOptions = {
      ca: await read(profile.caFile, 'CA file'),
      cert: await read(profile.certFile, 'client certificate'),
      key: await read(profile.keyFile, 'client key'),
      skipVerify: profile.skipTlsVerify === true,
    };
    if (tls.key && isEncryptedKey(tls.key)) {
      tls.passphrase =
        typedPassphrase ||
        (await this.storedSecret(entry, 'Passphrase of the client key', interactive, KEY_PASSPHRASE));
    }
    checkClientCertificate(tls, profile.name);
    return tls;
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
          throw new InvalidInputError(
            `"${profile.name}" comes from workspace settings; token commands are only run from your user settings. Copy the profile to your user settings to use it.`,
          );
        }
        const [command, ...args] = profile.tokenCommand ?? [];
        if (!command) throw new InvalidInputError(`"${profile.name}" has no token command.`);
        return { kind: 'command', command, args };
      }
    }
  }

  /**
   * The secret to send (the auth kind's, or `name`), asking for it (interactive) or failing when
   * none is stored or it was entered for another origin or user.
   */
  private async storedSecret(
    entry: ProfileEntry,
    prompt: string,
    interactive: boolean,
    name?: SecretName,
  ): Promise<string> {
    const { profile } = entry;
    const what = prompt.toLowerCase();
    const stored = await this.store.readSecret(entry, name);
    if (stored) {
      const decision =
        name === KEY_PASSPHRASE ? decideOriginBinding(stored.binding, profile) : decideBinding(stored.binding, profile);
      if (decision.send) {
        // Stored before secrets were bound: bound now to the URL it is used with (see decideBinding).
        if (decision.migrate) await this.store.bindSecret(entry, name);
        return stored.value;
      }
      // Never sent without the user: the URL (or user name) may have been changed by a workspace, a sync or a typo.
      if (!interactive) {
        throw new UnauthenticatedError(
          `The stored ${what} of "${profile.name}" was entered for ${decision.enteredFor}, not ${decision.now}, and was not sent. Confirm the secret for the new URL: run "Airflow: Edit Connection" (or Test Connection).`,
        );
      }
      const answer = await this.confirmSecret(
        profile,
        `The stored ${what} was entered for ${decision.enteredFor}; send it to ${decision.now}?`,
      );
      if (answer === 'send') {
        await this.store.bindSecret(entry, name);
        return stored.value;
      }
      if (answer !== 'new')
        throw new UnauthenticatedError(`The stored ${what} of "${profile.name}" was not sent to ${decision.now}.`);
    } else if (!interactive) {
      throw new UnauthenticatedError(
        `No ${what} is stored for "${profile.name}". Run "Airflow: Edit Connection" to enter it.`,
      );
    }
    const secret = await this.askSecret(
      profile,
      `${prompt} for ${profile.username ? `${profile.username} at ` : ''}${profile.url}. It is kept in VS Code's secret storage.`,
    );
    if (secret === undefined) throw new UnauthenticatedError(`No ${what} was entered for "${profile.name}".`);
    await this.store.storeSecret(entry, secret, name);
    return secret;
  }
}
