// Paging of the explorer: the DAG list loaded so far and how many runs each DAG shows ("Load more" raises both).
import * as vscode from 'vscode';
import type { AirflowClient, DagFilter } from '../../airflow';
import { firstDagPage, type Current, type DagListState } from './dagList';

/** How much of each list the tree shows; a reload starts again from the first page. */
export class TreePages {
  private list: DagListState | undefined;
  /** How many runs each DAG (by id) shows; "Load more" raises it. */
  private readonly runLimits = new Map<string, number>();

  /** The DAG list loaded so far, if any. */
  get dagList(): DagListState | undefined {
    return this.list;
  }

  /** The DAG list, its first page read now when there is none yet (for `profileId`). */
  async firstDags(
    client: AirflowClient,
    filter: DagFilter,
    profileId: string,
    current: Current,
  ): Promise<DagListState> {
    this.list ??= { ...(await firstDagPage(client, filter, current)), profileId };
    return this.list;
  }

  /** How many runs the DAG shows (a page, until "Load more" raised it). */
  runLimit(dagId: string): number {
    return this.runLimits.get(dagId) ?? runsPerPage();
  }

  setRunLimit(dagId: string, limit: number): void {
    this.runLimits.set(dagId, limit);
  }

  /** "Load more" under a DAG's runs: one more page of them, once the DAG has shown its first. */
  moreRuns(dagId: string): void {
    const limit = this.runLimits.get(dagId);
    if (limit !== undefined) this.runLimits.set(dagId, limit + runsPerPage());
  }

  /** The DAG shows one page of runs again. */
  forgetRuns(dagId: string): void {
    this.runLimits.delete(dagId);
  }

  /** A reload: the DAG list and every DAG's runs start again from their first page. */
  clear(): void {
    this.list = undefined;
    this.runLimits.clear();
  }
}

function runsPerPage(): number {
  return Math.max(1, vscode.workspace.getConfiguration('airflow').get<number>('runsPerPage', 25));
}
