// What a refresh of the DAG files learnt, and what a file's lenses show from it.
import type { Dag, DagRun, ImportError } from '../airflow';
import type { DagDefinition } from './dagIds';
import type { DeployState } from './lensText';

/** What one refresh learnt about the active connection's DAGs. */
export interface Snapshot {
  profileId: string;
  profileName: string;
  dags: Map<string, Dag>;
  /** Ids the server proved it does not have. */
  missing: Set<string>;
  /** Ids one request could not settle (more matches than a page): neither found nor missing. */
  unsettled: Set<string>;
  latest: Map<string, DagRun>;
  importErrors: ImportError[];
  /** Why the last refresh failed, when it did (the lenses say so instead of guessing). */
  error?: string;
  takenAt: number;
}

/** A DAG definition of a file, with what the server says about it. */
export interface DagFileEntry {
  def: DagDefinition;
  /** `unknown` until the first lookup; `unsettled` when one request could not tell. */
  status: 'unknown' | 'unsettled' | 'missing' | 'elsewhere' | 'deployed';
  dag?: Dag;
  latest?: DagRun;
  deploy?: DeployState;
}
