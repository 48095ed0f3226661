/**
 * Finds where a library's JSON nests too deep, before anything recursive (zod, the validator,
 * the compiler, DuckDB) sees it: past the limits a stack overflows or DuckDB refuses the query.
 */
import { MAX_CONDITION_DEPTH, MAX_JSON_DEPTH, tooDeepMessage } from './library-schema';
import type { PathSegment } from './problems';

export interface TooDeep {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first value nested deeper than MAX_JSON_DEPTH, walked without recursion. */
function tooDeepJson(root: Json): TooDeep | undefined {
  const stack: { value: Json; path: PathSegment[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_JSON_DEPTH) return { path, message: `the JSON nests more than ${MAX_JSON_DEPTH} levels deep here` };
    const entries: [PathSegment, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
  }
  return undefined;
}

/** The first condition deeper than MAX_CONDITION_DEPTH; `level` is the depth of `condition`. */
function tooDeepCondition(condition: Json, path: PathSegment[], level: number): TooDeep | undefined {
  if (!isObject(condition)) return undefined;
  if (level > MAX_CONDITION_DEPTH) return { path, message: tooDeepMessage() };
  const children: [PathSegment[], Json][] = [];
  for (const key of ['and', 'or'] as const) {
    const list = condition[key];
    if (Array.isArray(list)) list.forEach((c, i) => children.push([[...path, key, i], c]));
  }
  for (const key of ['not', 'where'] as const) if (key in condition) children.push([[...path, key], condition[key]]);
  for (const [childPath, child] of children) {
    const found = tooDeepCondition(child, childPath, level + 1);
    if (found) return found;
  }
  return undefined;
}

/** Every segment's first place that nests too deep (one problem per segment). */
export function tooDeep(json: Json): TooDeep[] {
  const segments = isObject(json) ? json.segments : undefined;
  if (!Array.isArray(segments)) {
    const found = tooDeepJson(json);
    return found ? [found] : [];
  }
  const found: TooDeep[] = [];
  segments.forEach((segment: Json, index) => {
    const path: PathSegment[] = ['segments', index];
    // Conditions first: their walk stops at the limit, and their message says more than JSON depth's.
    const query = isObject(segment) ? segment.query : undefined;
    const groups = isObject(query) && Array.isArray(query.groups) ? query.groups : undefined;
    const deepCondition = !isObject(query)
      ? undefined
      : groups
        ? groups
            .map((g: Json, i) => (isObject(g) ? tooDeepCondition(g.where, [...path, 'query', 'groups', i, 'where'], 1) : undefined))
            .find(Boolean)
        : tooDeepCondition(query.where, [...path, 'query', 'where'], 1);
    const deep = deepCondition ?? tooDeepJson(segment);
    if (deep) found.push(deep === deepCondition ? deep : { ...deep, path: [...path, ...deep.path] });
  });
  return found;
}
