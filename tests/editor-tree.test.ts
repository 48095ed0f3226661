import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Condition as ConditionSchema, type Condition } from '../src/engine/library-schema';
import {
  addTo,
  canGroup,
  canUngroup,
  groupAt,
  nodeAt,
  removeAll,
  removeAt,
  setGroupOperator,
  toggleNot,
  ungroupAt,
  type TreePath,
} from '../src/state/designer/editor-tree';

const a: Condition = { field: 'a', op: 'isTrue' };
const b: Condition = { field: 'b', op: 'isTrue' };
const c: Condition = { field: 'c', op: 'isTrue' };
const d: Condition = { field: 'd', op: 'isTrue' };

describe('condition tree edits', () => {
  it('adds to a group, to an empty root, and turns a single condition into an AND', () => {
    expect(addTo(undefined, [], a)).toEqual(a);
    expect(addTo(a, [], b)).toEqual({ and: [a, b] });
    expect(addTo({ or: [a] }, [], b)).toEqual({ or: [a, b] });
    const related: Condition = { related: 'account', via: 'r' };
    expect(addTo(related, ['where'], a)).toEqual({ related: 'account', via: 'r', where: a });
  });

  it('does not change its input', () => {
    const tree: Condition = { and: [a, { or: [b, c] }] };
    const copy = structuredClone(tree);
    removeAt(tree, ['and', 1, 'or', 0]);
    groupAt(tree, [['and', 0]], 'or');
    toggleNot(tree, ['and', 0]);
    expect(tree).toEqual(copy);
  });

  it('removes a clause, an emptied group with it, a NOT with its operand, and a where', () => {
    expect(removeAt({ and: [a, { or: [b] }] }, ['and', 1, 'or', 0])).toEqual({ and: [a] });
    expect(removeAt({ and: [a, { not: b }] }, ['and', 1, 'not'])).toEqual({ and: [a] });
    expect(removeAt({ related: 'x', via: 'r', where: a }, ['where'])).toEqual({ related: 'x', via: 'r' });
    expect(removeAt(a, [])).toBeUndefined();
    expect(removeAt({ and: [a] }, ['and', 0])).toBeUndefined();
  });

  it('groups selected siblings at the place of the first and ungroups back', () => {
    const tree: Condition = { and: [a, b, c, d] };
    const grouped = groupAt(
      tree,
      [
        ['and', 3],
        ['and', 1],
      ],
      'or',
    );
    expect(grouped).toEqual({ and: [a, { or: [b, d] }, c] });
    expect(ungroupAt(grouped, ['and', 1])).toEqual({ and: [a, b, d, c] });
    expect(groupAt(a, [[]], 'or')).toEqual({ or: [a] });
  });

  it('only groups siblings of one list', () => {
    expect(
      canGroup([
        ['and', 0],
        ['and', 1, 'or', 0],
      ]),
    ).toBe(false);
    expect(
      canGroup([
        ['and', 0],
        ['and', 2],
      ]),
    ).toBe(true);
    expect(canGroup([['and', 0]])).toBe(true);
    const tree: Condition = { and: [a, { or: [b, c] }] };
    expect(
      groupAt(
        tree,
        [
          ['and', 0],
          ['and', 1, 'or', 0],
        ],
        'or',
      ),
    ).toBe(tree);
  });

  it('ungroups a root group only when one item is left', () => {
    expect(canUngroup({ or: [a, b] }, [])).toBe(false);
    expect(ungroupAt({ or: [a] }, [])).toEqual(a);
    expect(canUngroup({ and: [a, { or: [b, c] }] }, ['and', 1])).toBe(true);
    expect(canUngroup({ and: [a] }, ['and', 0])).toBe(false);
  });

  it('switches AND and OR and toggles NOT from either side', () => {
    expect(setGroupOperator({ and: [a, b] }, [], 'or')).toEqual({ or: [a, b] });
    expect(toggleNot({ and: [a, b] }, ['and', 1])).toEqual({ and: [a, { not: b }] });
    expect(toggleNot({ and: [a, { not: b }] }, ['and', 1])).toEqual({ and: [a, b] });
    expect(toggleNot({ and: [a, { not: b }] }, ['and', 1, 'not'])).toEqual({ and: [a, b] });
  });

  it('deletes several selected nodes, including nested ones, whatever the order', () => {
    const tree: Condition = { and: [a, { or: [b, c] }, d] };
    expect(
      removeAll(tree, [
        ['and', 0],
        ['and', 2],
        ['and', 1, 'or', 0],
      ]),
    ).toEqual({ and: [{ or: [c] }] });
    expect(
      removeAll(tree, [
        ['and', 1, 'or', 0],
        ['and', 1],
      ]),
    ).toEqual({ and: [a, d] });
  });
});

/** Random trees of clauses, AND/OR groups and NOTs, with every path to a node. */
const leaf = fc.constantFrom<Condition>(a, b, c, d);
const tree: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ and: items })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ or: items })),
    tie('node').map((node) => ({ not: node })),
  ),
})).node;

function paths(node: Condition, at: TreePath = []): TreePath[] {
  const here = [at];
  if ('and' in node) return [...here, ...node.and.flatMap((n, i) => paths(n, [...at, 'and', i]))];
  if ('or' in node) return [...here, ...node.or.flatMap((n, i) => paths(n, [...at, 'or', i]))];
  if ('not' in node) return [...here, ...paths(node.not, [...at, 'not'])];
  return here;
}

const valid = (node: Condition | undefined) => node === undefined || ConditionSchema.safeParse(node).success;

describe('every edit keeps a valid tree', () => {
  it('remove, group, ungroup and NOT at any path', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (root, pick) => {
        const all = paths(root);
        const path = all[pick % all.length]!;
        expect(valid(removeAt(root, path))).toBe(true);
        expect(valid(groupAt(root, [path], 'or'))).toBe(true);
        expect(valid(ungroupAt(root, path))).toBe(true);
        expect(valid(toggleNot(root, path))).toBe(true);
        expect(valid(addTo(root, path, a))).toBe(true);
        expect(nodeAt(groupAt(root, [path], 'and'), path)).toEqual({ and: [nodeAt(root, path)] });
      }),
    );
  });
});
