/**
 * The queries behind a trace, one contact (or one related record) at a time. Every verdict is
 * the compiler's own expression evaluated on that record, so a trace cannot disagree with the
 * members a segment selects.
 */
import { CONTACT, contactEntity, defaultLink, own, type Catalog } from '../catalog';
import {
  compileCondition,
  compileMatchingInteractions,
  countTest,
  DEFAULT_COUNT,
  type InteractionsCopy,
  measureExpr,
  relatedLink,
} from '../compile/compile-segment';
import type { TimeContext } from '../compile/field-clause';
import type { Condition, FieldClause, InteractionQuery, Measure, RelatedCondition, Segment } from '../library-schema';
import type { Expr, Query, SelectColumn } from '../sql/ast';
import * as q from '../sql/build';
import { TRACE_LIST_LIMIT } from './trace';

type Options = {
  readonly catalog: Catalog;
  /** The copies of the traced contact's interactions per type (`contactInteractionsQuery`), for its own parts. */
  readonly contactInteractions?: Readonly<Record<string, InteractionsCopy>>;
  /** A table holding the traced contact's row (`contactRowQuery`), read instead of the contact table for that contact. */
  readonly tracedContact?: { readonly key: string; readonly table: string };
} & TimeContext;

const RECORD = 'cur';
const RELATED = 'rel';

export const holdsColumn = (index: number) => `h${index}`;
export const actualColumn = (index: number) => `v${index}`;

function entityOf(catalog: Catalog, entity: string) {
  const info = catalog.entities[entity];
  if (!info) throw new Error(`unknown entity ${entity}`);
  return info;
}

const isKey = (catalog: Catalog, entity: string, key: string): Expr =>
  q.compare('=', q.col(RECORD, entityOf(catalog, entity).key), q.text(key));

/** Column `id`: a contact whose key differs from `key` only in case (for "did you mean"). */
export function contactLikeQuery(catalog: Catalog, key: string): Query {
  const contact = contactEntity(catalog);
  const column = q.col(RECORD, contact.key);
  return q.select([q.as(column, 'id')], {
    from: q.table(contact.table, RECORD),
    where: q.compare('=', q.lower(column), q.lower(q.text(key))),
    orderBy: [column],
    limit: 1,
  });
}

/** The table to read the record from: the copy of the traced contact's row for that contact. */
function recordTable(options: Options, entity: string, key: string): string {
  const copy = options.tracedContact;
  return copy && entity === CONTACT && key === copy.key ? copy.table : entityOf(options.catalog, entity).table;
}

/** Every column of the contact with this key (a trace copies its row once, `contactRow`). */
export function contactRowQuery(catalog: Catalog, key: string): Query {
  return q.select([q.STAR], { from: q.table(contactEntity(catalog).table, RECORD), where: isKey(catalog, CONTACT, key) });
}

/** One row for the record: per clause, `h<i>` its verdict and `v<i>` the field's value. */
export function fieldClausesQuery(options: Options, entity: string, key: string, clauses: readonly FieldClause[]): Query {
  const columns = clauses.flatMap((clause, i) => [
    q.as(q.coalesce(compileCondition(clause, RECORD, entity, options), q.FALSE), holdsColumn(i)),
    q.as(q.col(RECORD, clause.field), actualColumn(i)),
  ]);
  return q.select(columns.length ? columns : [q.as(q.TRUE, 'h')], {
    from: q.table(recordTable(options, entity, key), RECORD),
    where: isKey(options.catalog, entity, key),
  });
}

/** The records a `related` condition links to the record, and with `matching` only those satisfying its `where`. */
function relatedFrom(options: Options, entity: string, key: string, condition: RelatedCondition, matching: boolean) {
  const { target, ownSide, otherSide } = relatedLink(options.catalog, entity, condition);
  const from = q.innerJoin(
    q.table(recordTable(options, entity, key), RECORD),
    q.table(target.table, RELATED),
    q.compare('=', q.col(RELATED, otherSide), q.col(RECORD, ownSide)),
  );
  const filters = [isKey(options.catalog, entity, key)];
  if (matching && condition.where)
    filters.push(q.coalesce(compileCondition(condition.where, RELATED, condition.related, options), q.FALSE));
  return { from, where: q.and(...filters), relatedKey: q.col(RELATED, target.key) };
}

