/**
 * Rewrites the shared SQL tree into forms ClickHouse 18.16 (and every later ClickHouse) runs, so
 * the compiler stays one for every dialect:
 * - `A UNION B`, `A INTERSECT B`, `A EXCEPT B` (ClickHouse 18.16 has only UNION ALL) become
 *   `SELECT DISTINCT` over `A UNION ALL B`, and over A filtered by `GLOBAL [NOT] IN B` (a tuple
 *   of the columns when there are several);
 * - `WITH` queries (18.16 has no common table expressions) have their CTEs inlined;
 * - joins take 18.16's form: one per SELECT, on equalities only, keys it reads wrongly copied
 *   (`one-join-per-select.ts`);
 * - a SELECT whose alias would stand for a column it reads gets names of its own inside
 *   (`aliases-apart.ts`);
 * - a number selected as a column is a Float64 (`selectedNumber`);
 * - `x NOT IN (…)` is true on a NULL `x` in ClickHouse, false (NULL) in DuckDB: it gets an
 *   explicit `x IS NOT NULL` beside it.
 */
import type { Expr, From, Query, SetOperator } from './ast';
import { aliasesApart } from './aliases-apart';
import * as q from './build';
import { mapChildren } from './map-tables';
import { oneJoinPerSelect } from './one-join-per-select';

type Ctes = ReadonlyMap<string, Query>;

/** The names of a query's output columns: their aliases, or the columns they select. */
function outputColumns(query: Query): string[] {
  switch (query.kind) {
    case 'select':
      return query.columns.map((column) => {
        if (column.alias !== undefined) return column.alias;
        if (column.expr.kind === 'column') return column.expr.name;
        throw new Error('A set operation operand needs named columns');
      });
    case 'setOperation':
      return outputColumns(query.left);
    case 'with':
      return outputColumns(query.body);
  }
}

const SET_ALIAS = 'set_operand';

function lowerSetOperation(op: SetOperator, left: Query, right: Query): Query {
  if (op === 'UNION ALL' || op === 'UNION ALL BY NAME') return q.setOperation(op, left, right);
  const names = outputColumns(left);
  const columns = names.map((name) => q.col(SET_ALIAS, name));
  const distinct = (from: From, where?: Expr): Query =>
    q.select(
      columns.map((column, i) => q.as(column, names[i]!)),
      { distinct: true, from, ...(where ? { where } : {}) },
    );
  if (op === 'UNION') return distinct(q.subquery(q.setOperation('UNION ALL', left, right), SET_ALIAS));
  // Rows of several columns (a timeline's pairs of instant and contact) are compared as tuples.
  const row = columns.length === 1 ? columns[0]! : q.call('tuple', ...columns);
  return distinct(q.subquery(left, SET_ALIAS), q.inQuery(row, right, op === 'EXCEPT'));
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
    case 'join': {
      const sides = { left: lowerFrom(from.left, ctes), right: lowerFrom(from.right, ctes) };
      return from.type === 'CROSS' ? { ...from, ...sides } : { ...from, ...sides, on: lowerExpr(from.on, ctes) };
    }
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

/**
 * ClickHouse types a number literal by its value (UInt8 for 0, Int16 for -1, UInt16 past 255):
 * selected as a column it would read back as a boolean (the engine's UInt8), and 18.16 joins
 * only keys of one type (a timeline's instant positions). Every number the engine stores is a
 * Float64, and so is a selected one.
 */
function selectedNumber(expr: Expr): Expr {
  return expr.kind === 'literal' && expr.type === 'number' ? q.chCall('toFloat64', expr) : expr;
}

function lowerQueryIn(query: Query, ctes: Ctes): Query {
  switch (query.kind) {
    case 'select': {
      const e = (x: Expr) => lowerExpr(x, ctes);
      return aliasesApart(
        oneJoinPerSelect({
          ...query,
          columns: query.columns.map((c) => ({ ...c, expr: selectedNumber(e(c.expr)) })),
          ...(query.from ? { from: lowerFrom(query.from, ctes) } : {}),
          ...(query.where ? { where: e(query.where) } : {}),
          ...(query.groupBy ? { groupBy: query.groupBy.map(e) } : {}),
          ...(query.having ? { having: e(query.having) } : {}),
          ...(query.orderBy ? { orderBy: query.orderBy.map((o) => ('kind' in o ? e(o) : { ...o, expr: e(o.expr) })) } : {}),
        }),
      );
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
