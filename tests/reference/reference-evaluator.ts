/**
 * A reference evaluator for segment libraries, written from SPEC §3 directly: plain loops over
 * in-memory rows, no SQL. The property tests compare the product's SQL path against it.
 */
import type { Condition, InteractionQuery, Library, Segment } from '../../src/engine/library-schema';
import type { RefData, RefEntity, RefRelation, RefRow, RefTable, RefValue } from './ref-data';
import { fieldClauseHolds, type RefTime } from './ref-field-clause';
import { countTestHolds, measureOf, type RefCountTest, type RefMeasure } from './ref-measure';
import { dayOf, dayOfValue, parseRefDateValue, relativeInstant, type RefUnit } from './ref-time';

const CONTACT = 'contact';

/** The record a condition looks at: a row of a profile entity, or of an interaction type. */
interface Scope {
  readonly table: RefTable;
  /** The profile entity; absent for interactions. */
  readonly entity?: string;
}

type Related = Extract<Condition, { related: string }>;

function fail(message: string): never {
  throw new Error(`reference: ${message}`);
}

/** Keys and links compare as exact text. */
function asKey(value: RefValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

export class ReferenceEvaluator {
  private readonly results = new Map<string, ReadonlySet<string>>();
  /** Per query object; a query belongs to one segment, so to one zone. */
  private readonly interactionCache = new WeakMap<InteractionQuery, { zone: string; members: ReadonlySet<string> }>();

  constructor(
    private readonly data: RefData,
    private readonly library: Library,
    /** Evaluation instant, epoch milliseconds. */
    private readonly now: number,
  ) {}

  private get contact(): RefEntity {
    return this.data.entities[CONTACT] ?? fail('no contact entity');
  }

  private contactKeys(): string[] {
    return this.contact.rows.map((row) => asKey(row[this.contact.key])!);
  }

  /** Members of every segment of the library, sorted like JavaScript's default sort. */
  evaluateAll(): Map<string, string[]> {
    return new Map(this.library.segments.map((s) => [s.name, [...this.members(s.name)].sort()]));
  }

  members(name: string): ReadonlySet<string> {
    const known = this.results.get(name);
    if (known) return known;
    const segment = this.library.segments.find((s) => s.name === name) ?? fail(`unknown segment ${name}`);
    const result = this.segment(segment);
    this.results.set(name, result);
    return result;
  }

  private segment(segment: Segment): ReadonlySet<string> {
    const time: RefTime = { now: this.now, zone: segment.timeZone ?? 'UTC' };
    switch (segment.kind) {
      case 'profile':
        return fold(
          segment.query.groups,
          (g) => g.combine,
          (g) => this.contactsWhere(g.where, time),
        );
      case 'interaction':
        return this.interaction(segment.query, time);
      case 'compound':
        return fold(
          segment.query.steps,
          (s) => s.combine,
          (s) => this.members(s.segment),
        );
      case 'static': {
        const wanted = new Set(segment.members);
        return new Set(this.contactKeys().filter((k) => wanted.has(k)));
      }
    }
  }

  private contactsWhere(where: Condition | undefined, time: RefTime): Set<string> {
    const scope: Scope = { table: this.contact, entity: CONTACT };
    return new Set(
      this.contact.rows
        .filter((row) => where === undefined || this.holds(where, scope, row, time))
        .map((row) => asKey(row[this.contact.key])!),
    );
  }

  /** Every condition is two-valued: the result is a plain boolean, and `not` simply negates it. */
  private holds(condition: Condition, scope: Scope, row: RefRow, time: RefTime): boolean {
    if ('and' in condition) return condition.and.every((c) => this.holds(c, scope, row, time));
    if ('or' in condition) return condition.or.some((c) => this.holds(c, scope, row, time));
    if ('not' in condition) return !this.holds(condition.not, scope, row, time);
    if ('field' in condition) {
      const type = scope.table.fields[condition.field] ?? fail(`unknown field ${condition.field}`);
      return fieldClauseHolds(type, row[condition.field] ?? null, condition.op, condition.value, time);
    }
    if ('related' in condition) return this.related(condition, scope, row, time);
    if (scope.entity !== CONTACT) fail('an interaction condition outside contact');
    const key = asKey(row[this.contact.key]);
    return key !== null && this.interaction(condition, time).has(key);
  }

  /** Some linked record satisfies all of `where` by itself (same-record semantics). */
  private related(condition: Related, scope: Scope, row: RefRow, time: RefTime): boolean {
    const relation = this.data.relations.find((r) => r.name === condition.via) ?? fail(`unknown relation ${condition.via}`);
    const target = this.data.entities[condition.related] ?? fail(`unknown entity ${condition.related}`);
    const [ownField, otherField] = this.direction(relation, scope.entity, condition);
    const own = asKey(row[ownField]);
    if (own === null) return false;
    const inner: Scope = { table: target, entity: condition.related };
    return target.rows.some(
      (other) => asKey(other[otherField]) === own && (condition.where === undefined || this.holds(condition.where, inner, other, time)),
    );
  }

  /** [field of the current record, field of the related record] that must hold the same key. */
  private direction(relation: RefRelation, entity: string | undefined, condition: Related): [string, string] {
    const forward: [string, string] = [relation.from.field, relation.to.field];
    const reverse: [string, string] = [relation.to.field, relation.from.field];
    if (relation.from.entity === relation.to.entity) {
      if (entity !== relation.from.entity || condition.related !== entity) fail(`relation ${relation.name} does not fit`);
      return condition.reverse ? reverse : forward;
    }
    if (relation.from.entity === entity && relation.to.entity === condition.related) return forward;
    if (relation.to.entity === entity && relation.from.entity === condition.related) return reverse;
    return fail(`relation ${relation.name} does not link ${entity} and ${condition.related}`);
  }

  private interaction(query: InteractionQuery, time: RefTime): ReadonlySet<string> {
    const cached = this.interactionCache.get(query);
    if (cached?.zone === time.zone) return cached.members;
    const byContact = this.matchingByContact(query, time);
    const measure: RefMeasure = (query.measure as RefMeasure | undefined) ?? { agg: 'count' };
    const test: RefCountTest = (query.count as RefCountTest | undefined) ?? { op: 'atLeast', value: 1 };
    const members = new Set(
      this.contactKeys().filter((key) => {
        const value = measureOf(byContact.get(key) ?? [], measure);
        return value !== undefined && countTestHolds(value, test);
      }),
    );
    this.interactionCache.set(query, { zone: time.zone, members });
    return members;
  }

  /** Each contact's interactions that pass the window and `where`. */
  private matchingByContact(query: InteractionQuery, time: RefTime): Map<string, RefRow[]> {
    const type = this.data.interactionTypes[query.interaction] ?? fail(`unknown interaction ${query.interaction}`);
    const link =
      query.relation ??
      (type.links.includes('ContactId') ? 'ContactId' : type.links.length === 1 ? type.links[0]! : fail('no default link'));
    const scope: Scope = { table: type };
    const byContact = new Map<string, RefRow[]>();
    for (const row of type.rows) {
      const ts = row[this.data.timestampField];
      if (typeof ts !== 'number') fail(`interaction without a timestamp: ${JSON.stringify(row)}`);
      if (!this.inWindow(ts, query.window, time)) continue;
      if (query.where && !this.holds(query.where, scope, row, time)) continue;
      const owner = asKey(row[link]);
      if (owner === null) continue;
      byContact.set(owner, [...(byContact.get(owner) ?? []), row]);
    }
    return byContact;
  }

  /** The verdict of one condition on one record of `entity` (for checking a trace part by part). */
  conditionHolds(condition: Condition, entity: string, key: string, zone: string): boolean {
    const table = this.data.entities[entity] ?? fail(`unknown entity ${entity}`);
    const row = table.rows.find((r) => asKey(r[table.key]) === key) ?? fail(`no ${entity} ${key}`);
    return this.holds(condition, { table, entity }, row, { now: this.now, zone });
  }

  /** An interaction query's measure for one contact, and how many interactions it was taken over. */
  interactionMeasure(query: InteractionQuery, contact: string, zone: string): { value: number | undefined; total: number } {
    const rows = this.matchingByContact(query, { now: this.now, zone }).get(contact) ?? [];
    return { value: measureOf(rows, (query.measure as RefMeasure | undefined) ?? { agg: 'count' }), total: rows.length };
  }

  /** Interactions after now never count; a window narrows that further. */
  private inWindow(ts: number, window: InteractionQuery['window'], time: RefTime): boolean {
    if (ts > time.now) return false;
    if (window === undefined) return true;
    if ('last' in window) return relativeInstant(time.now, window.last, window.unit as RefUnit, time.zone) <= ts;
    if (window.from !== undefined) {
      const from = parseRefDateValue(window.from);
      // A date-only `from` starts at the beginning of that day in the zone.
      if (from.kind === 'date' ? dayOf(ts, time.zone) < dayOfValue(from, time.zone) : ts < from.instant) return false;
    }
    if (window.to !== undefined) {
      const to = parseRefDateValue(window.to);
      // A date-only `to` takes in the whole day.
      if (to.kind === 'date' ? dayOf(ts, time.zone) > dayOfValue(to, time.zone) : ts > to.instant) return false;
    }
    return true;
  }
}

function fold<T>(items: readonly T[], combine: (item: T) => string | undefined, members: (item: T) => ReadonlySet<string>): Set<string> {
  const [first, ...rest] = items;
  if (first === undefined) fail('nothing to fold');
  let result = new Set(members(first));
  for (const item of rest) {
    const next = members(item);
    const how = combine(item);
    if (how === 'union') result = new Set([...result, ...next]);
    else if (how === 'intersect') result = new Set([...result].filter((k) => next.has(k)));
    else if (how === 'exclude') result = new Set([...result].filter((k) => !next.has(k)));
    else fail(`combine ${how}`);
  }
  return result;
}

/** Members per segment name, each sorted like JavaScript's default sort. */
export function evaluateReference(data: RefData, library: Library, now: number): Map<string, string[]> {
  return new ReferenceEvaluator(data, library, now).evaluateAll();
}
