// What every loader of the explorer's rows gets: the client, the profile, the staleness check and the node cache. No `vscode` import.
import type { AirflowClient } from '../../airflow';
import type { Current } from './dagList';
import type { Node } from './nodes';

/** Reuses the tree's node object with the same id (NodeCache.keep). */
export type Keep = <T extends Node>(fresh: T) => T;

/** One load of a node's children: every awaited result passes `current`, every node `keep`. */
export interface LoadContext {
  client: AirflowClient;
  /** The active profile, the first part of every node id. */
  profileId: string;
  current: Current;
  keep: Keep;
}
