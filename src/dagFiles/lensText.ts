// What a DAG definition's CodeLens says: the deployed DAG's last run and whether the file is deployed. No `vscode` import.
import type { DagRun } from '../airflow';

/** "just now", "5 min ago", "2 h ago", "3 d ago". */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, (now - t) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

const MARK: Record<string, string> = { success: '✓', failed: '✗', running: '▶', queued: '…' };

/** "✓ success 5 min ago", "✗ failed 2 h ago", "▶ running, started 1 min ago", "no runs yet"; ", paused" when it is. */
export function lastRunText(run: DagRun | undefined, paused: boolean, now = Date.now()): string {
  const tail = paused ? ' · paused' : '';
  if (!run) return `no runs yet${tail}`;
  const mark = Object.hasOwn(MARK, run.state) ? MARK[run.state] : '•';
  let when: string;
  if (run.state === 'running') when = `, started ${ago(run.startDate, now)}`;
  else if (run.state === 'queued') when = ` ${ago(run.queuedAt ?? run.startDate, now)}`;
  else when = ` ${ago(run.endDate ?? run.startDate ?? run.logicalDate, now)}`;
  return `${mark} ${run.state}${when.trimEnd() === ',' ? '' : when}`.trimEnd() + tail;
}

export type DeployState = 'deployed' | 'localChanges' | 'serverNewer';

export const DEPLOY_TEXT: Record<DeployState, string> = {
  deployed: 'deployed',
  localChanges: 'local changes not deployed',
  serverNewer: 'server has a newer version',
};

/** Line endings and trailing white space do not count as a change (editors and deploy tools differ there). */
export function sameSource(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  return norm(a) === norm(b);
}

/**
 * Compares the local text with the server's. When they differ, the newer side is the one that
 * changed last as far as this window saw: the server's source changing (between two fetches) after
 * the file was last edited means the server is ahead; otherwise the local edit is not deployed.
 */
export function deployState(
  local: string,
  server: string,
  localChangedAt: number,
  serverChangedAt: number | undefined,
): DeployState {
  if (sameSource(local, server)) return 'deployed';
  return serverChangedAt !== undefined && serverChangedAt > localChangedAt ? 'serverNewer' : 'localChanges';
}
