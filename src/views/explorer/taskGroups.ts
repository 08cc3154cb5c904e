// How an expanded run lists its task instances: in task groups (nested as the DAG nests them),
// each group and task upstream first, mapped expansions together. Pure: no `vscode` import.
import type { Task, TaskInstance, TaskState } from '../../airflow';

/** What the DAG's task list says about order: each task's place, upstream first, and its downstream tasks. */
export interface DagStructure {
  /** Task id -> position in one upstream-first order of the whole DAG. */
  readonly rank: ReadonlyMap<string, number>;
  readonly downstream: ReadonlyMap<string, readonly string[]>;
}

/** One row under a run (or under a group): a task with its instance(s), or a group of rows. */
export type TaskTreeEntry =
  | { kind: 'task'; taskId: string; tis: TaskInstance[] }
  | { kind: 'group'; groupId: string; label: string; children: TaskTreeEntry[]; tis: TaskInstance[] };

/**
 * Orders the DAG's tasks upstream first (Kahn's algorithm over `downstream_task_ids`). Tasks that
 * do not depend on each other keep id order: the API lists tasks by id and keeps no other order.
 */
export function dagStructure(tasks: readonly Task[]): DagStructure {
  const downstream = new Map(tasks.map((t) => [t.taskId, t.downstreamTaskIds.filter((d) => d !== t.taskId)] as const));
  const ids = [...downstream.keys()];
  const order = topologicalOrder(
    ids,
    (id) => (downstream.get(id) ?? []).filter((d) => downstream.has(d)),
    (a, b) => compareIds(a, b),
  );
  return { rank: new Map(order.map((id, i) => [id, i])), downstream };
}

/**
 * The groups a task id is in, outermost first, from its dotted prefix: `a.b.task` is in `a` and
 * `a.b`. Airflow prefixes a task's id with its group's id unless the group turns
 * `prefix_group_id` off; the REST API (v1 and v2) names no group otherwise, so such tasks show
 * at the level of the nearest prefixed group.
 */
export function groupPath(taskId: string): string[] {
  const parts = taskId.split('.');
  // An empty segment ("a..b", ".a", "a.") is not a group Airflow would make.
  if (parts.some((p) => !p)) return [];
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** A task's (or group's) name inside its group: the part after the group's prefix. */
export function labelInGroup(name: string, groupId: string | undefined): string {
  return groupId && name.startsWith(`${groupId}.`) && name.length > groupId.length + 1
    ? name.slice(groupId.length + 1)
    : name;
}

/**
 * The rows of a run: task instances by task (mapped expansions in map-index order) inside their
 * groups; at every level tasks and groups in run order. A group comes where its first task runs,
 * and after every sibling one of its tasks waits for. Without a structure (it could not be
 * read) the order falls back to priority weight, which with the default weight rule is higher
 * upstream.
 */
export function taskTree(tis: readonly TaskInstance[], structure: DagStructure | undefined): TaskTreeEntry[] {
  const byTask = new Map<string, TaskInstance[]>();
  for (const ti of tis) byTask.set(ti.taskId, [...(byTask.get(ti.taskId) ?? []), ti]);
  for (const list of byTask.values()) list.sort((a, b) => a.mapIndex - b.mapIndex);
  const rank = structure?.rank ?? fallbackRank(byTask);
  const downstream = structure?.downstream ?? new Map<string, readonly string[]>();

  // Build the group tree from the task ids.
  type Group = { groupId: string; tasks: string[]; groups: Map<string, Group> };
  const root: Group = { groupId: '', tasks: [], groups: new Map() };
  for (const taskId of byTask.keys()) {
    let at = root;
    for (const groupId of groupPath(taskId)) {
      let next = at.groups.get(groupId);
      if (!next) at.groups.set(groupId, (next = { groupId, tasks: [], groups: new Map() }));
      at = next;
    }
    at.tasks.push(taskId);
  }

  const members = (g: Group): string[] => [...g.tasks, ...[...g.groups.values()].flatMap(members)];
  const build = (g: Group): TaskTreeEntry[] => {
    // Each child of the group (a task or a subgroup) with the tasks it stands for.
    const children = new Map<string, { entry: () => TaskTreeEntry; tasks: string[] }>();
    for (const taskId of g.tasks)
      children.set(`t:${taskId}`, {
        tasks: [taskId],
        entry: () => ({ kind: 'task', taskId, tis: byTask.get(taskId)! }),
      });
    for (const sub of g.groups.values()) {
      const tasks = members(sub);
      children.set(`g:${sub.groupId}`, {
        tasks,
        entry: () => ({
          kind: 'group',
          groupId: sub.groupId,
          label: labelInGroup(sub.groupId, g.groupId || undefined),
          children: build(sub),
          tis: tasks.flatMap((t) => byTask.get(t)!),
        }),
      });
    }
    // Which child each task of this group belongs to, to turn task edges into edges between children.
    const childOf = new Map<string, string>();
    for (const [key, c] of children) for (const t of c.tasks) childOf.set(t, key);
    const first = new Map(
      [...children].map(([key, c]) => [key, Math.min(...c.tasks.map((t) => rank.get(t) ?? Infinity))]),
    );
    const compare = (a: string, b: string) => {
      const fa = first.get(a)!;
      const fb = first.get(b)!;
      // Tasks the structure does not know (removed from the DAG) rank Infinity: last, by id.
      return fa !== fb ? (fa < fb ? -1 : 1) : compareIds(a.slice(2), b.slice(2));
    };
    const edges = (key: string) => {
      const out = new Set<string>();
      for (const t of children.get(key)!.tasks)
        for (const d of downstream.get(t) ?? []) {
          const to = childOf.get(d);
          if (to && to !== key) out.add(to);
        }
      return [...out];
    };
    return topologicalOrder([...children.keys()], edges, compare).map((key) => children.get(key)!.entry());
  };
  return build(root);
}

