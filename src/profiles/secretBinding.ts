// Which server and user a stored secret was entered for, and whether it may go to a profile's server now. No `vscode` import.
import { parseBaseUrl } from '../airflow';
import type { Profile } from './profile';

/** Stored beside each secret: where it was typed in for. */
export interface SecretBinding {
  /** scheme://host:port, the port always written out. */
  origin: string;
  /** For user name and password profiles only: a password belongs to one user. */
  username?: string;
}

/** scheme://host:port of a profile URL (default ports written out, so http://a and http://a:80 match). */
export function originOf(url: string): string {
  const u = new URL(parseBaseUrl(url).root);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.protocol}//${u.hostname}:${port}`;
}

/** The binding a secret entered now for `profile` gets. */
export function bindingOf(profile: Profile): SecretBinding {
  const withUser = profile.auth === 'basic' || profile.auth === 'jwt';
  return { origin: originOf(profile.url), username: withUser ? (profile.username ?? '') : undefined };
}

/**
 * The binding of one named secret: the auth secret's (origin and, for a password, user), or the
 * client key passphrase's, which belongs to the origin only (it unlocks the key shown to that server).
 */
export function bindingFor(profile: Profile, name?: string): SecretBinding {
  return name === 'keyPassphrase' ? { origin: originOf(profile.url) } : bindingOf(profile);
}

/** Whether a stored key passphrase may be used for `profile`'s server: same rule as decideBinding, origin only. */
export function decideOriginBinding(stored: SecretBinding | 'corrupt' | undefined, profile: Profile): BindingDecision {
  return decideBinding(stored, { ...profile, auth: 'none' });
}

/** Reads a stored binding; `'corrupt'` when something is stored but is not one (then it is never trusted). */
export function parseBinding(raw: string | undefined): SecretBinding | 'corrupt' | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && typeof (v as SecretBinding).origin === 'string') {
      const { origin, username } = v as SecretBinding;
      return { origin, username: typeof username === 'string' ? username : undefined };
    }
  } catch {
    // falls through
  }
  return 'corrupt';
}

export type BindingDecision =
  /** Same server and user; `migrate` when the secret predates bindings and should be bound now. */
  | { send: true; migrate: boolean }
  /** Another server or user: sending needs the user's say-so. */
  | { send: false; enteredFor: string; now: string };

/**
 * Whether a stored secret may be sent for `profile`. A secret stored before bindings existed has
 * none: it is treated as entered for the profile's URL of today (the first use binds it there), which
 * is what the user saw when they typed it unless the URL was changed since by someone else.
 */
export function decideBinding(stored: SecretBinding | 'corrupt' | undefined, profile: Profile): BindingDecision {
  const now = bindingOf(profile);
  if (stored === undefined) return { send: true, migrate: true };
  if (
    stored !== 'corrupt' &&
    stored.origin === now.origin &&
    (now.username === undefined || stored.username === now.username)
  ) {
    return { send: true, migrate: false };
  }
  return {
    send: false,
    enteredFor: stored === 'corrupt' ? 'an unknown server' : describeBinding(stored),
    now: describeBinding(now),
  };
}

/** "admin at https://airflow.example.com:443" or just the origin. */
export function describeBinding(b: SecretBinding): string {
  return b.username ? `${b.username} at ${b.origin}` : b.origin;
}
