/**
 * The most common values of a field with how many records hold each, for the value pickers.
 * Text values group ignoring case, as clauses compare them; list fields count each element.
 */
import { own, type Catalog } from '../catalog';
import type { Expr, Query } from '../sql/ast';
import * as q from '../sql/build';
import { sourceTable, type FieldSource } from './field-source';
import { labelField, referencedEntity } from './record-label';

export const VALUE_STATS_LIMIT = 50;

/** Field types whose values can be listed. */
export const LISTABLE_TYPES = ['text', 'number', 'textList'] as const;

/**
 * Columns: `value` (text or DOUBLE), `label` (text or NULL), `count`. With `rows` (a query with
 * the column `field`, e.g. `compileCountedField`), only those rows are counted instead of the
 * whole table.
 */
export function valueStatsQuery(
  catalog: Catalog,
  source: FieldSource,
  field: string,
  search = '',
  limit = VALUE_STATS_LIMIT,
  rows?: Query,
): Query {
  const info = sourceTable(catalog, source);
  const type = info ? own(info.fields, field) : undefined;
  if (!info || !type) throw new Error(`unknown field ${field}`);
  if (!(LISTABLE_TYPES as readonly string[]).includes(type)) throw new Error(`the values of ${type} field ${field} are not listed`);

  const column = q.col('t', field);
  const valueExpr =
    type === 'number'
      ? ({ kind: 'cast', expr: column, type: 'DOUBLE' } satisfies Expr)
      : type === 'textList'
        ? q.call('unnest', column)
        : column;
  const values = q.select([q.as(valueExpr, 'value')], { from: rows ? q.subquery(rows, 't') : q.table(info.table, 't') });
  const v = q.col('v', 'value');
  const grouped =
    type === 'number'
      ? q.select([q.as(v, 'value'), q.as(q.agg('count'), 'count')], {
          from: q.subquery(values, 'v'),
          where: q.isNull(v, true),
          groupBy: [v],
        })
      : q.select([q.as(q.agg('mode', v), 'value'), q.as(q.agg('count'), 'count')], {
          from: q.subquery(values, 'v'),
          where: q.isNull(v, true),
          groupBy: [q.lower(v)],
        });

  const target = referencedEntity(catalog, source, field);
  const targetInfo = target ? own(catalog.entities, target) : undefined;
  const nameField = target && targetInfo ? labelField(target, targetInfo) : undefined;
  const statValue = q.col('s', 'value');
  let from = q.subquery(grouped, 's');
  let label: Expr = q.NULL;
  if (targetInfo && nameField) {
    const names = q.select([q.as(q.col('n', targetInfo.key), 'key'), q.as(q.col('n', nameField), 'label')], {
      from: q.table(targetInfo.table, 'n'),
    });
    from = q.leftJoin(from, q.subquery(names, 'r'), q.compare('=', q.col('r', 'key'), statValue));
    label = q.col('r', 'label');
  }
  const needle = q.lower(q.text(search));
  const matches = (e: Expr) => q.coalesce(q.call('contains', q.lower({ kind: 'cast', expr: e, type: 'VARCHAR' }), needle), q.FALSE);
  return q.select([q.as(statValue, 'value'), q.as(label, 'label'), q.as(q.col('s', 'count'), 'count')], {
    from,
    ...(search ? { where: label === q.NULL ? matches(statValue) : q.or(matches(statValue), matches(label)) } : {}),
    orderBy: [{ expr: q.col('s', 'count'), descending: true }, statValue],
    limit,
  });
}
