/**
 * Compiles a validated segment into a SQL query that returns its members as one text column
 * `id`. Evaluation time and zone are inputs; nothing here reads the clock.
 */
import { CONTACT, contactEntity, defaultLink, own, resolveRelation, type Catalog, type Fields } from '../catalog';
import type { Combine, Condition, CountTest, InteractionQuery, Measure, Segment, Window } from '../library-schema';
import type { Expr, From, Query, SetOperator } from '../sql/ast';
import * as q from '../sql/build';
import { parseDateValue, startOfDay, startOfNextDay } from '../time';
import { STEP_COLUMN, type Clock, type SeriesClock } from './clock';
import { clockOf, CompileError, compileFieldClause, type TimeContext } from './field-clause';

export const MEMBER_COLUMN = 'id';
export const VALUE_COLUMN = 'value';

export interface CompileOptions {
  readonly catalog: Catalog;
  /** Evaluation instant, epoch milliseconds. */
  readonly now: number;
  /** The members query of a referenced segment (inlined, or a table of earlier results). */
  readonly segmentQuery: (name: string) => Query;
  /** Where now-relative values come from (a timeline's series); literals of `now` by default. */
  readonly clock?: Clock;
  /**
   * A timeline's series of instants (a table with one row per instant, read as `clock.alias`):
   * the query then returns pairs `k`, `id` — the contacts that are members at instant k.
   */
  readonly series?: { readonly table: string; readonly clock: SeriesClock };
  /**
   * Restricted to this one contact key: contacts and interactions are filtered to it before
   * anything is joined or grouped (a trace lists that contact's matching interactions).
   */
  readonly onlyContact?: string;
  /**
   * With `onlyContact`: per interaction type, a table holding (at least) every interaction of
   * that type whose links include that contact, read instead of the type's table by the
   * interaction conditions on that contact (a trace copies them once, docs/EXPLAIN-AND-TIMELINE.md).
   */
  readonly contactInteractions?: Readonly<Record<string, InteractionsCopy>>;
}

/** A table of one contact's interactions; with `typeColumn`, of several types, told apart by that column. */
export interface InteractionsCopy {
  readonly table: string;
  readonly typeColumn?: string;
}

/** The record a condition is evaluated on: a profile entity or an interaction type. */
interface Scope {
  readonly alias: string;
  readonly fields: Fields;
  /** The profile entity, absent for interactions (which have no relations). */
  readonly entity?: string;
}

/** How groups and steps combine, in SQL. */
export const SET_OPERATORS: Record<Combine, SetOperator> = { union: 'UNION', intersect: 'INTERSECT', exclude: 'EXCEPT' };
export const DEFAULT_COUNT: CountTest = { op: 'atLeast', value: 1 };

class SegmentCompiler {
  private aliasCount = 0;
  /** How many `related` conditions enclose what is being compiled: `onlyContact` applies outside them only. */
  private relatedDepth = 0;
  /** Over a series: the members of each interaction condition of the contacts being tested, joined to them by instant and key. */
  private seriesJoins: { readonly from: From; readonly on: Expr }[] = [];
  constructor(private readonly options: CompileOptions & TimeContext) {}

  private alias(prefix: string): string {
    return `${prefix}${this.aliasCount++}`;
  }

  private get catalog(): Catalog {
    return this.options.catalog;
  }

  /** SELECT contact.key AS id FROM contact [WHERE condition]; over a series, one row per instant and contact. */
  private contacts(where?: (scope: Scope) => Expr): Query {
    const contact = contactEntity(this.catalog);
    const scope: Scope = { alias: this.alias('c'), fields: contact.fields, entity: CONTACT };
    const only = this.onlyContact(q.col(scope.alias, contact.key));
    const outer = this.seriesJoins;
    const joins: typeof outer = (this.seriesJoins = []);
    const condition = only && where ? q.and(only, where(scope)) : (only ?? where?.(scope));
    this.seriesJoins = outer;
    const contacts = q.table(contact.table, scope.alias);
    const series = this.options.series;
    let from: From = series ? q.innerJoin(q.table(series.table, series.clock.alias), contacts, q.TRUE) : contacts;
    for (const join of joins) from = q.leftJoin(from, join.from, join.on);
    return q.select([...(series ? [this.step()] : []), q.as(q.col(scope.alias, contact.key), MEMBER_COLUMN)], {
      from,
      ...(condition ? { where: condition } : {}),
    });
  }

