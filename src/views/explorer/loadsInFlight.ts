// One children load per node at a time, each checked against the tree's generation so a load overtaken by a reload writes nothing. No `vscode` import.
import type { Current } from './dagList';
import { Generation, StaleLoadError } from './generation';
import type { Node } from './nodes';

/**
 * The loads under way, by node id ('root' for the top level). A second request for the same
 * node shares the first; `overtakeAll` (a reload) makes every load under way stale.
 */
export class LoadsInFlight {
  /** Bumped by a reload: every load checks its awaited results against it, so an overtaken one writes nothing. */
  private readonly generation = new Generation();
  private readonly inFlight = new Map<string, Promise<Node[]>>();

  /** True while the node's children are loading. */
  has(id: string): boolean {
    return this.inFlight.has(id);
  }

  /** A reload: loads under way are stale from now on and no longer shared. */
  overtakeAll(): void {
    this.generation.bump();
    this.inFlight.clear();
  }

  /** A check bound to the generation of now: it throws StaleLoadError once a reload overtook it. */
  current(): Current {
    const ticket = this.generation.ticket();
    return (work) => this.generation.check(ticket, work);
  }

  /**
   * Runs `load` for `node` unless one is under way (then shares it). An overtaken load answers
   * with `again()` (a fresh load, where the tree still shows the node) or nothing.
   */
  children(
    node: Node | undefined,
    load: (current: Current) => Promise<Node[]>,
    loaded: (children: Node[]) => void,
    again: () => Promise<Node[]> | Node[],
  ): Promise<Node[]> {
    const key = node?.id ?? 'root';
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work: Promise<Node[]> = load(this.current())
      .then((children) => {
        loaded(children);
        return children;
      })
      .catch((err: unknown) => {
        if (!(err instanceof StaleLoadError)) throw err;
        // Overtaken (profile switch, filter change, refresh): answer with what the tree holds now.
        return again();
      })
      .finally(() => {
        if (this.inFlight.get(key) === work) this.inFlight.delete(key);
      });
    this.inFlight.set(key, work);
    return work;
  }
}
