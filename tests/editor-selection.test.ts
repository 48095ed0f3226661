import { describe, expect, it } from 'vitest';
import type { Condition } from '../src/engine/library-schema';
import { EditorSelection } from '../src/state/designer/editor-selection.svelte';
import { nodeAt, removeAt } from '../src/state/designer/editor-tree';

const clause = (value: string): Condition => ({ field: 'address1_city', op: 'eq', value });

describe('the ticked conditions of a tree', () => {
  it('do not jump to another condition when a condition before them is removed', () => {
    let root: Condition | undefined = { and: [clause('Seattle'), clause('Paris'), clause('Berlin')] };
    const selection = new EditorSelection(() => root);
    selection.toggle(['and', 1]);
    expect(selection.paths.map((p) => nodeAt(root, p))).toEqual([clause('Paris')]);

    // Removing Seattle (by its own delete button, not the toolbar) moves Berlin to and[1].
    root = removeAt(root, ['and', 0]);
    const ticked = selection.paths.map((p) => nodeAt(root, p));
    expect(ticked).not.toContainEqual(clause('Berlin'));
    expect(selection.has(['and', 1])).toBe(false);
  });

  it('keep their ticks while the tree is unchanged', () => {
    const root: Condition = { or: [clause('Seattle'), clause('Paris')] };
    const selection = new EditorSelection(() => structuredClone(root));
    selection.toggle(['or', 0]);
    expect(selection.has(['or', 0])).toBe(true);
    expect(selection.size).toBe(1);
  });
});