  /**
   * `column = key` when the query is restricted to one contact. Not inside a `related`
   * condition: there contacts and interactions are the related records', not that contact's.
   */
  private onlyContact(column: Expr): Expr | undefined {
    const key = this.options.onlyContact;
    return key === undefined || this.relatedDepth > 0 ? undefined : q.compare('=', column, q.text(key));
  }

  /** The series' instant position, as column `k`. */
  private step() {
    return q.as(q.col(this.options.series!.clock.alias, STEP_COLUMN), STEP_COLUMN);
  }

  /** A condition on a record of `entity` named by `alias`, as `WHERE` would test it (NULL counts as false). */
  conditionOn(condition: Condition, alias: string, entity: string): Expr {
    const info = this.catalog.entities[entity] ?? fail(`unknown entity ${entity}`);
    return this.condition(condition, { alias, fields: info.fields, entity });
  }

  condition(condition: Condition, scope: Scope): Expr {
    if ('and' in condition) return q.and(...condition.and.map((c) => this.condition(c, scope)));
    if ('or' in condition) return q.or(...condition.or.map((c) => this.condition(c, scope)));
    if ('not' in condition) return q.not(q.coalesce(this.condition(condition.not, scope), q.FALSE));
    if ('field' in condition) {
      const type = own(scope.fields, condition.field) ?? fail(`unknown field ${condition.field}`);
      return compileFieldClause(q.col(scope.alias, condition.field), type, condition, this.options);
    }
    if ('related' in condition) return this.related(condition, scope);
    if (scope.entity !== CONTACT) fail('interaction conditions apply to contacts only');
    const key = contactEntity(this.catalog).key;
    const series = this.options.series;
    if (series) {
      // Its members at every instant (one row per instant and member), beside each instant and contact.
      const p = this.alias('p');
      const on = q.and(
        q.compare('=', q.col(p, STEP_COLUMN), q.col(series.clock.alias, STEP_COLUMN)),
        q.compare('=', q.col(p, MEMBER_COLUMN), q.col(scope.alias, key)),
      );
      this.seriesJoins.push({ from: q.subquery(this.interaction(condition), p), on });
      return q.isNull(q.col(p, MEMBER_COLUMN), true);
    }
    return q.inQuery(q.col(scope.alias, key), this.interaction(condition));
  }

  private related(condition: Extract<Condition, { related: string }>, scope: Scope): Expr {
    const { target, ownSide, otherSide } = relatedLink(this.catalog, scope.entity, condition);
    // Same-record semantics: all of `where` is tested on each related record in one subquery.
    const inner: Scope = { alias: this.alias('r'), fields: target.fields, entity: condition.related };
    this.relatedDepth++;
    let where: Expr;
    try {
      where = condition.where ? this.condition(condition.where, inner) : q.isNull(q.col(inner.alias, otherSide), true);
    } finally {
      this.relatedDepth--;
    }
    const matches = q.select([q.col(inner.alias, otherSide)], { from: q.table(target.table, inner.alias), where });
    return q.inQuery(q.col(scope.alias, ownSide), matches);
  }

