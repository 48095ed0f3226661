/**
 * Immutable edits of a segment draft outside its condition trees: profile groups and compound
 * steps (folded left to right, every item after the first with `combine`), interaction query
 * settings and static members.
 */
import { defaultLink, type Catalog } from '../../engine/catalog';
import type { Combine, Condition, CountTest, InteractionQuery, Measure, Window } from '../../engine/library-schema';

interface Folded {
  combine?: Combine;
}

/** The first item takes no combine; every later one needs one. */
function normalize<T extends Folded>(items: readonly T[]): T[] {
  return items.map((item, i) => {
    if (i === 0) {
      const { combine: _, ...rest } = item;
      return rest as T;
    }
    return item.combine ? item : { ...item, combine: 'union' };
  });
}

export function appendItem<T extends Folded>(items: readonly T[], item: T, combine: Combine = 'union'): T[] {
  return normalize([...items, items.length ? { ...item, combine } : item]);
}

export function removeItem<T extends Folded>(items: readonly T[], index: number): T[] {
  return normalize(items.filter((_, i) => i !== index));
}

export function moveItem<T extends Folded>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  // Each item keeps its own combine; the one that becomes first drops it, the old first gets union.
  return normalize(copy);
}

export function replaceItem<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}

export function setCombine<T extends Folded>(items: readonly T[], index: number, combine: Combine): T[] {
  return index === 0 ? [...items] : replaceItem(items, index, { ...items[index]!, combine });
}

export function setWhere<T extends { where?: Condition }>(owner: T, where: Condition | undefined): T {
  const { where: _, ...rest } = owner;
  return (where === undefined ? rest : { ...rest, where }) as T;
}

function withOptional<T extends object, K extends keyof T>(owner: T, key: K, value: T[K] | undefined): T {
  const copy = { ...owner };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

export const setCount = (query: InteractionQuery, count: CountTest | undefined) => withOptional(query, 'count', count);
export const setWindow = (query: InteractionQuery, window: Window | undefined) => withOptional(query, 'window', window);
export const setRelation = (query: InteractionQuery, relation: string | undefined) => withOptional(query, 'relation', relation);
/**
 * What a count test's number is measured in: interactions or distinct values (both whole
 * counts), or the values of one field. A threshold only means the same thing in the same units.
 */
function measureUnits(measure: Measure | undefined): string {
  if (!measure || measure.agg === 'count' || measure.agg === 'countDistinct') return 'count';
  return `field:${measure.field}`;
}

/**
 * Another measure. A count test in other units is reset to the default (at least one,
 * docs/DECISIONS.md "Switching a measure"): "sum of Amount ≥ 500" would otherwise become
 * "at least 500 distinct campaigns" and select nobody.
 */
export function setMeasure(query: InteractionQuery, measure: Measure | undefined): InteractionQuery {
  const next = withOptional(query, 'measure', measure?.agg === 'count' ? undefined : measure);
  return measureUnits(query.measure) === measureUnits(measure) ? next : setCount(next, undefined);
}

/**
 * Another interaction type: restrictions and a measure field it lacks are dropped, and the
 * relation is kept when the new type has that link (chosen explicitly when there is no default).
 */
export function setInteractionType(query: InteractionQuery, type: string, catalog: Catalog): InteractionQuery {
  const info = catalog.interactions.types[type];
  let next: InteractionQuery = { ...query, interaction: type };
  if (!info) return next;
  const relation = query.relation && info.links.includes(query.relation) ? query.relation : defaultLink(info) ? undefined : info.links[0];
  next = setRelation(next, relation);
  if (query.where) next = setWhere(next, undefined);
  if (query.measure && query.measure.agg !== 'count' && !(query.measure.field in info.fields)) next = setMeasure(next, undefined);
  return next;
}

export function addMembers(members: readonly string[], ids: readonly string[]): string[] {
  return [...new Set([...members, ...ids])];
}

export function removeMembers(members: readonly string[], ids: readonly string[]): string[] {
  const gone = new Set(ids);
  return members.filter((m) => !gone.has(m));
}
