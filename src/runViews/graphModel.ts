// The Graph of a DAG: its tasks as nodes inside their groups' boxes and the server's dependency
// edges, coloured by one run's states; a collapsed group stands for its tasks. Pure: no `vscode` import.
import type { Task, TaskInstance, TaskState } from '../airflow';
import { combinedState, dagStructure, groupPath, labelInGroup } from '../views/explorer/taskGroups';
import { refKey, rowKey } from './refKeys';

export interface GraphNode {
  kind: 'task' | 'group';
  /** `rowKey` of the task or group: the same key as its Grid row. */
  key: string;
  id: string;
  /** Its name inside its group. */
  label: string;
  /** The key of the innermost group it is in. */
  parent: string | undefined;
  mapped: boolean;
  /** A mapped task's number of expansions in the run. */
  count?: number;
  /** Its state in the run (a group's: the worst of its tasks'); null where the run has none. */
  state: TaskState;
  /** Its task instances in the run, by `refKey`. */
  refs: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
}

export interface GraphModel {
  /** The run whose states colour it; undefined for the bare structure. */
  runId: string | undefined;
  /** Groups before their members, tasks upstream first. */
  nodes: GraphNode[];
  /** Between task nodes, from `downstream_task_ids`: every edge the server names between tasks it lists. */
  edges: GraphEdge[];
}

/** The graph of `tasks` (the DAG's structure), coloured by `tis`, the task instances of run `runId`. */
export function graphModel(tasks: readonly Task[], tis: readonly TaskInstance[], runId?: string): GraphModel {
  const { rank } = dagStructure(tasks);
  const ordered = [...tasks].sort((a, b) => rank.get(a.taskId)! - rank.get(b.taskId)!);
  const ofTask = new Map<string, TaskInstance[]>();
  for (const ti of tis) if (ti.runId === runId) ofTask.set(ti.taskId, [...(ofTask.get(ti.taskId) ?? []), ti]);
  const nodes: GraphNode[] = [];
  const groups = new Map<string, { node: GraphNode; tis: TaskInstance[] }>();
  for (const task of ordered) {
    const path = groupPath(task.taskId);
    const mine = (ofTask.get(task.taskId) ?? []).sort((a, b) => a.mapIndex - b.mapIndex);
    path.forEach((groupId, depth) => {
      let g = groups.get(groupId);
      if (!g) {
        const parent = depth > 0 ? rowKey('group', path[depth - 1]) : undefined;
        const label = labelInGroup(groupId, path[depth - 1]);
        const node: GraphNode = {
          kind: 'group',
          key: rowKey('group', groupId),
          id: groupId,
          label,
          parent,
          mapped: false,
          state: null,
          refs: [],
        };
        groups.set(groupId, (g = { node, tis: [] }));
        nodes.push(node);
      }
      g.tis.push(...mine);
    });
    const inner = path[path.length - 1];
    const mapped = task.isMapped || mine.some((t) => t.mapIndex >= 0);
    nodes.push({
      kind: 'task',
      key: rowKey('task', task.taskId),
      id: task.taskId,
      label: labelInGroup(task.taskId, inner),
      parent: inner === undefined ? undefined : rowKey('group', inner),
      mapped,
      ...(mapped ? { count: mine.filter((t) => t.mapIndex >= 0).length } : {}),
      state: mine.length ? combinedState(mine) : null,
      refs: mine.map(refKey),
    });
  }
  for (const g of groups.values()) g.node.state = g.tis.length ? combinedState(g.tis) : null;
  const known = new Set(tasks.map((t) => t.taskId));
  const edges = ordered.flatMap((t) =>
    [...new Set(t.downstreamTaskIds)]
      .filter((d) => d !== t.taskId && known.has(d))
      .map((d) => ({ from: rowKey('task', t.taskId), to: rowKey('task', d) })),
  );
  return { runId, nodes, edges };
}

/**
 * The graph with the groups of `collapsed` (by key) closed: their members hidden, and each edge
 * drawn to the outermost closed group that holds its end, once, never from a box to itself.
 */
export function collapseGraph(graph: GraphModel, collapsed: ReadonlySet<string>): GraphModel {
  const parent = new Map(graph.nodes.map((n) => [n.key, n.parent]));
  const shownAs = (key: string): string => {
    let at = key;
    for (let p = parent.get(key); p !== undefined; p = parent.get(p)) if (collapsed.has(p)) at = p;
    return at;
  };
  const nodes = graph.nodes.filter((n) => shownAs(n.key) === n.key);
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const e of graph.edges) {
    const from = shownAs(e.from);
    const to = shownAs(e.to);
    const key = JSON.stringify([from, to]);
    if (from === to || seen.has(key)) continue;
    seen.add(key);
    edges.push({ from, to });
  }
  return { runId: graph.runId, nodes, edges };
}

/** A DAG of more tasks than this opens with its groups closed, as Airflow's own graph does: a few boxes, laid out at once. */
export const OPEN_GROUPS_UP_TO = 100;

/** The groups (by key) a view of `graph` starts with closed: all of them for a DAG of over {@link OPEN_GROUPS_UP_TO} tasks, else none. */
export function groupsClosedAtFirst(graph: GraphModel): string[] {
  const tasks = graph.nodes.filter((n) => n.kind === 'task').length;
  return tasks > OPEN_GROUPS_UP_TO ? graph.nodes.filter((n) => n.kind === 'group').map((n) => n.key) : [];
}
