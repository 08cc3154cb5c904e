// Builds every explorer node id, and reads the profile and DAG back from one. No `vscode` import.
// Ids are readable paths: `<profile>/dag/<dag>/run/<run>/task/<task>/try/<n>` and their neighbours.

/**
 * The profile comes first, so a profile switch can tell the nodes of another profile apart;
 * under it, each level appends its kind and key. The keys are the server's own ids as they are:
 * DAG, task and group ids hold no `/` (Airflow's key pattern), a run id may, so only the profile
 * and the DAG are read back from an id.
 */
export const nodeIds = {
  /** The hint to pick a connection, shown while none is active. */
  pickProfile: (): string => 'none/pick',
  importErrors: (profileId: string): string => `${profileId}/importErrors`,
  importError: (profileId: string, errorId: number): string => `${profileId}/importError/${errorId}`,
  dag: (profileId: string, dagId: string): string => `${profileId}/dag/${dagId}`,
  /** "Load more" under the DAG list (its failure is `error(moreDags(…))`). */
  moreDags: (profileId: string): string => `${profileId}/dags/more`,
  run: (profileId: string, run: { dagId: string; runId: string }): string =>
    `${nodeIds.dag(profileId, run.dagId)}/run/${run.runId}`,
  /** A task group of a run, by its full (dotted) group id. */
  group: (runNodeId: string, groupId: string): string => `${runNodeId}/group/${groupId}`,
  /** A task (or mapped task) of a run: the same id at any depth of groups. */
  task: (runNodeId: string, taskId: string): string => `${runNodeId}/task/${taskId}`,
  /** One expansion of a mapped task. */
  mapIndex: (mappedNodeId: string, mapIndex: number): string => `${mappedNodeId}/${mapIndex}`,
  try: (taskNodeId: string, tryNumber: number): string => `${taskNodeId}/try/${tryNumber}`,
  /** The note under a task of a server too old to list tries. */
  triesUnsupported: (taskNodeId: string): string => `${taskNodeId}/tries/unsupported`,
  /** "Load more" under a node (a DAG's runs). */
  more: (parentId: string): string => `${parentId}/more`,
  /** The "nothing here" message under a node, or under the profile's root. */
  empty: (parentId: string): string => `${parentId}/empty`,
  /** The failure message under a node, or under the profile's root. */
  error: (parentId: string): string => `${parentId}/error`,
};

/** The profile a node id belongs to (everything before the first `/`). */
export function profileOfNodeId(id: string): string {
  return id.slice(0, id.indexOf('/'));
}

/** True when the node id belongs to `profileId` (undefined: no profile active). */
export function isOfProfile(id: string, profileId: string | undefined): boolean {
  return id.startsWith(`${profileId}/`);
}

/** The profile and, for a DAG or anything under one, the DAG of a node id. */
export function parseNodeId(id: string): { profileId: string; dagId?: string } {
  const profileId = profileOfNodeId(id);
  const rest = id.slice(profileId.length + 1);
  if (!rest.startsWith('dag/')) return { profileId };
  const after = rest.slice('dag/'.length);
  const end = after.indexOf('/');
  return { profileId, dagId: end < 0 ? after : after.slice(0, end) };
}
