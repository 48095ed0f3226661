/**
 * How segments overlap: every member of any of them gets a bit mask of the segments it is in
 * (bit i for the i-th member table), so one query gives the size of every non-empty
 * intersection, and the members of one.
 */
import { contactEntity, type Catalog } from '../catalog';
import { MEMBER_COLUMN } from '../compile/compile-segment';
import type { Query } from '../sql/ast';
import * as q from '../sql/build';
import { labelField } from './record-label';

export const OVERLAP_MEMBERS_LIMIT = 100;

/** Columns `id` and `mask`: each contact in any of the tables, with the bits of the tables it is in. */
function masks(tables: readonly string[]): Query {
  const bits = tables.map((table, i) => q.select([q.col(undefined, MEMBER_COLUMN), q.as(q.num(2 ** i), 'bit')], { from: q.table(table) }));
  const all = bits.slice(1).reduce((left, right) => q.setOperation('UNION ALL', left, right), bits[0]!);
  const id = q.col('b', MEMBER_COLUMN);
  return q.select([id, q.as(q.agg('sum', q.col('b', 'bit')), 'mask')], { from: q.subquery(all, 'b'), groupBy: [id] });
}

/** Columns `mask` and `n`: how many contacts are in exactly the tables of each mask. */
export function overlapQuery(tables: readonly string[]): Query {
  const mask = q.col('m', 'mask');
  return q.select([q.as({ kind: 'cast', expr: mask, type: 'BIGINT' }, 'mask'), q.as(q.agg('count'), 'n')], {
    from: q.subquery(masks(tables), 'm'),
    groupBy: [mask],
  });
}

/** Columns `id` and `label`: the first contacts (by key) in exactly the tables of `mask`. */
export function intersectionMembersQuery(catalog: Catalog, tables: readonly string[], mask: number, limit = OVERLAP_MEMBERS_LIMIT): Query {
  const contact = contactEntity(catalog);
  const nameField = labelField('contact', contact);
  const id = q.col('m', MEMBER_COLUMN);
  return q.select([q.as(id, 'id'), q.as(nameField ? q.col('c', nameField) : q.NULL, 'label')], {
    from: q.leftJoin(q.subquery(masks(tables), 'm'), q.table(contact.table, 'c'), q.compare('=', q.col('c', contact.key), id)),
    where: q.compare('=', q.col('m', 'mask'), q.num(mask)),
    orderBy: [id],
    limit,
  });
}
