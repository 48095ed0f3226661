/**
 * A segment written the way Dynamics 365 Marketing shows a segment query, e.g.
 * `PROFILE(contact).FILTER(address1_city == 'seattle')`,
 * `INTERACTION(EmailOpened, ContactId).HAVING(COUNT() >= 3, UTCDAYS(30))` and
 * `SEGMENT(A) UNION SEGMENT(B)`. It is for people to read and compare with Dynamics; the app
 * never parses it back. Set operations fold left to right like the segment's groups.
 */
import { CONTACT, defaultLink, own, type Catalog } from './catalog';
import type { Combine, Condition, CountTest, FieldClause, InteractionQuery, Measure, Segment, TimeUnit, Window } from './library-schema';

const SET_WORDS: Record<Combine, string> = { union: 'UNION', intersect: 'INTERSECT', exclude: 'MINUS' };
const UNIT_FUNCTIONS: Record<TimeUnit, string> = { day: 'UTCDAYS', week: 'UTCWEEKS', month: 'UTCMONTHS', year: 'UTCYEARS' };
const COMPARISONS: Partial<Record<string, string>> = {
  eq: '==',
  neq: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};
const DAY_COMPARISONS: Partial<Record<string, string>> = { on: '==', before: '<', after: '>', onOrBefore: '<=', onOrAfter: '>=' };
const TEXT_FUNCTIONS: Partial<Record<string, string>> = { contains: 'CONTAINS', beginsWith: 'STARTSWITH', endsWith: 'ENDSWITH' };
const LIST_FUNCTIONS: Partial<Record<string, string>> = {
  containsAny: 'CONTAINSANY',
  containsAll: 'CONTAINSALL',
  containsNone: 'CONTAINSNONE',
};

/** A text literal in single quotes; a quote or backslash inside is escaped with a backslash. */
export function dynamicsString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function literal(value: unknown): string {
  if (typeof value === 'string') return dynamicsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'NULL';
  return dynamicsString(JSON.stringify(value));
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.map(literal).join(', ') : literal(value);
}

function span(value: unknown): string {
  const { n, unit } = (value ?? {}) as { n?: unknown; unit?: unknown };
  const fn = UNIT_FUNCTIONS[unit as TimeUnit] ?? 'UTCDAYS';
  return `${fn}(${literal(n)})`;
}

function pair(value: unknown): [string, string] {
  const [lo, hi] = Array.isArray(value) ? value : [];
  return [literal(lo), literal(hi)];
}

function fieldClause(clause: FieldClause, isDate: boolean): string {
  const f = clause.field;
  const v = clause.value;
  const day = `DATE(${f})`;
  switch (clause.op) {
    case 'isNull':
      return `ISNULL(${f})`;
    case 'isNotNull':
      return `ISNOTNULL(${f})`;
    case 'isTrue':
      return `${f} == true`;
    case 'isFalse':
      return `${f} == false`;
    case 'in':
      return `${f} IN (${list(v)})`;
    case 'notIn':
      return `${f} NOT IN (${list(v)})`;
    case 'notContains':
      return `NOT(CONTAINS(${f}, ${literal(v)}))`;
    case 'inLast':
      return `${f} >= UTCNOW() - ${span(v)}`;
    case 'notInLast':
      return `${f} < UTCNOW() - ${span(v)}`;
    case 'between': {
      const [lo, hi] = pair(v);
      return isDate ? `${day} >= DATE(${lo}) AND ${day} <= DATE(${hi})` : `${f} >= ${lo} AND ${f} <= ${hi}`;
    }
  }
  const textFn = TEXT_FUNCTIONS[clause.op];
  if (textFn) return `${textFn}(${f}, ${literal(v)})`;
  const listFn = LIST_FUNCTIONS[clause.op];
  if (listFn) return `${listFn}(${f}, ${list(v)})`;
  const dayOp = DAY_COMPARISONS[clause.op];
  if (dayOp) return `${day} ${dayOp} DATE(${literal(v)})`;
  return `${f} ${COMPARISONS[clause.op] ?? clause.op} ${literal(v)}`;
}

class Writer {
  constructor(private readonly catalog: Catalog | undefined) {}

  private isDateField(field: string, entity: string | undefined, interaction: string | undefined): boolean {
    const fields = entity
      ? (this.catalog && own(this.catalog.entities, entity))?.fields
      : interaction
        ? (this.catalog && own(this.catalog.interactions.types, interaction))?.fields
        : undefined;
    const type = fields?.[field];
    return type === 'date' || type === 'timestamp';
  }

