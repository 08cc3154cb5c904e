// Connection profiles: what is stored in settings (never a secret) and how it is checked.
// No `vscode` import: unit-tested in plain node.
import { isWebAddress, type ApiVersion, type AuthKind } from '../airflow';
import { profileUrlProblem } from './urlChecks';

export interface Profile {
  /** Stable id; secret keys are namespaced by it. */
  id: string;
  name: string;
  url: string;
  auth: AuthKind;
  /** basic / jwt */
  username?: string;
  /** header: the header's name and optional value prefix (e.g. "Token"). */
  headerName?: string;
  headerPrefix?: string;
  /** command: program and its arguments, run without a shell. */
  tokenCommand?: string[];
  apiVersion?: ApiVersion | 'auto';
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Skip TLS certificate checks. Off unless set. */
  skipTlsVerify?: boolean;
  /** Retries of a failed idempotent request for this profile; `airflow.requestRetries` when unset. */
  requestRetries?: number;
  /** Web UI address when it differs from the API's. */
  webUrl?: string;
}

/** Where a profile was declared; workspace profiles are limited (trust, no token commands). */
export type ProfileSource = 'user' | 'workspace';

export interface ProfileEntry {
  profile: Profile;
  source: ProfileSource;
  /**
   * Workspace profiles: a hash of the workspace (file or folder) that declared it. Their secrets
   * are keyed by it, so a clone declaring the id of a user profile never reads the user's secret.
   */
  folder?: string;
}

/** SecretStorage name of the client key's passphrase (beside the auth kind's secret). */
export const KEY_PASSPHRASE = 'keyPassphrase';
export type SecretName = 'password' | 'token' | 'headerValue' | typeof KEY_PASSPHRASE;

/** Most retries a profile or the setting may ask for (package.json says the same). */
export const MAX_RETRIES = 10;

/** The secret a profile's auth kind needs, if any, and how to ask for it. */
export function secretFor(auth: AuthKind): { key: 'password' | 'token' | 'headerValue'; prompt: string } | undefined {
  switch (auth) {
    case 'basic':
    case 'jwt':
      return { key: 'password', prompt: 'Password' };
    case 'bearer':
      return { key: 'token', prompt: 'API token' };
    case 'header':
      return { key: 'headerValue', prompt: 'Header value (the secret part)' };
    default:
      return undefined;
  }
}

export const AUTH_LABELS: Record<AuthKind, { label: string; detail: string }> = {
  basic: { label: 'User name and password (Airflow 2.x)', detail: 'Basic auth, as enabled by [api] auth_backends' },
  jwt: { label: 'User name and password (Airflow 3.x)', detail: 'Exchanged for a token at /auth/token' },
  bearer: { label: 'API token', detail: 'A static bearer token (Astronomer, Composer…)' },
  command: { label: 'Token from a command', detail: 'e.g. gcloud auth print-access-token; run without a shell' },
  header: { label: 'Custom header', detail: 'A header name and a secret value, with an optional prefix' },
  none: { label: 'No authentication', detail: 'For a local Airflow with auth turned off' },
};

const AUTH_KINDS = new Set<AuthKind>(['none', 'basic', 'jwt', 'bearer', 'command', 'header']);

/**
 * Reads profiles from a settings value, dropping invalid ones with a reason each.
 * Anything that looks like a secret in settings is refused, so it never gets used from there.
 */
