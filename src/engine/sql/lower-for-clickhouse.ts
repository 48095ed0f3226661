/**
 * Rewrites the shared SQL tree into forms ClickHouse 18.16 (and every later ClickHouse) runs, so
 * the compiler stays one for every dialect:
 * - `A UNION B`, `A INTERSECT B`, `A EXCEPT B` (ClickHouse 18.16 has only UNION ALL) become
 *   `SELECT DISTINCT` over `A UNION ALL B`, and over A filtered by `GLOBAL [NOT] IN B`;
 * - `WITH` queries (18.16 has no common table expressions) have their CTEs inlined;
 * - `x NOT IN (…)` is true on a NULL `x` in ClickHouse, false (NULL) in DuckDB: it gets an
 *   explicit `x IS NOT NULL` beside it.
 */
import type { Expr, From, Query, SetOperator } from './ast';
import * as q from './build';
import { mapChildren } from './map-tables';

type Ctes = ReadonlyMap<string, Query>;

/** The name of a query's first output column: its alias, or the column it selects. */
function outputColumn(query: Query): string {
  switch (query.kind) {
    case 'select': {
      if (query.columns.length !== 1) throw new Error('ClickHouse set operations are lowered for one-column queries only');
      const column = query.columns[0]!;
      if (column.alias !== undefined) return column.alias;
      if (column.expr.kind === 'column') return column.expr.name;
      throw new Error('A set operation operand needs a named column');
    }
    case 'setOperation':
      return outputColumn(query.left);
    case 'with':
      return outputColumn(query.body);
  }
}

const SET_ALIAS = 'set_operand';

function lowerSetOperation(op: SetOperator, left: Query, right: Query): Query {
  if (op === 'UNION ALL' || op === 'UNION ALL BY NAME') return q.setOperation(op, left, right);
  const name = outputColumn(left);
  const column = q.col(SET_ALIAS, name);
  const distinct = (from: From, where?: Expr): Query =>
    q.select([q.as(column, name)], { distinct: true, from, ...(where ? { where } : {}) });
  if (op === 'UNION') return distinct(q.subquery(q.setOperation('UNION ALL', left, right), SET_ALIAS));
  return distinct(q.subquery(left, SET_ALIAS), q.inQuery(column, right, op === 'EXCEPT'));
}

function lowerFrom(from: From, ctes: Ctes): From {
  switch (from.kind) {
    case 'table': {
      const cte = ctes.get(from.name);
      return cte ? q.subquery(cte, from.alias ?? from.name) : from;
    }
    case 'tableFunction':
      return from;
    case 'subquery':
      return { ...from, query: lowerQueryIn(from.query, ctes) };
    case 'join':
      return { ...from, left: lowerFrom(from.left, ctes), right: lowerFrom(from.right, ctes), on: lowerExpr(from.on, ctes) };
  }
}

function lowerExpr(expr: Expr, ctes: Ctes): Expr {
  const lowered = mapChildren(
    expr,
    (e) => lowerExpr(e, ctes),
    (query) => lowerQueryIn(query, ctes),
  );
  if ((lowered.kind === 'inList' || lowered.kind === 'inQuery') && lowered.negated) return q.and(q.isNull(lowered.expr, true), lowered);
  return lowered;
}

function lowerQueryIn(query: Query, ctes: Ctes): Query {
  switch (query.kind) {
    case 'select': {
      const e = (x: Expr) => lowerExpr(x, ctes);
      return {
        ...query,
        columns: query.columns.map((c) => ({ ...c, expr: e(c.expr) })),
        ...(query.from ? { from: lowerFrom(query.from, ctes) } : {}),
        ...(query.where ? { where: e(query.where) } : {}),
        ...(query.groupBy ? { groupBy: query.groupBy.map(e) } : {}),
        ...(query.having ? { having: e(query.having) } : {}),
        ...(query.orderBy ? { orderBy: query.orderBy.map((o) => ('kind' in o ? e(o) : { ...o, expr: e(o.expr) })) } : {}),
      };
    }
    case 'setOperation':
      return lowerSetOperation(query.op, lowerQueryIn(query.left, ctes), lowerQueryIn(query.right, ctes));
    case 'with': {
      const inner = new Map(ctes);
      for (const cte of query.ctes) inner.set(cte.name, lowerQueryIn(cte.query, inner));
      return lowerQueryIn(query.body, inner);
    }
  }
}

export function lowerForClickhouse(query: Query): Query {
  return lowerQueryIn(query, new Map());
}