  /**
   * The matching interactions of a query: their table, filters, link column and measure. With
   * `bounds: 'fixed'` the filters leave out the bounds that move with now (`≤ now`, the start of
   * a `last` window), for a timeline that places each interaction among its instants instead.
   */
  matchingInteractions(query: InteractionQuery, bounds: 'all' | 'fixed' = 'all') {
    const type = own(this.catalog.interactions.types, query.interaction) ?? fail(`unknown interaction ${query.interaction}`);
    const link = query.relation ?? defaultLink(type) ?? fail(`interaction ${query.interaction} needs a relation`);
    const scope: Scope = { alias: this.alias('i'), fields: type.fields };
    const linkColumn = q.col(scope.alias, link);
    const timestamp = q.col(scope.alias, this.catalog.interactions.timestampField);
    const only = this.onlyContact(linkColumn);
    const copied = only && this.options.contactInteractions ? own(this.options.contactInteractions, query.interaction) : undefined;
    const ofType =
      copied?.typeColumn === undefined ? [] : [q.compare('=', q.col(scope.alias, copied.typeColumn), q.text(query.interaction))];
    const filters: Expr[] = [only ?? q.isNull(linkColumn, true), ...ofType, ...this.window(query.window, timestamp, bounds)];
    if (query.where) filters.push(this.condition(query.where, scope));
    const measure = query.measure ?? { agg: 'count' };
    return {
      alias: scope.alias,
      from: q.table(copied?.table ?? type.table, scope.alias),
      where: q.and(...filters),
      linkColumn,
      timestamp,
      measure: measureExpr(measure, scope.alias, type.fields),
      listMeasure: isListField(type.fields, measure),
      isCount: isCountMeasure(measure),
    };
  }

  /** Every contact beside its measure value: 0 for counts with no matching interaction, else NULL. */
  private contactValues(query: InteractionQuery): { from: From; contactKey: Expr; value: Expr } {
    const { from, where, linkColumn, measure, isCount } = this.matchingInteractions(query);
    const perContact = q.select([q.as(linkColumn, 'link'), q.as(measure, 'value')], { from, where, groupBy: [linkColumn] });
    const contact = contactEntity(this.catalog);
    const c = this.alias('c');
    const m = this.alias('m');
    const contactKey = q.col(c, contact.key);
    const value = q.col(m, 'value');
    const contacts = q.table(contact.table, c);
    return {
      from: q.leftJoin(contacts, q.subquery(perContact, m), q.compare('=', q.col(m, 'link'), contactKey)),
      contactKey,
      value: isCount ? q.coalesce(value, q.num(0)) : value,
    };
  }

  /** One row per contact: column `flagColumn(i)` whether `conditions[i]` holds for it, as `WHERE` would test it. */
  contactFlags(conditions: readonly (Condition | undefined)[]): Query {
    const contact = contactEntity(this.catalog);
    const scope: Scope = { alias: this.alias('c'), fields: contact.fields, entity: CONTACT };
    const flags = conditions.flatMap((c, i) => (c ? [q.as(q.coalesce(this.condition(c, scope), q.FALSE), flagColumn(i))] : []));
    return q.select(flags.length ? flags : [q.as(q.TRUE, 'h')], { from: q.table(contact.table, scope.alias) });
  }

  /**
   * The interactions `query` counts before its restrictions (its window and link): columns
   * `link`, `value` (the measured field, for measures of a field) and `flagColumn(i)`, whether
   * `restrictions[i]` holds for the interaction.
   */
  interactionFlags(query: InteractionQuery, restrictions: readonly (Condition | undefined)[]): Query {
    const { where: _where, ...unrestricted } = query;
    const { alias, from, where, linkColumn } = this.matchingInteractions(unrestricted);
    const type = own(this.catalog.interactions.types, query.interaction)!;
    const scope: Scope = { alias, fields: type.fields };
    const measure = query.measure ?? { agg: 'count' };
    return q.select(
      [
        q.as(linkColumn, 'link'),
        ...(measure.agg === 'count' ? [] : [q.as(q.col(alias, measure.field), VALUE_COLUMN)]),
        ...restrictions.flatMap((c, i) => (c ? [q.as(q.coalesce(this.condition(c, scope), q.FALSE), flagColumn(i))] : [])),
      ],
      { from, where },
    );
  }

  /** Columns `id` and `value` for every contact, ignoring the count test (the designer's histogram). */
  interactionValues(query: InteractionQuery): Query {
    const { from, contactKey, value } = this.contactValues(query);
    return q.select([q.as(contactKey, MEMBER_COLUMN), q.as(value, VALUE_COLUMN)], { from });
  }

  /** Column `field` of every interaction the query counts (its window, restrictions and link), for value suggestions. */
  matchingField(query: InteractionQuery, field: string): Query {
    const { alias, from, where } = this.matchingInteractions(query);
    return q.select([q.as(q.col(alias, field), field)], { from, where });
  }