/** Column `id`: the first related records' keys, sorted. */
export function relatedKeysQuery(options: Options, entity: string, key: string, condition: RelatedCondition, matching: boolean): Query {
  const { from, where, relatedKey } = relatedFrom(options, entity, key, condition, matching);
  return q.select([q.as(relatedKey, 'id')], { from, where, orderBy: [relatedKey], limit: TRACE_LIST_LIMIT });
}

/** Column `n`: how many related records there are. */
export function relatedCountQuery(options: Options, entity: string, key: string, condition: RelatedCondition, matching: boolean): Query {
  const { from, where } = relatedFrom(options, entity, key, condition, matching);
  return q.select([q.as(q.agg('count'), 'n')], { from, where });
}

export function measureOf(query: InteractionQuery): Measure {
  return query.measure ?? { agg: 'count' };
}

export function linkOf(catalog: Catalog, query: InteractionQuery): string {
  const type = catalog.interactions.types[query.interaction];
  const link = query.relation ?? (type && defaultLink(type));
  if (!link) throw new Error(`interaction ${query.interaction} needs a relation`);
  return link;
}

/** The contact's interactions `query` counts (from `options.contactInteractions` where given, the copies of `contactInteractionsQuery`). */
function contactInteractions(options: Options, query: InteractionQuery, contact: string) {
  const { alias, from, where } = compileMatchingInteractions(query, { ...options, onlyContact: contact });
  return { alias, from, where };
}

/** The conditions of `condition` on interactions, in order: inside `related` conditions too (on other records) unless `intoRelated` is false. */
export function interactionParts(condition: Condition, intoRelated = true): InteractionQuery[] {
  const inner = (c: Condition) => interactionParts(c, intoRelated);
  if ('and' in condition) return condition.and.flatMap(inner);
  if ('or' in condition) return condition.or.flatMap(inner);
  if ('not' in condition) return inner(condition.not);
  if ('related' in condition) return intoRelated && condition.where ? inner(condition.where) : [];
  return 'interaction' in condition ? [condition] : [];
}

/** Per interaction type that `segments` read, the contact links they read it by. */
function interactionLinks(catalog: Catalog, segments: readonly Segment[]): Map<string, Set<string>> {
  const links = new Map<string, Set<string>>();
  const parts = segments.flatMap((segment): InteractionQuery[] => {
    if (segment.kind === 'interaction') return [segment.query];
    if (segment.kind === 'profile') return segment.query.groups.flatMap((g) => (g.where ? interactionParts(g.where) : []));
    return [];
  });
  for (const part of parts) {
    const forType = links.get(part.interaction) ?? new Set<string>();
    forType.add(linkOf(catalog, part));
    links.set(part.interaction, forType);
  }
  return links;
}

/** A table a trace copies the contact's interactions from, with the types `segments` read from it and the links they read them by. */
export interface InteractionsSource {
  readonly table: string;
  /** For a table of several types (`InteractionTypeInfo.sharedTable`), the column telling them apart. */
  readonly typeColumn?: string;
  readonly types: string[];
  readonly links: Set<string>;
}

/**
 * Where a trace copies the contact's interactions from, one scan each: the type's table, or for
 * types that are views of one shared table (the long interactions table), that table once for
 * all of them.
 */
export function interactionSources(catalog: Catalog, segments: readonly Segment[]): InteractionsSource[] {
  const sources = new Map<string, InteractionsSource>();
  for (const [type, links] of interactionLinks(catalog, segments)) {
    const info = own(catalog.interactions.types, type);
    if (!info) throw new Error(`unknown interaction ${type}`);
    const shared = info.sharedTable;
    const table = shared?.table ?? info.table;
    const id = JSON.stringify([table, shared?.typeColumn]);
    const source = sources.get(id) ?? { table, ...(shared ? { typeColumn: shared.typeColumn } : {}), types: [], links: new Set() };
    source.types.push(type);
    for (const link of links) source.links.add(link);
    sources.set(id, source);
  }
  return [...sources.values()];
}

