// Short human text for times and durations. No `vscode` import.

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${Math.round(seconds % 60)}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}

/** Seconds between two ISO times, or from `start` until `now` when `end` is missing. */
export function secondsBetween(start: string | null, end: string | null, now = Date.now()): number | undefined {
  if (!start) return undefined;
  const s = Date.parse(start);
  const e = end ? Date.parse(end) : now;
  if (Number.isNaN(s) || Number.isNaN(e)) return undefined;
  return Math.max(0, (e - s) / 1000);
}

/** "success · 12.3s", "running for 3m 2s", "queued". */
export function stateWithDuration(
  state: string | null,
  start: string | null,
  end: string | null,
  now = Date.now(),
): string {
  const label = state ? state.replace(/_/g, ' ') : 'no status';
  const secs = secondsBetween(start, end, now);
  if (secs === undefined) return label;
  if (!end && (state === 'running' || state === 'deferred')) return `${label} for ${formatDuration(secs)}`;
  return end ? `${label} · ${formatDuration(secs)}` : label;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
