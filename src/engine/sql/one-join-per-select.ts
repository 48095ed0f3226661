/**
 * ClickHouse 18.16 takes one JOIN per SELECT, and in its ON only equalities between an
 * expression of the left side's columns and one of the right side's (no `ON TRUE`, no ranges).
 * A SELECT over a chain of joins (a timeline joins its instants to contacts, interactions and
 * the members of conditions) is rewritten into that form, which every later ClickHouse runs too:
 * - an INNER join's other conditions move to WHERE; with no equality left it is a CROSS JOIN;
 * - each join after the first reads a subquery holding the joins before it. Their tables'
 *   aliases are not visible outside it, so it exposes, under names of their own, the columns
 *   (and lowercased columns) the rest of the query reads, and the rest reads those; the
 *   conditions of WHERE that read only its tables are tested inside it;
 * - 18.16 reads a right-side join key wrongly when the query uses it (in a table joined to
 *   itself it reads as the left side's column of that name; beside a WHERE the filter fails,
 *   "Size of filter doesn't match size of column"; in a LEFT JOIN a missing row's key reads as
 *   0, not NULL): a table joined on one key, and a key the query reads elsewhere, are joined on
 *   a copy under a name of its own.
 */
import type { Expr, From, OrderItem, Query, SelectColumn } from './ast';
import * as q from './build';
import { forEachExpr, mapChildren } from './map-tables';

type Select = Extract<Query, { kind: 'select' }>;
type Join = Extract<From, { kind: 'join' }>;

/** A join of the chain: the right side, its alias, and the equalities it is joined on (none: CROSS). */
interface Step {
  readonly type: 'LEFT' | 'INNER';
  readonly right: From;
  readonly alias: string;
  equalities: Expr[];
}

/** The alias of the subquery holding the joins before the n-th (`joined1`, …). */
const NESTED = 'joined';

function aliasOf(from: From): string {
  switch (from.kind) {
    case 'table':
      return from.alias ?? from.name;
    case 'tableFunction':
      return from.alias ?? from.fn;
    case 'subquery':
      return from.alias;
    case 'join':
      throw new Error('a join whose right side is a join has no ClickHouse 18.16 form');
  }
}

/** The joins of a left-deep chain, first to last, after the table they start from. */
function chain(from: From): { base: From; joins: Join[] } {
  if (from.kind !== 'join') return { base: from, joins: [] };
  const { base, joins } = chain(from.left);
  return { base, joins: [...joins, from] };
}

const isTrue = (expr: Expr): boolean => expr.kind === 'literal' && expr.type === 'boolean' && expr.value;

function conjuncts(expr: Expr | undefined): Expr[] {
  if (expr === undefined || isTrue(expr)) return [];
  return expr.kind === 'logical' && expr.op === 'AND' ? expr.items.flatMap(conjuncts) : [expr];
}

/** The aliases whose columns an expression reads; undefined when it reads an unqualified column. */
function tablesRead(expr: Expr): ReadonlySet<string> | undefined {
  const tables = new Set<string>();
  let unqualified = false;
  forEachExpr(expr, (e) => {
    if (e.kind !== 'column') return;
    if (e.table === undefined) unqualified = true;
    else tables.add(e.table);
  });
  return unqualified ? undefined : tables;
}

const readsOnly = (expr: Expr, aliases: ReadonlySet<string>): boolean => {
  const tables = tablesRead(expr);
  return tables !== undefined && [...tables].every((t) => aliases.has(t));
};

/** `a = b` with one side reading only the right side's columns and the other only the left's: what 18.16's ON takes. */
function isJoinEquality(conjunct: Expr, left: ReadonlySet<string>, right: string): boolean {
  if (conjunct.kind !== 'compare' || conjunct.op !== '=') return false;
  const side = (expr: Expr, aliases: ReadonlySet<string>) => (tablesRead(expr)?.size ?? 0) > 0 && readsOnly(expr, aliases);
  const rightOnly = new Set([right]);
  return (side(conjunct.left, left) && side(conjunct.right, rightOnly)) || (side(conjunct.left, rightOnly) && side(conjunct.right, left));
}

/** The parts of a SELECT outside its FROM and WHERE. */
interface Outer {
  columns: SelectColumn[];
  groupBy: Expr[] | undefined;
  having: Expr | undefined;
  orderBy: (Expr | OrderItem)[] | undefined;
}

