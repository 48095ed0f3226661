/** Which nodes of one condition tree are selected, for group / ungroup / NOT / delete. */
import { SvelteMap } from 'svelte/reactivity';
import type { TreePath } from './editor-tree';

export class EditorSelection {
  private readonly selected = new SvelteMap<string, TreePath>();

  get paths(): TreePath[] {
    return [...this.selected.values()];
  }

  get size(): number {
    return this.selected.size;
  }

  has(path: TreePath): boolean {
    return this.selected.has(JSON.stringify(path));
  }

  toggle(path: TreePath): void {
    const key = JSON.stringify(path);
    if (this.selected.has(key)) this.selected.delete(key);
    else this.selected.set(key, path);
  }

  clear(): void {
    this.selected.clear();
  }
}
