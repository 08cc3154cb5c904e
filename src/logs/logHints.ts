// Short explanations for logs that are missing or say why they could not be read. Pure.

/** What Airflow writes into the log text when it could not find or fetch the log itself. */
const PATTERNS: Array<{ test: RegExp; hint: string }> = [
  {
    test: /\*\*\* (Could not read served logs|Failed to fetch log file from worker|Log file does not exist|No host supplied)/i,
    hint: 'Airflow could not get this log from the worker that ran the task: the worker is gone or not reachable from the web server, or its log file was deleted. Remote logging ([logging] remote_logging) keeps logs after workers go away.',
  },
  {
    test: /\*\*\* (Unable to read remote log|Reading remote log from .* failed|Could not read remote logs?|Remote log .* not found|No logs found in .*(s3|gs|wasb|blob|bucket))/i,
    hint: 'Airflow could not read this log from remote storage. Check [logging] remote_logging, remote_base_log_folder and remote_log_conn_id on the web server / API server, and that its connection can read the bucket.',
  },
  {
    test: /\*\*\* (No logs found|Log file is not found|Could not find log|Found no logs)/i,
    hint: 'Airflow found no log file for this try. The task may have been killed before it logged anything, or the log was removed by log retention.',
  },
];

/** Explanations for what Airflow said about the log, in the order they apply (none for an ordinary log). */
export function explainLog(lines: readonly string[]): string[] {
  const hints: string[] = [];
  const head = lines.slice(0, 50);
  for (const { test, hint } of PATTERNS) {
    if (head.some((l) => test.test(l)) && !hints.includes(hint)) hints.push(hint);
  }
  return hints;
}

export interface TryInfo {
  tryNumber: number;
  state: string | null;
}

/**
 * Why there is no log to read for `tryNumber`, or undefined when the try exists.
 * `current` is the task instance's latest try (0 when it never ran).
 */
export function missingTryReason(
  taskLabel: string,
  tryNumber: number,
  current: TryInfo | undefined,
): string | undefined {
  if (!current) return `There is no task instance ${taskLabel} in this run.`;
  if (current.tryNumber < 1 || tryNumber < 1) {
    return `No log yet: ${taskLabel} has not run (state: ${current.state ?? 'no status'}). Its log appears once it starts.`;
  }
  if (tryNumber > current.tryNumber) {
    return `No log for try ${tryNumber}: ${taskLabel} has run ${current.tryNumber} time${current.tryNumber === 1 ? '' : 's'} so far (state: ${current.state ?? 'no status'}).`;
  }
  return undefined;
}
