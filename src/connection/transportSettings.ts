// The transport settings every client is built from: request timeout, retries and VS Code's proxy settings.
import type * as vscode from 'vscode';
import type { ProxyOptions } from '../airflow';
import { MAX_RETRIES, type Profile } from '../profiles/profile';

/** Settings every client is built from: a change rebuilds them. */
export const TRANSPORT_SETTINGS = [
  'airflow.requestTimeoutSeconds',
  'airflow.requestRetries',
  'http.proxy',
  'http.noProxy',
  'http.proxyStrictSSL',
  'http.proxyAuthorization',
];

/** Transport settings a caller may tighten, e.g. a quick probe that should not wait or retry. */
export interface BuildOverrides {
  timeoutMs?: number;
  retries?: number;
  /** The client key's passphrase as typed in the add/edit flow (not stored yet). */
  keyPassphrase?: string;
}

/** The timeout, retries and proxy of a profile's client: the caller's overrides, the profile's, then the settings. */
export function transportOf(
  config: vscode.WorkspaceConfiguration,
  profile: Profile,
  overrides: BuildOverrides,
): { timeoutMs: number; retries: number; proxy: ProxyOptions } {
  const timeoutSeconds = config.get<number>('airflow.requestTimeoutSeconds', 30);
  const retries =
    overrides.retries ??
    profile.requestRetries ??
    clamp(config.get<number>('airflow.requestRetries', 2), 0, MAX_RETRIES);
  return {
    timeoutMs: overrides.timeoutMs ?? Math.max(1, timeoutSeconds) * 1000,
    retries,
    proxy: proxySettings(config),
  };
}

/** VS Code's proxy settings; HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read where the proxy is resolved (src/airflow/proxy.ts). */
function proxySettings(config: vscode.WorkspaceConfiguration): ProxyOptions {
  return {
    url: config.get<string>('http.proxy') || undefined,
    noProxy: config.get<string[]>('http.noProxy') ?? [],
    authorization: config.get<string | null>('http.proxyAuthorization') || undefined,
    strictSSL: config.get<boolean>('http.proxyStrictSSL', true),
  };
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : min;
}