  /** Members of an interaction query; with a count test that holds at zero, contacts with no interaction too. */
  interaction(query: InteractionQuery): Query {
    if (this.options.series) return this.interactionOverSeries(query, this.options.series);
    const count = query.count ?? DEFAULT_COUNT;
    if (holdsAtZero(query.measure, count)) {
      const { from, contactKey, value } = this.contactValues(query);
      const only = this.onlyContact(contactKey);
      return q.select([q.as(contactKey, MEMBER_COLUMN)], {
        from,
        where: only ? q.and(only, countTest(value, count)) : countTest(value, count),
      });
    }
    const { from, where, linkColumn, measure } = this.matchingInteractions(query);
    const matching = q.select([linkColumn], { from, where, groupBy: [linkColumn], having: countTest(measure, count) });
    return this.contacts((c) => q.inQuery(q.col(c.alias, contactEntity(this.catalog).key), matching));
  }

  /**
   * The same over a series of instants in one pass, each interaction read once: it is counted
   * at the instants from the first whose now it does not pass (`first`) to the last whose window
   * it has not left (`last`; a window without `last` never lets go). The interactions are
   * grouped by contact and that range, with the measure's partial value, and each instant
   * combines the groups whose range holds it. An average does not combine exactly in floating
   * point, and a restriction relative to now moves with each instant (a reference to the series
   * inside the groups would be a lateral join, which only DuckDB reads implicitly): both join
   * every instant to the interactions in its window instead.
   */
  private interactionOverSeries(query: InteractionQuery, series: NonNullable<CompileOptions['series']>): Query {
    const count = query.count ?? DEFAULT_COUNT;
    if (heldFromFirst(query, count)) return this.heldFromFirstOverSeries(query, series);
    const perInstant = this.perInstant(query, series);
    const s = series.clock.alias;
    const k = q.col(s, STEP_COLUMN);
    const contact = contactEntity(this.catalog);
    const c = this.alias('c');
    const m = this.alias('m');
    const contactKey = q.col(c, contact.key);
    const sameContact = q.compare('=', q.col(m, 'link'), contactKey);
    if (holdsAtZero(query.measure, count)) {
      const everyPair = q.innerJoin(q.table(series.table, s), q.table(contact.table, c), q.TRUE);
      return q.select([q.as(k, STEP_COLUMN), q.as(contactKey, MEMBER_COLUMN)], {
        from: q.leftJoin(everyPair, q.subquery(perInstant, m), q.and(q.compare('=', q.col(m, STEP_COLUMN), k), sameContact)),
        where: countTest(q.coalesce(q.col(m, 'value'), q.num(0)), count),
      });
    }
    return q.select([q.as(q.col(m, STEP_COLUMN), STEP_COLUMN), q.as(contactKey, MEMBER_COLUMN)], {
      from: q.innerJoin(q.subquery(perInstant, m), q.table(contact.table, c), sameContact),
      where: countTest(q.col(m, 'value'), count),
    });
  }

  /** Pairs `k`, `id` of a query `heldFromFirst`: each contact at every instant from its first matching interaction on. */
  private heldFromFirstOverSeries(query: InteractionQuery, series: NonNullable<CompileOptions['series']>): Query {
    const { from, where, linkColumn, timestamp } = this.matchingInteractions(query, 'fixed');
    const contact = contactEntity(this.catalog);
    const s = series.clock.alias;
    const c = this.alias('c');
    const m = this.alias('m');
    const contactKey = q.col(c, contact.key);
    const firstSeen = q.select([q.as(linkColumn, 'link'), q.as(q.agg('min', timestamp), 'since')], { from, where, groupBy: [linkColumn] });
    const started = q.innerJoin(q.table(series.table, s), q.subquery(firstSeen, m), q.compare('<=', q.col(m, 'since'), series.clock.now()));
    return q.select([q.as(q.col(s, STEP_COLUMN), STEP_COLUMN), q.as(contactKey, MEMBER_COLUMN)], {
      from: q.innerJoin(started, q.table(contact.table, c), q.compare('=', q.col(m, 'link'), contactKey)),
    });
  }