export function readProfiles(value: unknown, source: ProfileSource): { entries: ProfileEntry[]; problems: string[] } {
  const entries: ProfileEntry[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { entries, problems };
  if (!Array.isArray(value)) return { entries, problems: [`airflow.profiles in ${source} settings must be a list`] };
  for (const [i, raw] of value.entries()) {
    const where = `airflow.profiles[${i}] (${source} settings)`;
    if (!raw || typeof raw !== 'object') {
      problems.push(`${where} is not an object`);
      continue;
    }
    const p = raw as Record<string, unknown>;
    for (const key of ['password', 'token', 'headerValue', 'secret', 'apiKey', 'keyPassphrase', 'passphrase']) {
      if (key in p)
        problems.push(
          `${where} has "${key}": secrets do not belong in settings and are ignored. Run "Airflow: Edit Connection" to store it safely.`,
        );
    }
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    const url = typeof p.url === 'string' ? p.url.trim() : '';
    const auth = (typeof p.auth === 'string' ? p.auth : 'none') as AuthKind;
    if (!name || !url) {
      problems.push(`${where} needs a "name" and a "url"`);
      continue;
    }
    if (!AUTH_KINDS.has(auth)) {
      problems.push(`${where} has an unknown auth kind "${String(p.auth)}"`);
      continue;
    }
    // Refused here too (not only in the add flow): a "?token=…" must not be used, nor logged.
    const urlProblem = profileUrlProblem(url);
    if (urlProblem) {
      problems.push(`${where}: ${urlProblem}`);
      continue;
    }
    const str = (k: string) => (typeof p[k] === 'string' && p[k] ? (p[k] as string) : undefined);
    const profile: Profile = {
      id: str('id') ?? `${source}-${slug(name)}`,
      name,
      url,
      auth,
      username: str('username'),
      headerName: str('headerName'),
      headerPrefix: str('headerPrefix'),
      tokenCommand:
        Array.isArray(p.tokenCommand) && p.tokenCommand.every((x) => typeof x === 'string')
          ? (p.tokenCommand as string[])
          : undefined,
      apiVersion: p.apiVersion === 'v1' || p.apiVersion === 'v2' ? p.apiVersion : 'auto',
      caFile: str('caFile'),
      certFile: str('certFile'),
      keyFile: str('keyFile'),
      skipTlsVerify: p.skipTlsVerify === true,
      requestRetries: retriesOf(p.requestRetries),
      webUrl: str('webUrl'),
    };
    if (profile.webUrl !== undefined && !isWebAddress(profile.webUrl)) {
      // The web UI is opened outside VS Code: a file:// share, command: or vscode: address is refused.
      problems.push(`${where}: "webUrl" must be an http:// or https:// address; this profile is ignored`);
      continue;
    }
    if (p.requestRetries !== undefined && profile.requestRetries === undefined) {
      problems.push(
        `${where}: "requestRetries" must be a whole number from 0 to ${MAX_RETRIES}; airflow.requestRetries is used instead`,
      );
    }
    if (entries.some((e) => e.profile.id === profile.id)) {
      problems.push(`${where}: another profile has the id "${profile.id}"; this one is ignored`);
      continue;
    }
    entries.push({ profile, source });
  }
  return { entries, problems };
}

function retriesOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_RETRIES ? v : undefined;
}

/** What goes into settings: the profile without empty fields. Never holds a secret. */
export function toSettings(profile: Profile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(profile)) {
    if (v === undefined || v === '' || v === false || (k === 'apiVersion' && v === 'auto')) continue;
    out[k] = v;
  }
  return out;
}

export function newProfileId(name: string, taken: ReadonlySet<string>): string {
  const base = slug(name) || 'airflow';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * The SecretStorage key of one secret of one profile: `airflow.profile/<id>/<name>` for user
 * profiles, `airflow.profile/workspace/<folder>/<id>/<name>` for a workspace's.
 */
export function secretKey(profileId: string, name: string, folder?: string): string {
  return folder ? `airflow.profile/workspace/${folder}/${profileId}/${name}` : `airflow.profile/${profileId}/${name}`;
}

/** The ids a settings value declares, valid profiles or not (so a profile with a typo keeps its secret). */
export function declaredIds(value: unknown, source: ProfileSource): Set<string> {
  const ids = new Set<string>();
  if (!Array.isArray(value)) return ids;
  for (const raw of value as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const p = raw as { id?: unknown; name?: unknown };
    if (typeof p.id === 'string' && p.id) ids.add(p.id);
    else if (typeof p.name === 'string') ids.add(`${source}-${slug(p.name.trim())}`);
  }
  return ids;
}
