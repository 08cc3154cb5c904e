// The explorer's DAG filter, kept per profile. No `vscode` import.
import type { DagFilter, RunState } from '../../airflow';

export interface ExplorerFilter {
  text?: string;
  tags?: string[];
  /** undefined: all; false: hide paused; true: only paused. */
  paused?: boolean;
  /** Only DAGs whose latest run failed. */
  lastRunFailed?: boolean;
  favoritesOnly?: boolean;
}

export function isEmpty(f: ExplorerFilter): boolean {
  return !f.text && !f.tags?.length && f.paused === undefined && !f.lastRunFailed && !f.favoritesOnly;
}

/**
 * What to ask the server. A plain word becomes a "contains" pattern. A server that cannot filter on
 * the last run's state ignores it (see `ApiFeatures`); the explorer then filters what it shows.
 */
export function toServerFilter(f: ExplorerFilter): DagFilter {
  const pattern = f.text?.trim() ? (/[%_]/.test(f.text) ? f.text.trim() : `%${f.text.trim()}%`) : undefined;
  const lastRunState: RunState | undefined = f.lastRunFailed ? 'failed' : undefined;
  return { namePattern: pattern, tags: f.tags?.length ? f.tags : undefined, paused: f.paused, lastRunState };
}

/** The view's description, e.g. `"etl" · tags: daily, ml · hiding paused`. */
export function describe(f: ExplorerFilter): string {
  const parts: string[] = [];
  if (f.text) parts.push(`"${f.text}"`);
  if (f.tags?.length) parts.push(`tags: ${f.tags.join(', ')}`);
  if (f.paused === false) parts.push('hiding paused');
  if (f.paused === true) parts.push('only paused');
  if (f.lastRunFailed) parts.push('last run failed');
  if (f.favoritesOnly) parts.push('favourites');
  return parts.join(' · ');
}