  /** `scope` is the profile entity, or the interaction type whose fields the condition reads. */
  condition(condition: Condition, scope: { entity?: string; interaction?: string }, nested = false): string {
    const wrap = (text: string) => (nested ? `(${text})` : text);
    if ('and' in condition) return wrap(condition.and.map((c) => this.condition(c, scope, true)).join(' AND '));
    if ('or' in condition) return wrap(condition.or.map((c) => this.condition(c, scope, true)).join(' OR '));
    if ('not' in condition) return `NOT(${this.condition(condition.not, scope)})`;
    if ('field' in condition) {
      const isDate = this.isDateField(condition.field, scope.entity, scope.interaction) || isDateValue(condition);
      const text = fieldClause(condition, isDate);
      return nested && / (AND|OR) /.test(text) ? `(${text})` : text;
    }
    if ('related' in condition) {
      const inner = condition.where ? `, FILTER(${this.condition(condition.where, { entity: condition.related })})` : '';
      return `TRAVERSE(${condition.via}${condition.reverse ? ', REVERSE' : ''}${inner})`;
    }
    return this.interaction(condition);
  }

  interaction(query: InteractionQuery): string {
    const type = this.catalog && own(this.catalog.interactions.types, query.interaction);
    const link = query.relation ?? (type ? defaultLink(type) : undefined) ?? 'ContactId';
    let text = `INTERACTION(${query.interaction}, ${link})`;
    if (query.where) text += `.FILTER(${this.condition(query.where, { interaction: query.interaction })})`;
    const window = windowText(query.window);
    text += `.HAVING(${having(query.measure, query.count ?? { op: 'atLeast', value: 1 })}${window ? `, ${window}` : ''})`;
    return text;
  }

  segment(segment: Segment): string {
    switch (segment.kind) {
      case 'profile':
        return fold(
          segment.query.groups.map((g) => ({
            combine: g.combine,
            text: g.where ? `PROFILE(${CONTACT}).FILTER(${this.condition(g.where, { entity: CONTACT })})` : `PROFILE(${CONTACT})`,
          })),
        );
      case 'interaction':
        return this.interaction(segment.query);
      case 'compound':
        return fold(segment.query.steps.map((s) => ({ combine: s.combine, text: `SEGMENT(${s.segment})` })));
      case 'static': {
        const key = (this.catalog && own(this.catalog.entities, CONTACT))?.key ?? 'contactid';
        const members = segment.members.length ? `${key} IN (${list(segment.members)})` : 'false';
        return `PROFILE(${CONTACT}).FILTER(${members})`;
      }
    }
  }
}

function isDateValue(clause: FieldClause): boolean {
  return ['on', 'before', 'after', 'onOrBefore', 'onOrAfter', 'inLast', 'notInLast'].includes(clause.op);
}

function measureText(measure: Measure | undefined): string {
  if (!measure || measure.agg === 'count') return 'COUNT()';
  const fn = measure.agg === 'countDistinct' ? 'COUNTDISTINCT' : measure.agg.toUpperCase();
  return `${fn}(${measure.field})`;
}

function having(measure: Measure | undefined, count: CountTest): string {
  const m = measureText(measure);
  switch (count.op) {
    case 'atLeast':
      return `${m} >= ${count.value}`;
    case 'exactly':
      return `${m} == ${count.value}`;
    case 'atMost':
      return `${m} <= ${count.value}`;
    case 'between':
      return `${m} >= ${count.value[0]} AND ${m} <= ${count.value[1]}`;
  }
}

function windowText(window: Window | undefined): string | undefined {
  if (!window) return undefined;
  if ('last' in window) return `${UNIT_FUNCTIONS[window.unit]}(${window.last})`;
  const from = window.from === undefined ? 'NULL' : dynamicsString(window.from);
  const to = window.to === undefined ? 'NULL' : dynamicsString(window.to);
  return `UTCRANGE(${from}, ${to})`;
}

/** Left to right: `(A UNION B) MINUS C`. */
function fold(items: readonly { combine?: Combine | undefined; text: string }[]): string {
  let text = items[0]?.text ?? '';
  items.slice(1).forEach((item, i) => {
    const left = i === 0 ? text : `(${text})`;
    text = `${left}\n${SET_WORDS[item.combine ?? 'union']} ${item.text}`;
  });
  return text;
}

/**
 * The segment in Dynamics 365 segment query style. With a catalog, an interaction without
 * `relation` names its default contact link and a static segment names the contact key.
 */
export function toDynamicsQuery(segment: Segment, catalog?: Catalog): string {
  return new Writer(catalog).segment(segment);
}