  /** Columns `k`, `link`, `value`: the measure per instant and contact with a matching interaction. */
  private perInstant(query: InteractionQuery, series: NonNullable<CompileOptions['series']>): Query {
    const measure = query.measure ?? { agg: 'count' };
    // A restriction relative to now (`Timestamp inLast …`) has no one range of instants per interaction either.
    const joined = measure.agg === 'avg' || (query.where !== undefined && dependsOnNow(query.where));
    return joined ? this.joinedPerInstant(query, series) : this.rangedPerInstant(query, measure, series);
  }

  /**
   * Pairs `k`, `id` of the contacts that are not members at instant k, for a count test that
   * holds at zero: they all have a matching interaction, so these pairs are far fewer than the
   * members' (every instant and contact but them).
   */
  nonMembersOverSeries(query: InteractionQuery): Query {
    const series = this.options.series ?? fail('non-members are paired over a series');
    const contact = contactEntity(this.catalog);
    const c = this.alias('c');
    const m = this.alias('m');
    const contactKey = q.col(c, contact.key);
    return q.select([q.as(q.col(m, STEP_COLUMN), STEP_COLUMN), q.as(contactKey, MEMBER_COLUMN)], {
      from: q.innerJoin(
        q.subquery(this.perInstant(query, series), m),
        q.table(contact.table, c),
        q.compare('=', q.col(m, 'link'), contactKey),
      ),
      where: q.not(countTest(q.col(m, 'value'), query.count ?? DEFAULT_COUNT)),
    });
  }

  /** Columns `k`, `link`, `value`: the measure per instant and contact, every instant joined to the interactions in its window. */
  private joinedPerInstant(query: InteractionQuery, series: NonNullable<CompileOptions['series']>): Query {
    const { from, where, linkColumn, measure } = this.matchingInteractions(query);
    const s = series.clock.alias;
    const k = q.col(s, STEP_COLUMN);
    return q.select([q.as(k, STEP_COLUMN), q.as(linkColumn, 'link'), q.as(measure, 'value')], {
      from: q.innerJoin(q.table(series.table, s), from, q.TRUE),
      where,
      groupBy: [k, linkColumn],
    });
  }

  /**
   * The same from the interactions read once per instant range: each placed in its range of
   * instants, grouped by contact and range, then combined per instant.
   */
  private rangedPerInstant(query: InteractionQuery, measure: Measure, series: NonNullable<CompileOptions['series']>): Query {
    const { table, clock } = series;
    const s = clock.alias;
    const k = q.col(s, STEP_COLUMN);
    // Those counted from the first instant on, and those first counted later: apart, so that
    // each joins the instants on a plain range (now(k - 1) < ts <= now(k)) and meets one of them.
    const groups = q.setOperation(
      'UNION ALL',
      this.placedGroups(query, measure, series, 'first'),
      this.placedGroups(query, measure, series, 'later'),
    );
    const g = this.alias('g');
    const windowed = query.window !== undefined && 'last' in query.window;
    const inRange = q.and(q.compare('<=', q.col(g, 'first'), k), ...(windowed ? [q.compare('<=', k, q.col(g, 'last'))] : []));
    const partial = q.col(g, 'part');
    const combined =
      measure.agg === 'count' || measure.agg === 'sum'
        ? q.agg('sum', partial)
        : measure.agg === 'countDistinct'
          ? q.agg('count', partial, true)
          : q.agg(measure.agg, partial);
    return q.select([q.as(k, STEP_COLUMN), q.as(q.col(g, 'link'), 'link'), q.as(combined, 'value')], {
      from: q.innerJoin(q.table(table, s), q.subquery(groups, g), inRange),
      groupBy: [k, q.col(g, 'link')],
    });
  }

