/**
 * Immutable edits of a condition tree (SPEC §3 conditions) at a path such as
 * `['and', 1, 'where', 'or', 0]`. Components stay thin: every change of structure is one of
 * these pure functions.
 */
import type { Condition } from '../../engine/library-schema';
import type { PathSegment } from '../../engine/problems';

export type TreePath = readonly PathSegment[];
export type GroupOperator = 'and' | 'or';

type Json = Record<string, unknown> | unknown[];

export function isGroup(node: Condition | undefined): node is { and: Condition[] } | { or: Condition[] } {
  return !!node && ('and' in node || 'or' in node);
}

export function groupOperator(node: Condition): GroupOperator | undefined {
  return 'and' in node ? 'and' : 'or' in node ? 'or' : undefined;
}

export function groupItems(node: Condition): Condition[] {
  return 'and' in node ? node.and : 'or' in node ? node.or : [];
}

export function makeGroup(op: GroupOperator, items: Condition[]): Condition {
  return op === 'and' ? { and: items } : { or: items };
}

export function nodeAt(root: Condition | undefined, path: TreePath): Condition | undefined {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathSegment, unknown>)[part];
  }
  return node as Condition | undefined;
}

/** A copy of `target` with the value at `path` replaced; `undefined` removes an object key. */
function setIn(target: unknown, path: TreePath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(target)) {
    const copy = [...target];
    copy[head as number] = setIn(copy[head as number], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = { ...((target ?? {}) as Json) };
  const next = setIn(copy[head as string], rest, value);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

export function replaceAt(root: Condition | undefined, path: TreePath, node: Condition | undefined): Condition | undefined {
  return setIn(root, path, node) as Condition | undefined;
}

/**
 * Removes the node at `path`. A group left empty goes too (an empty list is invalid); a removed
 * NOT operand takes its NOT along; a removed `where` of a related or interaction condition
 * leaves "has any related record" / "no restrictions".
 */
export function removeAt(root: Condition | undefined, path: TreePath): Condition | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const ownerPath = path.slice(0, -2);
    const key = path[path.length - 2] as GroupOperator;
    const owner = nodeAt(root, ownerPath);
    const items = owner ? groupItems(owner).filter((_, i) => i !== last) : [];
    if (items.length === 0) return removeAt(root, ownerPath);
    return replaceAt(root, ownerPath, makeGroup(key, items));
  }
  if (last === 'not') return removeAt(root, path.slice(0, -1));
  return replaceAt(root, path, undefined);
}

/** Adds `node` to the group at `containerPath`; a single condition there becomes an AND with it. */
export function addTo(root: Condition | undefined, containerPath: TreePath, node: Condition): Condition {
  const container = nodeAt(root, containerPath);
  if (container === undefined) return replaceAt(root, containerPath, node)!;
  if (isGroup(container)) {
    const op = groupOperator(container)!;
    return replaceAt(root, containerPath, makeGroup(op, [...groupItems(container), node]))!;
  }
  return replaceAt(root, containerPath, { and: [container, node] })!;
}

function parentList(path: TreePath): string | undefined {
  return typeof path[path.length - 1] === 'number' ? JSON.stringify(path.slice(0, -1)) : undefined;
}

/** Clauses can be grouped when they are items of the same AND/OR list, or one node alone. */
export function canGroup(paths: readonly TreePath[]): boolean {
  if (paths.length === 1) return true;
  const parents = new Set(paths.map(parentList));
  return paths.length > 1 && parents.size === 1 && !parents.has(undefined);
}

/** Puts the selected nodes into a new AND/OR group at the place of the first. */
export function groupAt(root: Condition | undefined, paths: readonly TreePath[], op: GroupOperator): Condition | undefined {
  if (!canGroup(paths)) return root;
  if (paths.length === 1 && typeof paths[0]![paths[0]!.length - 1] !== 'number') {
    const node = nodeAt(root, paths[0]!);
    return node ? replaceAt(root, paths[0]!, makeGroup(op, [node])) : root;
  }
  const listPath = paths[0]!.slice(0, -1);
  const ownerPath = listPath.slice(0, -1);
  const key = listPath[listPath.length - 1] as GroupOperator;
  const indices = new Set(paths.map((p) => p[p.length - 1] as number));
  const items = groupItems(nodeAt(root, ownerPath)!);
  const first = Math.min(...indices);
  const grouped = makeGroup(
    op,
    items.filter((_, i) => indices.has(i)),
  );
  const next = items.flatMap((item, i) => (i === first ? [grouped] : indices.has(i) ? [] : [item]));
  return replaceAt(root, ownerPath, makeGroup(key, next));
}

/** An AND/OR can be dissolved into its parent list, or replaced by its only item. */
export function canUngroup(root: Condition | undefined, path: TreePath): boolean {
  const node = nodeAt(root, path);
  if (!isGroup(node)) return false;
  return typeof path[path.length - 1] === 'number' || groupItems(node).length === 1;
}

export function ungroupAt(root: Condition | undefined, path: TreePath): Condition | undefined {
  if (!canUngroup(root, path)) return root;
  const node = nodeAt(root, path)!;
  const items = groupItems(node);
  const last = path[path.length - 1];
  if (typeof last !== 'number') return replaceAt(root, path, items[0]);
  const ownerPath = path.slice(0, -2);
  const key = path[path.length - 2] as GroupOperator;
  const siblings = groupItems(nodeAt(root, ownerPath)!);
  return replaceAt(
    root,
    ownerPath,
    makeGroup(
      key,
      siblings.flatMap((item, i) => (i === last ? items : [item])),
    ),
  );
}

export function setGroupOperator(root: Condition | undefined, path: TreePath, op: GroupOperator): Condition | undefined {
  const node = nodeAt(root, path);
  return isGroup(node) ? replaceAt(root, path, makeGroup(op, groupItems(node))) : root;
}

/** Wraps the node in NOT, or removes the NOT around it (the node itself or its parent). */
export function toggleNot(root: Condition | undefined, path: TreePath): Condition | undefined {
  const node = nodeAt(root, path);
  if (!node) return root;
  if (path[path.length - 1] === 'not') return replaceAt(root, path.slice(0, -1), node);
  if ('not' in node) return replaceAt(root, path, node.not);
  return replaceAt(root, path, { not: node });
}

function comparePaths(a: TreePath, b: TreePath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === 'number' && typeof b[i] === 'number'
      ? (a[i] as number) - (b[i] as number)
      : String(a[i]).localeCompare(String(b[i]));
  }
  return a.length - b.length;
}

export function isInside(path: TreePath, ancestor: TreePath): boolean {
  return ancestor.length < path.length && ancestor.every((part, i) => path[i] === part);
}

/** Removes every selected node; later siblings first so earlier paths stay valid. */
export function removeAll(root: Condition | undefined, paths: readonly TreePath[]): Condition | undefined {
  const outermost = paths.filter((p) => !paths.some((other) => isInside(p, other)));
  return [...outermost].sort((a, b) => comparePaths(b, a)).reduce<Condition | undefined>((tree, path) => removeAt(tree, path), root);
}
