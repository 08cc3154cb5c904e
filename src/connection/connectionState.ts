// What the status bar tells: the state of the active profile's connection. No `vscode` import.
import { isAirflowError, type AirflowClient, type ApiVersion, type Health } from '../airflow';

export type ConnectionState =
  | { kind: 'noProfile' }
  | { kind: 'connecting'; profile: string }
  | {
      kind: 'healthy' | 'degraded';
      profile: string;
      version: string;
      api: ApiVersion;
      health: Health;
      /** Components reported unhealthy (degraded only). */
      unhealthy: string[];
      rttMs: number;
      checkedAt: Date;
    }
  | { kind: 'authFailed' | 'unreachable'; profile: string; message: string; checkedAt: Date; version?: string };

export const COMPONENT_LABELS: Record<keyof Health, string> = {
  metadatabase: 'Metadata database',
  scheduler: 'Scheduler',
  triggerer: 'Triggerer',
  dagProcessor: 'DAG processor',
};

/**
 * Asks version and health (no auth) and makes one authenticated call, so a wrong password
 * shows as such even though version and health answer anyone.
 */
export async function checkConnection(
  profile: string,
  getClient: () => Promise<AirflowClient>,
  signal?: AbortSignal,
): Promise<ConnectionState> {
  const started = Date.now();
  let version: string | undefined;
  try {
    const client = await getClient();
    const v = await client.version({ signal });
    version = v.version;
    const health = await client.health({ signal });
    await client.listDags({}, { limit: 1 }, { signal });
    const unhealthy = (Object.keys(COMPONENT_LABELS) as (keyof Health)[])
      .filter((k) => health[k]?.status === 'unhealthy')
      .map((k) => COMPONENT_LABELS[k]);
    return {
      kind: unhealthy.length ? 'degraded' : 'healthy',
      profile,
      version: v.version,
      api: v.api,
      health,
      unhealthy,
      rttMs: Date.now() - started,
      checkedAt: new Date(),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const auth = isAirflowError(err) && (err.kind === 'unauthenticated' || err.kind === 'forbidden');
    return { kind: auth ? 'authFailed' : 'unreachable', profile, message, checkedAt: new Date(), version };
  }
}

/** Next check delay: the base interval when reachable; doubling from 5 s up to 4x the interval while not. */
export function nextDelayMs(state: ConnectionState, failuresInARow: number, intervalMs: number): number {
  if (state.kind === 'unreachable') return Math.min(5_000 * 2 ** Math.max(0, failuresInARow - 1), intervalMs * 4);
  return intervalMs;
}

/** One line for messages and the profile switcher, e.g. `Airflow 3.1.0 (API v2), healthy (…), 40 ms`. */
export function describeState(state: ConnectionState): string {
  switch (state.kind) {
    case 'noProfile':
      return 'no connection';
    case 'connecting':
      return 'connecting…';
    case 'healthy':
    case 'degraded': {
      const parts = (Object.keys(COMPONENT_LABELS) as (keyof typeof COMPONENT_LABELS)[])
        .filter((k) => state.health[k])
        .map((k) => `${COMPONENT_LABELS[k].toLowerCase()} ${state.health[k]?.status ?? 'unknown'}`);
      return `Airflow ${state.version} (API ${state.api}), ${state.kind}${parts.length ? ` (${parts.join(', ')})` : ''}, ${state.rttMs} ms`;
    }
    case 'authFailed':
      return `authentication failed: ${state.message}`;
    case 'unreachable':
      return `unreachable: ${state.message}`;
  }
}
