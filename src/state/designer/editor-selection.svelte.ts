/**
 * Which nodes of one condition tree are ticked, for group / ungroup / NOT / delete. Ticks are
 * paths, so they hold only for the tree they were made on: any edit of the tree (a node removed
 * by its own button, a value changed) clears them, instead of letting a tick slide onto the
 * condition that moved into its place.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Condition } from '../../engine/library-schema';
import type { TreePath } from './editor-tree';

export class EditorSelection {
  private readonly selected = new SvelteMap<string, TreePath>();
  /** The tree, as text, the ticks were made on. */
  private tickedOn: string | undefined = $state();

  constructor(private readonly root: () => Condition | undefined) {}

  /** The ticks, if they were made on the tree as it is now. */
  private get current(): ReadonlyMap<string, TreePath> | undefined {
    return this.tickedOn === JSON.stringify(this.root() ?? null) ? this.selected : undefined;
  }

  get paths(): TreePath[] {
    return [...(this.current?.values() ?? [])];
  }

  get size(): number {
    return this.current?.size ?? 0;
  }

  has(path: TreePath): boolean {
    return this.current?.has(JSON.stringify(path)) ?? false;
  }

  toggle(path: TreePath): void {
    const tree = JSON.stringify(this.root() ?? null);
    if (this.tickedOn !== tree) this.selected.clear();
    this.tickedOn = tree;
    const key = JSON.stringify(path);
    if (this.selected.has(key)) this.selected.delete(key);
    else this.selected.set(key, path);
  }

  clear(): void {
    this.selected.clear();
  }
}