function mapOuter(outer: Outer, map: (e: Expr) => Expr): Outer {
  return {
    columns: outer.columns.map((c) => ({ ...c, expr: map(c.expr) })),
    groupBy: outer.groupBy?.map(map),
    having: outer.having === undefined ? undefined : map(outer.having),
    orderBy: outer.orderBy?.map((o) => ('kind' in o ? map(o) : { ...o, expr: map(o.expr) })),
  };
}

function outerExprs(outer: Outer): Expr[] {
  return [
    ...outer.columns.map((c) => c.expr),
    ...(outer.groupBy ?? []),
    ...(outer.having ? [outer.having] : []),
    ...(outer.orderBy ?? []).map((o) => ('kind' in o ? o : o.expr)),
  ];
}

/**
 * The columns a subquery of joins exposes to the query around it: every column of its tables
 * (and every lowercased column, which the ClickHouse printer reads from its lowered copy) the
 * query reads becomes a column of the subquery named `alias:name`.
 */
class Exposure {
  private readonly exposed = new Map<string, SelectColumn>();
  private readonly names = new Set<string>();

  /** `previous`: the subquery of the joins before, whose exposed names are unique already. */
  constructor(
    private readonly inside: ReadonlySet<string>,
    private readonly nested: string,
    private readonly previous: string | undefined,
  ) {}

  readonly rewrite = (expr: Expr): Expr => {
    const atom = this.atom(expr);
    if (atom !== undefined) return q.col(this.nested, this.expose(atom.key, atom.name, expr));
    if (expr.kind === 'column' && expr.table === undefined)
      throw new Error(`an unqualified column (${expr.name}) beside several joins has no ClickHouse 18.16 form`);
    if (expr.kind === 'star') throw new Error('SELECT * beside several joins has no ClickHouse 18.16 form');
    return mapChildren(expr, this.rewrite, (query) => query);
  };

  /** The select list of the subquery; ClickHouse needs at least one column. */
  columns(): SelectColumn[] {
    const columns = [...this.exposed.values()];
    return columns.length > 0 ? columns : [q.as(q.num(1), `${this.nested}:row`)];
  }

  /** A column of a table inside, or one lowercased: the unit read through the subquery. */
  private atom(expr: Expr): { key: string; name: string } | undefined {
    const column = (e: Expr | undefined) => (e?.kind === 'column' && e.table !== undefined && this.inside.has(e.table) ? e : undefined);
    const named = (e: { table?: string; name: string }) => (e.table === this.previous ? e.name : `${e.table}:${e.name}`);
    const plain = column(expr);
    if (plain?.kind === 'column') return { key: `${plain.table}.${plain.name}`, name: named(plain) };
    const lowered =
      expr.kind === 'call' && expr.fn === 'lower' ? column(expr.args[0]) : expr.kind === 'lowerEach' ? column(expr.list) : undefined;
    if (lowered?.kind === 'column') return { key: `${expr.kind} ${lowered.table}.${lowered.name}`, name: `lowered:${named(lowered)}` };
    return undefined;
  }

  private expose(key: string, name: string, expr: Expr): string {
    const known = this.exposed.get(key);
    if (known) return known.alias!;
    let unique = name;
    for (let n = 2; this.names.has(unique); n++) unique = `${name}:${n}`;
    this.names.add(unique);
    this.exposed.set(key, q.as(expr, unique));
    return unique;
  }
}

/** How many times a query's parts read `alias.name` (outside subqueries). */
function timesRead(exprs: readonly Expr[], alias: string, name: string): number {
  let n = 0;
  for (const expr of exprs)
    forEachExpr(expr, (e) => {
      if (e.kind === 'column' && e.table === alias && e.name === name) n++;
    });
  return n;
}

/** The right side of a join on a copy of its key columns `keys`, under the same alias. */
function withKeyCopies(right: From, alias: string, keys: readonly string[]): From {
  const copies = keys.map((key) => q.as(q.col(right.kind === 'table' ? undefined : alias, key), `join:${key}`));
  if (right.kind === 'table') {
    const { alias: _, ...unaliased } = right;
    return q.subquery(q.select([q.STAR, ...copies], { from: unaliased }), alias);
  }
  return q.subquery(q.select([q.STAR, ...copies], { from: right }), alias);
}