/**
 * The state a group of task instances shows: the first of Airflow's own order that any of them
 * is in (the 3.x grid's `state_priority`: failures, then what waits for attention, then what is
 * active, then success), so a group with one failed task shows failed. Empty: no status.
 */
export const STATE_PRECEDENCE: readonly TaskState[] = [
  'failed',
  'shutdown',
  'upstream_failed',
  'up_for_retry',
  'up_for_reschedule',
  'running',
  'restarting',
  'deferred',
  'awaiting_input',
  'queued',
  'scheduled',
  null,
  'success',
  'skipped',
  'removed',
];

export function combinedState(tis: readonly { state: TaskState | string }[]): TaskState {
  const present = new Set<unknown>(tis.map((t) => (t.state === 'none' ? null : t.state)));
  for (const s of STATE_PRECEDENCE) if (present.has(s)) return s;
  // Only states newer than this extension: show the first one as it is.
  return (tis[0]?.state as TaskState | undefined) ?? null;
}

/** How many task instances are in each state, in `STATE_PRECEDENCE` order: [state, count]. */
export function stateCounts(tis: readonly { state: TaskState }[]): [TaskState, number][] {
  const counts = new Map<TaskState, number>();
  for (const ti of tis) counts.set(ti.state, (counts.get(ti.state) ?? 0) + 1);
  const index = (s: TaskState) => {
    const i = STATE_PRECEDENCE.indexOf(s);
    return i < 0 ? STATE_PRECEDENCE.length : i;
  };
  return [...counts].sort((a, b) => index(a[0]) - index(b[0]));
}

/** Kahn's algorithm; among the nodes that are ready, the smallest by `compare` goes first. A cycle is broken at its smallest node. */
function topologicalOrder(
  nodes: string[],
  next: (n: string) => string[],
  compare: (a: string, b: string) => number,
): string[] {
  const known = new Set(nodes);
  const indegree = new Map(nodes.map((n) => [n, 0]));
  const out = new Map(nodes.map((n) => [n, next(n).filter((m) => known.has(m) && m !== n)]));
  for (const targets of out.values()) for (const m of targets) indegree.set(m, indegree.get(m)! + 1);
  const remaining = new Set(nodes);
  const order: string[] = [];
  while (remaining.size) {
    let pick: string | undefined;
    for (const n of remaining) if (indegree.get(n) === 0 && (pick === undefined || compare(n, pick) < 0)) pick = n;
    if (pick === undefined) for (const n of remaining) if (pick === undefined || compare(n, pick) < 0) pick = n;
    remaining.delete(pick!);
    order.push(pick!);
    for (const m of out.get(pick!)!) indegree.set(m, indegree.get(m)! - 1);
  }
  return order;
}

/** Positions from the instances alone: higher priority weight first (upstream, by default), then start time, then id. */
function fallbackRank(byTask: Map<string, TaskInstance[]>): Map<string, number> {
  const weight = (tis: TaskInstance[]) => Math.max(...tis.map((t) => t.priorityWeight ?? 0));
  const sorted = [...byTask].sort(([a, ta], [b, tb]) => {
    const w = weight(tb) - weight(ta);
    if (w) return w;
    const sa = ta[0].startDate ?? '9999';
    const sb = tb[0].startDate ?? '9999';
    return sa === sb ? compareIds(a, b) : sa.localeCompare(sb);
  });
  return new Map(sorted.map(([id], i) => [id, i]));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
