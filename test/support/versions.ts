// What a server of a given Airflow version can do, from the release notes (shared/airflow-api.md),
// not from the client under test: the suites expect it of the version the server reports.

/** [major, minor] of "2.10.5". */
function majorMinor(version: string): [number, number] {
  const [major, minor] = version.split('.').map(Number);
  return [major, minor];
}

/** A task's tries are listed by the REST API from Airflow 2.10 on (`.../tries`), and in every 3.x. */
export function listsTaskTries(version: string): boolean {
  const [major, minor] = majorMinor(version);
  return major >= 3 || (major === 2 && minor >= 10);
}
