/**
 * In ClickHouse 18.16 (and in later releases before the new analyzer) an alias of the SELECT
 * list stands for its expression wherever the query names it, also qualified: with
 * `SELECT c.contactid AS id … WHERE p.id IS NOT NULL`, `p.id` reads as `c.contactid`. Where a
 * SELECT reads a column named like one of its aliases (and the alias is not that very column),
 * it is rewritten as a subquery whose output columns have names of their own, and a SELECT
 * around it gives them their aliases back.
 */
import type { Expr, From, Query } from './ast';
import * as q from './build';
import { forEachExpr } from './map-tables';

type Select = Extract<Query, { kind: 'select' }>;

const SELECTED = 'selected';

/**
 * The expressions a SELECT's clauses read (not inside subqueries, which see their own aliases
 * only), but the select list's: an alias's own expression reads the column of its name
 * (`toString(t.id) AS id`), so those are read apart.
 */
function clauseExprs(query: Select): Expr[] {
  const ons = (from: From | undefined): Expr[] =>
    from?.kind === 'join' ? [...ons(from.left), ...ons(from.right), ...(from.type === 'CROSS' ? [] : [from.on])] : [];
  return [...ons(query.from), ...(query.where ? [query.where] : []), ...(query.groupBy ?? []), ...(query.having ? [query.having] : [])];
}

function columnsRead(expr: Expr, out: Extract<Expr, { kind: 'column' }>[]): void {
  forEachExpr(expr, (e) => {
    if (e.kind === 'column') out.push(e);
  });
}

function shadows(query: Select): boolean {
  const aliased = new Map(query.columns.flatMap((c) => (c.alias === undefined ? [] : [[c.alias, c.expr] as const])));
  const read: Extract<Expr, { kind: 'column' }>[] = [];
  for (const expr of clauseExprs(query)) columnsRead(expr, read);
  for (const column of query.columns) {
    const own: Extract<Expr, { kind: 'column' }>[] = [];
    columnsRead(column.expr, own);
    read.push(...own.filter((c) => c.name !== column.alias));
  }
  return read.some((column) => {
    const expr = aliased.get(column.name);
    return expr !== undefined && !(expr.kind === 'column' && expr.table === column.table && expr.name === column.name);
  });
}

export function aliasesApart(query: Select): Select {
  // An ORDER BY, LIMIT or star has no place outside; none of these selects shadows a column.
  const outside = query.orderBy !== undefined || query.limit !== undefined || query.offset !== undefined;
  if (outside || query.columns.some((c) => c.expr.kind === 'star') || !shadows(query)) return query;
  const names = query.columns.map((c) => {
    if (c.alias !== undefined) return c.alias;
    if (c.expr.kind === 'column') return c.expr.name;
    throw new Error('a SELECT whose aliases shadow its columns needs a name for every column');
  });
  const inner: Select = { ...query, columns: query.columns.map((c, i) => q.as(c.expr, `${SELECTED}:${names[i]}`)) };
  return q.select(
    names.map((name) => q.as(q.col(SELECTED, `${SELECTED}:${name}`), name)),
    { from: q.subquery(inner, SELECTED) },
  ) as Select;
}
