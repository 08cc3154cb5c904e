// Endpoints the extension uses that a minor release added after the first of its API generation
// (Airflow 2.0 for v1, 3.0 for v2). On an older server the client refuses the call with an
// UnsupportedError naming the server's version, instead of sending it and getting a 404 that
// would read as "this task is gone". Measured on 2.9.3, 2.10.5, 2.11.2, 3.0.6, 3.1.8, 3.2.2, 3.3.2.
import { UnsupportedError } from './errors';
import type { ServerVersion } from './model';
import type { ApiFeatures } from './operations';

interface Gap {
  feature: keyof ApiFeatures;
  api: ServerVersion['api'];
  /** The first release that has it. */
  since: string;
  /** What the user asked for, after "cannot": "list a task's tries". */
  what: string;
}

const GAPS: readonly Gap[] = [
  // GET .../taskInstances/{task_id}/tries came with Airflow 2.10 (2.9.3 answers 404).
  { feature: 'taskTries', api: 'v1', since: '2.10.0', what: 'list the tries of a task' },
];

/** The leading numbers of a version ("2.9.3+composer" -> [2, 9, 3]); undefined when there are none. */
function numbers(version: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

/** Whether `version` is older than `since`; false when the version cannot be read (assume it is new enough). */
export function olderThan(version: string, since: string): boolean {
  const a = numbers(version);
  const b = numbers(since)!;
  if (!a) return false;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The API generation's features, less those this server's version does not have yet. */
export function featuresOf(base: ApiFeatures, server: ServerVersion | undefined): ApiFeatures {
  if (!server) return base;
  const out = { ...base };
  for (const g of GAPS) if (g.api === server.api && olderThan(server.version, g.since)) out[g.feature] = false;
  return out;
}

/** "Airflow 2.9.3 cannot list the tries of a task: its REST API has that from Airflow 2.10 on. …" */
export function unsupportedMessage(server: ServerVersion | undefined, feature: keyof ApiFeatures): string {
  const gap = GAPS.find((g) => g.feature === feature && g.api === server?.api);
  const since = gap ? gap.since.split('.').slice(0, 2).join('.') : 'a later version';
  return `${server ? `Airflow ${server.version}` : 'This Airflow'} cannot ${gap?.what ?? feature}: its REST API has that from Airflow ${since} on.`;
}

/** Throws an UnsupportedError naming the version when this server lacks `feature`. */
export function requireFeature(
  features: ApiFeatures,
  server: ServerVersion | undefined,
  feature: keyof ApiFeatures,
): void {
  if (features[feature]) return;
  throw new UnsupportedError(
    `${unsupportedMessage(server, feature)} Upgrade Airflow, or use its web UI for this.`,
    feature,
  );
}
