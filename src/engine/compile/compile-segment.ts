/**
 * Compiles a validated segment into a SQL query that returns its members as one text column
 * `id`. Evaluation time and zone are inputs; nothing here reads the clock.
 */
import { CONTACT, contactEntity, defaultLink, own, type Catalog, type Fields } from '../catalog';
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
}

/** The record a condition is evaluated on: a profile entity or an interaction type. */
interface Scope {
  readonly alias: string;
  readonly fields: Fields;
  /** The profile entity, absent for interactions (which have no relations). */
  readonly entity?: string;
}

const SET_OPERATORS: Record<Combine, SetOperator> = { union: 'UNION', intersect: 'INTERSECT', exclude: 'EXCEPT' };
export const DEFAULT_COUNT: CountTest = { op: 'atLeast', value: 1 };

class SegmentCompiler {
  private aliasCount = 0;
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
    const condition = where?.(scope);
    const contacts = q.table(contact.table, scope.alias);
    const series = this.options.series;
    return q.select([...(series ? [this.step()] : []), q.as(q.col(scope.alias, contact.key), MEMBER_COLUMN)], {
      from: series ? q.innerJoin(q.table(series.table, series.clock.alias), contacts, q.TRUE) : contacts,
      ...(condition ? { where: condition } : {}),
    });
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
    if (this.options.series) fail('an interaction condition over a series of instants is evaluated per instant');
    const key = contactEntity(this.catalog).key;
    return q.inQuery(q.col(scope.alias, key), this.interaction(condition));
  }

  private related(condition: Extract<Condition, { related: string }>, scope: Scope): Expr {
    const { target, ownSide, otherSide } = relatedLink(this.catalog, scope.entity, condition);
    // Same-record semantics: all of `where` is tested on each related record in one subquery.
    const inner: Scope = { alias: this.alias('r'), fields: target.fields, entity: condition.related };
    const where = condition.where ? this.condition(condition.where, inner) : q.isNull(q.col(inner.alias, otherSide), true);
    const matches = q.select([q.col(inner.alias, otherSide)], { from: q.table(target.table, inner.alias), where });
    return q.inQuery(q.col(scope.alias, ownSide), matches);
  }

  /** The matching interactions of a query: their table, filters, link column and measure. */
  matchingInteractions(query: InteractionQuery) {
    const type = own(this.catalog.interactions.types, query.interaction) ?? fail(`unknown interaction ${query.interaction}`);
    const link = query.relation ?? defaultLink(type) ?? fail(`interaction ${query.interaction} needs a relation`);
    const scope: Scope = { alias: this.alias('i'), fields: type.fields };
    const linkColumn = q.col(scope.alias, link);
    const filters: Expr[] = [
      q.isNull(linkColumn, true),
      ...this.window(query.window, q.col(scope.alias, this.catalog.interactions.timestampField)),
    ];
    if (query.where) filters.push(this.condition(query.where, scope));
    const measure = query.measure ?? { agg: 'count' };
    return {
      alias: scope.alias,
      from: q.table(type.table, scope.alias),
      where: q.and(...filters),
      linkColumn,
      measure: measureExpr(measure, scope.alias),
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
    return {
      from: q.leftJoin(q.table(contact.table, c), q.subquery(perContact, m), q.compare('=', q.col(m, 'link'), contactKey)),
      contactKey,
      value: isCount ? q.coalesce(value, q.num(0)) : value,
    };
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
      return q.select([q.as(contactKey, MEMBER_COLUMN)], { from, where: countTest(value, count) });
    }
    const { from, where, linkColumn, measure } = this.matchingInteractions(query);
    const matching = q.select([linkColumn], { from, where, groupBy: [linkColumn], having: countTest(measure, count) });
    return this.contacts((c) => q.inQuery(q.col(c.alias, contactEntity(this.catalog).key), matching));
  }

  /**
   * The same over a series of instants in one pass: every instant joined to the interactions
   * its window takes in, grouped by instant and contact; the zero rule pairs every instant with
   * every contact and fills in 0 where nothing matched.
   */
  private interactionOverSeries(query: InteractionQuery, series: NonNullable<CompileOptions['series']>): Query {
    const count = query.count ?? DEFAULT_COUNT;
    const { from, where, linkColumn, measure } = this.matchingInteractions(query);
    const s = series.clock.alias;
    const k = q.col(s, STEP_COLUMN);
    const instantsAndInteractions = q.innerJoin(q.table(series.table, s), from, q.TRUE);
    const contact = contactEntity(this.catalog);
    const c = this.alias('c');
    const m = this.alias('m');
    const contactKey = q.col(c, contact.key);
    const sameContact = q.compare('=', q.col(m, 'link'), contactKey);
    if (holdsAtZero(query.measure, count)) {
      const perContact = q.select([q.as(k, STEP_COLUMN), q.as(linkColumn, 'link'), q.as(measure, 'value')], {
        from: instantsAndInteractions,
        where,
        groupBy: [k, linkColumn],
      });
      const everyPair = q.innerJoin(q.table(series.table, s), q.table(contact.table, c), q.TRUE);
      return q.select([q.as(k, STEP_COLUMN), q.as(contactKey, MEMBER_COLUMN)], {
        from: q.leftJoin(everyPair, q.subquery(perContact, m), q.and(q.compare('=', q.col(m, STEP_COLUMN), k), sameContact)),
        where: countTest(q.coalesce(q.col(m, 'value'), q.num(0)), count),
      });
    }
    const matching = q.select([q.as(k, STEP_COLUMN), q.as(linkColumn, 'link')], {
      from: instantsAndInteractions,
      where,
      groupBy: [k, linkColumn],
      having: countTest(measure, count),
    });
    return q.select([q.as(q.col(m, STEP_COLUMN), STEP_COLUMN), q.as(contactKey, MEMBER_COLUMN)], {
      from: q.innerJoin(q.subquery(matching, m), q.table(contact.table, c), sameContact),
    });
  }

  /** Interactions after now never count, whatever the window says. */
  private window(window: Window | undefined, ts: Expr): Expr[] {
    const { timeZone } = this.options;
    const clock = clockOf(this.options);
    if (window === undefined) return [q.compare('<=', ts, clock.now())];
    if ('last' in window) return [q.between(ts, clock.before({ n: window.last, unit: window.unit }, timeZone), clock.now())];
    const bounds = [q.compare('<=', ts, clock.now())];
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
  const forward =
    relation.from.entity === entity &&
    relation.to.entity === condition.related &&
    !(condition.reverse && relation.from.entity === relation.to.entity);
  const reverse = relation.to.entity === entity && relation.from.entity === condition.related;
  if (!forward && !reverse) fail(`relation ${relation.name} does not link ${entity} and ${condition.related}`);
  const [ownSide, otherSide] = forward ? [relation.from.field, relation.to.field] : [relation.to.field, relation.from.field];
  return { target, ownSide, otherSide };
}

export function measureExpr(measure: Measure, alias: string): Expr {
  if (measure.agg === 'count') return q.agg('count');
  if (measure.agg === 'countDistinct') return q.agg('count', q.col(alias, measure.field), true);
  return q.agg(measure.agg, q.col(alias, measure.field));
}

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

/** A condition on one record of `entity` (aliased `alias`), exactly as a segment's query tests it. */
export function compileCondition(condition: Condition, alias: string, entity: string, options: ConditionOptions): Expr {
  return conditionCompiler(options).conditionOn(condition, alias, entity);
}

/** The interactions an interaction query counts (window, `where`, a link): their table (as `alias`) and filter. */
export function compileMatchingInteractions(query: InteractionQuery, options: ConditionOptions) {
  const { alias, from, where, linkColumn } = conditionCompiler(options).matchingInteractions(query);
  return { alias, from, where, linkColumn };
}

/** Each segment's own time zone decides what its relative dates mean. */
export function compileSegment(segment: Segment, options: CompileOptions): Query {
  const clock = options.series?.clock ?? options.clock;
  return new SegmentCompiler({ ...options, timeZone: segment.timeZone, ...(clock ? { clock } : {}) }).segment(segment);
}

export { CompileError };