  /**
   * Columns `link`, `first`, `last` (with a `last` window), `part`: the interactions first
   * counted at the first instant (`ts <= now(0)`) or at a later one, by contact and range of
   * instants, with the measure's partial value (for countDistinct, each distinct value).
   */
  private placedGroups(
    query: InteractionQuery,
    measure: Measure,
    series: NonNullable<CompileOptions['series']>,
    counted: 'first' | 'later',
  ): Query {
    const { alias, from, where, linkColumn, timestamp, measure: measured, listMeasure } = this.matchingInteractions(query, 'fixed');
    const { table, clock } = series;
    const s = clock.alias;
    const k = q.col(s, STEP_COLUMN);
    const f = this.alias('f');
    const firstInstants = q.select([q.as(k, STEP_COLUMN), q.as(clock.now(), 'upto'), q.as(clock.previousNow(), 'after')], {
      from: q.table(table, s),
      where: q.compare(counted === 'first' ? '=' : '>', k, q.num(0)),
    });
    const upTo = q.compare('<=', timestamp, q.col(f, 'upto'));
    let placed = q.innerJoin(
      from,
      q.subquery(firstInstants, f),
      counted === 'first' ? upTo : q.and(q.compare('>', timestamp, q.col(f, 'after')), upTo),
    );
    const window = query.window;
    let last: Expr | undefined;
    if (window !== undefined && 'last' in window) {
      // The last instant counting it: since(k) <= ts < since(k + 1).
      const span = { n: window.last, unit: window.unit };
      const l = this.alias('l');
      const lastInstants = q.select(
        [
          q.as(k, STEP_COLUMN),
          q.as(clock.before(span, this.options.timeZone), 'since'),
          q.as(clock.nextBefore(span, this.options.timeZone), 'until'),
        ],
        { from: q.table(table, s) },
      );
      const lastOn = q.and(q.compare('>=', timestamp, q.col(l, 'since')), q.compare('<', timestamp, q.col(l, 'until')));
      placed = q.innerJoin(placed, q.subquery(lastInstants, l), lastOn);
      last = q.col(l, STEP_COLUMN);
    }
    const first = q.col(f, STEP_COLUMN);
    const distinct = measure.agg === 'countDistinct' ? q.col(alias, measure.field) : undefined;
    const part = distinct ?? measured;
    return q.select([q.as(linkColumn, 'link'), q.as(first, 'first'), ...(last ? [q.as(last, 'last')] : []), q.as(part, 'part')], {
      from: placed,
      where: distinct === undefined ? where : q.and(where, (listMeasure ? q.listIsNull : q.isNull)(distinct, true)),
      groupBy: [linkColumn, first, ...(last ? [last] : []), ...(distinct ? [distinct] : [])],
    });
  }

  /** Interactions after now never count, whatever the window says. */
  private window(window: Window | undefined, ts: Expr, moving: 'all' | 'fixed' = 'all'): Expr[] {
    const { timeZone } = this.options;
    const clock = clockOf(this.options);
    const nowBound = moving === 'all' ? [q.compare('<=', ts, clock.now())] : [];
    if (window === undefined) return nowBound;
    if ('last' in window)
      return moving === 'all' ? [q.between(ts, clock.before({ n: window.last, unit: window.unit }, timeZone), clock.now())] : [];
    const bounds = nowBound;
    if (window.from !== undefined) {
      const from = parseDateValue(window.from);
      if (typeof from === 'string') fail(from);
      bounds.push(q.compare('>=', ts, q.timestamp(from.kind === 'date' ? startOfDay(from.date, timeZone) : from.instant)));
    }
    if (window.to !== undefined) {
      const to = parseDateValue(window.to);
      if (typeof to === 'string') fail(to);
      bounds.push(
        to.kind === 'date'
          ? q.compare('<', ts, q.timestamp(startOfNextDay(to.date, timeZone)))
          : q.compare('<=', ts, q.timestamp(to.instant)),
      );
    }
    return bounds;
  }

  private fold<T>(items: readonly T[], combine: (item: T) => Combine | undefined, query: (item: T) => Query): Query {
    let result = query(items[0] ?? fail('nothing to combine'));
    for (const item of items.slice(1)) {
      result = q.setOperation(SET_OPERATORS[combine(item) ?? fail('every group after the first needs combine')], result, query(item));
    }
    return result;
  }

