// The explorer's per-profile filter and favourite DAGs, kept in the extension's global state.
import * as vscode from 'vscode';
import type { ProfileStore } from '../../profiles/profileStore';
import { isEmpty, type ExplorerFilter } from './filters';

/** Each profile keeps its own: a filter that makes sense on staging may hide everything on prod. */
export class ExplorerState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The filter or the favourites of the active profile changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: Pick<ProfileStore, 'active'>,
    private readonly memento: vscode.Memento,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  filter(): ExplorerFilter {
    const id = this.activeId();
    return (id && this.memento.get<ExplorerFilter>(`airflow.filter/${id}`)) || {};
  }

  async setFilter(f: ExplorerFilter): Promise<void> {
    const id = this.activeId();
    if (!id) return;
    await this.memento.update(`airflow.filter/${id}`, isEmpty(f) ? undefined : f);
    this.changed.fire();
  }

  /** Changes some fields of the filter, keeping the others. */
  patchFilter(patch: Partial<ExplorerFilter>): Promise<void> {
    return this.setFilter({ ...this.filter(), ...patch });
  }

  favorites(): Set<string> {
    const id = this.activeId();
    return new Set((id && this.memento.get<string[]>(`airflow.favorites/${id}`)) || []);
  }

  async toggleFavorite(dagId: string): Promise<void> {
    const id = this.activeId();
    if (!id) return;
    const favs = this.favorites();
    if (favs.has(dagId)) favs.delete(dagId);
    else favs.add(dagId);
    await this.memento.update(`airflow.favorites/${id}`, [...favs].sort());
    this.changed.fire();
  }

  private activeId(): string | undefined {
    return this.store.active()?.profile.id;
  }
}