/** The join of one step, its right-side keys read from copies where 18.16 needs them. */
function joinOf(left: From, step: Step, readElsewhere: (key: string) => boolean): From {
  if (step.equalities.length === 0) return { kind: 'join', type: 'CROSS', left, right: step.right };
  const rightKey = (e: Expr) => (e.kind === 'column' && e.table === step.alias ? e.name : undefined);
  const copyAll = step.right.kind === 'table' && step.equalities.length === 1;
  const keys = new Set<string>();
  for (const equality of step.equalities) {
    if (equality.kind !== 'compare') continue;
    const key = rightKey(equality.left) ?? rightKey(equality.right);
    if (key !== undefined && step.right.kind !== 'tableFunction' && (copyAll || readElsewhere(key))) keys.add(key);
  }
  const copied = (e: Expr) => {
    const key = rightKey(e);
    return key !== undefined && keys.has(key) ? q.col(step.alias, `join:${key}`) : e;
  };
  const on = q.and(...step.equalities.map((e) => (e.kind === 'compare' ? { ...e, left: copied(e.left), right: copied(e.right) } : e)));
  const right = keys.size === 0 ? step.right : withKeyCopies(step.right, step.alias, [...keys]);
  return { kind: 'join', type: step.type, left, right, on };
}

export function oneJoinPerSelect(query: Select): Select {
  if (query.from?.kind !== 'join') return query;
  const { base, joins } = chain(query.from);
  const steps: Step[] = [];
  const moved: Expr[] = [];
  const visible = new Set([aliasOf(base)]);
  for (const join of joins) {
    const alias = aliasOf(join.right);
    const step: Step = { type: join.type === 'LEFT' ? 'LEFT' : 'INNER', right: join.right, alias, equalities: [] };
    for (const conjunct of join.type === 'CROSS' ? [] : conjuncts(join.on)) {
      if (isJoinEquality(conjunct, visible, alias)) step.equalities.push(conjunct);
      else if (join.type === 'LEFT') throw new Error('a LEFT JOIN on more than equalities has no ClickHouse 18.16 form');
      else moved.push(conjunct);
    }
    steps.push(step);
    visible.add(alias);
  }

  // Whether a right-side key is read anywhere but in its own equality (counted on the query as written).
  let outer: Outer = {
    columns: [...query.columns],
    groupBy: query.groupBy && [...query.groupBy],
    having: query.having,
    orderBy: query.orderBy && [...query.orderBy],
  };
  const everything = [...outerExprs(outer), ...conjuncts(query.where), ...moved, ...steps.flatMap((s) => s.equalities)];
  const readElsewhere = (step: Step) => (key: string) => timesRead(everything, step.alias, key) > 1;

  if (steps.length === 1) {
    const where = moved.length === 0 ? query.where : q.and(...moved, ...conjuncts(query.where));
    const { where: _, ...rest } = query;
    return { ...rest, from: joinOf(base, steps[0]!, readElsewhere(steps[0]!)), ...(where ? { where } : {}) };
  }

  let pending = [...moved, ...conjuncts(query.where)];
  let from: From = base;
  let inside = new Set([aliasOf(base)]);
  let previous: string | undefined;
  for (const [i, step] of steps.entries()) {
    if (i > 0) {
      let nested = `${NESTED}${i}`;
      while (visible.has(nested)) nested += '_';
      const placed = pending.filter((c) => readsOnly(c, inside));
      const exposure = new Exposure(inside, nested, previous);
      pending = pending.filter((c) => !placed.includes(c)).map(exposure.rewrite);
      for (const later of steps.slice(i)) later.equalities = later.equalities.map(exposure.rewrite);
      outer = mapOuter(outer, exposure.rewrite);
      const where = placed.length === 0 ? {} : { where: q.and(...placed) };
      from = q.subquery(q.select(exposure.columns(), { from, ...where }), nested);
      inside = new Set([nested]);
      previous = nested;
    }
    from = joinOf(from, step, readElsewhere(step));
    inside.add(step.alias);
  }
  const { where: _, groupBy: _g, having: _h, orderBy: _o, ...rest } = query;
  return {
    ...rest,
    columns: outer.columns,
    from,
    ...(pending.length ? { where: q.and(...pending) } : {}),
    ...(outer.groupBy ? { groupBy: outer.groupBy } : {}),
    ...(outer.having ? { having: outer.having } : {}),
    ...(outer.orderBy ? { orderBy: outer.orderBy } : {}),
  };
}