  segment(segment: Segment): Query {
    switch (segment.kind) {
      case 'profile':
        return this.fold(
          segment.query.groups,
          (g) => g.combine,
          (g) => this.contacts(g.where ? (scope) => this.condition(g.where!, scope) : undefined),
        );
      case 'interaction':
        return this.interaction(segment.query);
      case 'compound':
        return this.fold(
          segment.query.steps,
          (s) => s.combine,
          (s) => this.options.segmentQuery(s.segment),
        );
      case 'static': {
        const key = contactEntity(this.catalog).key;
        const members = [...new Set(segment.members)];
        return this.contacts((c) => (members.length ? q.inList(q.col(c.alias, key), members.map(q.text)) : q.FALSE));
      }
    }
  }
}

function fail(message: string): never {
  throw new CompileError(message);
}

/**
 * How a `related` condition links the current record (of `entity`) to the related ones: the
 * current record's `ownSide` column holds the same key as the related record's `otherSide`.
 */
export function relatedLink(catalog: Catalog, entity: string | undefined, condition: Extract<Condition, { related: string }>) {
  const relation = catalog.relations.find((r) => r.name === condition.via) ?? fail(`unknown relation ${condition.via}`);
  const target = own(catalog.entities, condition.related) ?? fail(`unknown entity ${condition.related}`);
  const resolved = resolveRelation(
    relation,
    entity ?? fail('related conditions apply to profile entities'),
    condition.related,
    condition.reverse,
  );
  if (!resolved.ok) fail(resolved.problem);
  return { target, ownSide: resolved.ownField, otherSide: resolved.otherField };
}

/** The measure of the interactions under `alias`, whose fields are `fields`. */
export function measureExpr(measure: Measure, alias: string, fields: Fields): Expr {
  if (measure.agg === 'count') return q.agg('count');
  if (measure.agg === 'countDistinct') {
    const field = q.col(alias, measure.field);
    const distinct = q.agg('count', field, true);
    // A null list is a value to ClickHouse's uniqExact (docs/CLICKHOUSE.md): leave it out explicitly.
    return isListField(fields, measure) ? q.filtered(distinct, q.listIsNull(field, true)) : distinct;
  }
  return q.agg(measure.agg, q.col(alias, measure.field));
}

export const isListField = (fields: Fields, measure: Measure): boolean =>
  measure.agg !== 'count' && own(fields, measure.field) === 'textList';

export function countTest(value: Expr, count: CountTest): Expr {
  switch (count.op) {
    case 'atLeast':
      return q.compare('>=', value, q.num(count.value));
    case 'exactly':
      return q.compare('=', value, q.num(count.value));
    case 'atMost':
      return q.compare('<=', value, q.num(count.value));
    case 'between':
      return q.between(value, q.num(count.value[0]), q.num(count.value[1]));
  }
}

function isCountMeasure(measure: Measure): boolean {
  return measure.agg === 'count' || measure.agg === 'countDistinct';
}

/**
 * Whether, over a series, a contact is a member at every instant from the first at which a
 * matching interaction has happened: one interaction passes the count test and none ever
 * leaves the count (no `last` window, no restriction relative to now).
 */
function heldFromFirst(query: InteractionQuery, count: CountTest): boolean {
  const window = query.window;
  return (
    (query.measure ?? { agg: 'count' }).agg === 'count' &&
    count.op === 'atLeast' &&
    count.value > 0 &&
    count.value <= 1 &&
    (window === undefined || !('last' in window)) &&
    (query.where === undefined || !dependsOnNow(query.where))
  );
}

/** The zero rule: only counts, and only tests that zero passes, select contacts with no interaction. */
export function holdsAtZero(measure: Measure | undefined, count: CountTest): boolean {
  if (measure && !isCountMeasure(measure)) return false;
  switch (count.op) {
    case 'atLeast':
      return count.value <= 0;
    case 'exactly':
      return count.value === 0;
    case 'atMost':
      return count.value >= 0;
    case 'between':
      return count.value[0] <= 0 && 0 <= count.value[1];
  }
}

type ConditionOptions = Omit<CompileOptions, 'segmentQuery'> & TimeContext;

const conditionCompiler = (options: ConditionOptions) =>
  new SegmentCompiler({ ...options, segmentQuery: () => fail('a condition refers to no segment') });