/**
 * Every interaction of `source` that any of its links ties to the contact, of whichever type: a
 * trace copies them once and reads the copy for every part on that contact (each part picks its
 * type by `typeColumn`). The contact's key is the only filter, so the scan of a shared table
 * reads one column for every row and the others only near the contact's rows.
 */
export function contactInteractionsQuery(source: InteractionsSource, contact: string): Query {
  const ofContact = q.or(...[...source.links].map((link) => q.compare('=', q.col(RECORD, link), q.text(contact))));
  return q.select([q.STAR], { from: q.table(source.table, RECORD), where: ofContact });
}

/**
 * One row: `value` the measure over the contact's matching interactions, `total` how many there
 * are, `holds` the count test. Over no interactions a count is 0 and sum/avg/min/max NULL,
 * which is what the compiler's zero rule and its `HAVING` test see.
 */
export function interactionValueQuery(options: Options, query: InteractionQuery, contact: string): Query {
  const { alias, from, where } = contactInteractions(options, query, contact);
  const value = measureExpr(measureOf(query), alias, own(options.catalog.interactions.types, query.interaction)?.fields ?? {});
  return q.select(
    [
      q.as(value, 'value'),
      q.as(q.agg('count'), 'total'),
      q.as(q.coalesce(countTest(value, query.count ?? DEFAULT_COUNT), q.FALSE), 'holds'),
    ],
    { from, where },
  );
}

/** Every field of the contact's latest matching interactions, newest first. */
export function interactionRowsQuery(options: Options, query: InteractionQuery, contact: string): Query {
  const { alias, from, where } = contactInteractions(options, query, contact);
  const type = options.catalog.interactions.types[query.interaction]!;
  const ts = q.col(alias, options.catalog.interactions.timestampField);
  const idField = interactionIdField(options.catalog, query.interaction);
  return q.select(
    Object.keys(type.fields).map((field) => q.as(q.col(alias, field), field)),
    { from, where, orderBy: [{ expr: ts, descending: true }, ...(idField ? [q.col(alias, idField)] : [])], limit: TRACE_LIST_LIMIT },
  );
}

/** The type's `InteractionId` column (any case), if it has one. */
export function interactionIdField(catalog: Catalog, interaction: string): string | undefined {
  const fields = catalog.interactions.types[interaction]?.fields ?? {};
  return Object.keys(fields).find((f) => f.toLowerCase() === 'interactionid');
}

/** Column `n`: how many contacts have this key, read from `copy` (`contactRowQuery`) where given: whether the key names a contact. */
export function contactCountQuery(catalog: Catalog, key: string, copy?: string): Query {
  return q.select([q.as(q.agg('count'), 'n')], {
    from: q.table(copy ?? contactEntity(catalog).table, RECORD),
    where: isKey(catalog, CONTACT, key),
  });
}

/** Column `column` of `part` in `oneRowQuery`'s row. */
export const partColumn = (part: number, column: string) => `p${part}_${column}`;

/**
 * One-row queries asked together in one statement (each statement through the DuckDB-WASM
 * worker costs a round trip): column `column` of `parts[i]` is `partColumn(i, column)` of its one
 * row. A part without a row leaves none at all. Each part must be a SELECT whose columns all
 * have aliases and whose clauses do not name them.
 */
export function oneRowQuery(parts: readonly Query[]): Query {
  if (parts.length === 0) throw new Error('oneRowQuery needs at least one part');
  const columns: SelectColumn[] = [];
  const renamed = parts.map((part, i) => {
    if (part.kind !== 'select' || part.groupBy || part.having || part.orderBy) throw new Error('oneRowQuery takes plain one-row SELECTs');
    const alias = `p${i}`;
    const named = part.columns.map((c) => {
      if (c.alias === undefined) throw new Error('oneRowQuery takes aliased columns');
      const name = partColumn(i, c.alias);
      columns.push(q.as(q.col(alias, name), name));
      return { ...c, alias: name };
    });
    return q.subquery({ ...part, columns: named }, alias);
  });
  return q.select(columns, { from: renamed.reduce((left, right) => q.crossJoin(left, right)) });
}
