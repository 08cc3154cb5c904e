// The explorer's node identity cache: one object per node id (so a node refreshes in place) and each node's parent.
import type { Node } from './nodes';
import { isOfProfile } from './nodeIds';

/** The nodes the tree has shown for one profile, by id, and the parent id of each. */
export class NodeCache {
  private readonly nodes = new Map<string, Node>();
  private readonly parents = new Map<string, string>();
  private profile: string | undefined;

  /** The node with this id, if the tree has shown it. */
  get(id: string): Node | undefined {
    return this.nodes.get(id);
  }

  parentId(id: string): string | undefined {
    return this.parents.get(id);
  }

  setParent(childId: string, parentId: string): void {
    this.parents.set(childId, parentId);
  }

  /**
   * Forgets every node when the profile changed and says whether it did. Nodes of another
   * profile must never be fired again: the tree no longer knows them.
   */
  switchTo(profile: string | undefined): boolean {
    const switched = profile !== this.profile;
    if (switched) {
      this.nodes.clear();
      this.parents.clear();
      this.profile = profile;
    }
    return switched;
  }

  /** True when the tree still shows this very node object, of the active profile. */
  isShown(node: Node, activeProfile: string | undefined): boolean {
    return this.nodes.get(node.id) === node && isOfProfile(node.id, activeProfile);
  }

  /** Reuses the node object with this id so refreshing it in place works. */
  keep<T extends Node>(fresh: T): T {
    const existing = this.nodes.get(fresh.id);
    if (existing && existing.kind === fresh.kind) {
      Object.assign(existing, fresh);
      return existing as T;
    }
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }
}