/** Whether a condition's verdict can change with now. */
export function dependsOnNow(condition: Condition): boolean {
  if ('and' in condition) return condition.and.some(dependsOnNow);
  if ('or' in condition) return condition.or.some(dependsOnNow);
  if ('not' in condition) return dependsOnNow(condition.not);
  if ('field' in condition) return condition.op === 'inLast' || condition.op === 'notInLast';
  if ('related' in condition) return condition.where !== undefined && dependsOnNow(condition.where);
  return true;
}

/** Each contact's measure value for an interaction query, as the designer's histogram plots it. */
export function compileInteractionValues(query: InteractionQuery, options: ConditionOptions): Query {
  return conditionCompiler(options).interactionValues(query);
}

/** One field of the interactions an interaction query counts: what its restrictions' value suggestions list. */
export function compileCountedField(
  query: InteractionQuery,
  field: string,
  options: Omit<CompileOptions, 'segmentQuery'> & TimeContext,
): Query {
  return new SegmentCompiler({ ...options, segmentQuery: () => fail('an interaction query refers to no segment') }).matchingField(
    query,
    field,
  );
}

/**
 * The members of an interaction query, read from a table of its `compileInteractionValues`:
 * only the count test is left to apply (a contact with no interaction has 0 or NULL there, as
 * the zero rule wants), so the designer can change the test without reading interactions again.
 */
export function compileCountTestOn(valuesTable: string, query: InteractionQuery): Query {
  return q.select([q.col(undefined, MEMBER_COLUMN)], {
    from: q.table(valuesTable),
    where: countTest(q.col(undefined, VALUE_COLUMN), query.count ?? DEFAULT_COUNT),
  });
}

/** The column of `contactFlags` and `interactionFlags` holding condition `index`. */
export const flagColumn = (index: number) => `f${index}`;

/**
 * One row per contact with a flag per condition (`flagColumn`), each tested as a profile
 * group of `segment` tests it (its zone); an absent condition has no column.
 */
export function compileContactFlags(
  segment: Segment,
  conditions: readonly (Condition | undefined)[],
  options: Omit<CompileOptions, 'segmentQuery'>,
): Query {
  return conditionCompiler({ ...options, timeZone: segment.timeZone }).contactFlags(conditions);
}

/** The interactions an interaction segment counts before its restrictions, with a flag per restriction (`flagColumn`). */
export function compileInteractionFlags(
  segment: Extract<Segment, { kind: 'interaction' }>,
  restrictions: readonly (Condition | undefined)[],
  options: Omit<CompileOptions, 'segmentQuery'>,
): Query {
  return conditionCompiler({ ...options, timeZone: segment.timeZone }).interactionFlags(segment.query, restrictions);
}

/** A condition on one record of `entity` (aliased `alias`), exactly as a segment's query tests it. */
export function compileCondition(condition: Condition, alias: string, entity: string, options: ConditionOptions): Expr {
  return conditionCompiler(options).conditionOn(condition, alias, entity);
}

/** The interactions an interaction query counts (window, `where`, a link): their table (as `alias`) and filter. */
export function compileMatchingInteractions(query: InteractionQuery, options: ConditionOptions) {
  const { alias, from, where, linkColumn } = conditionCompiler(options).matchingInteractions(query);
  return { alias, from, where, linkColumn };
}

/** Over `options.series`: the pairs (instant, contact) of the contacts an interaction query does not select (`nonMembersOverSeries`). */
export function compileNonMembersOverSeries(segment: Extract<Segment, { kind: 'interaction' }>, options: CompileOptions): Query {
  const clock = options.series?.clock ?? options.clock;
  return new SegmentCompiler({ ...options, timeZone: segment.timeZone, ...(clock ? { clock } : {}) }).nonMembersOverSeries(segment.query);
}

/** Each segment's own time zone decides what its relative dates mean. */
export function compileSegment(segment: Segment, options: CompileOptions): Query {
  const clock = options.series?.clock ?? options.clock;
  return new SegmentCompiler({ ...options, timeZone: segment.timeZone, ...(clock ? { clock } : {}) }).segment(segment);
}

export { CompileError };
