/**
 * `--explain KEY` (SPEC §4): whether a contact is in a segment, and why. The trace evaluates each
 * part of the definition on that contact with the compiler's own expressions
 * (src/engine/explain/explain-queries.ts), and membership is the trace's own verdict: its parts
 * folded as the compiler folds groups and steps, so nothing runs the segment a second time.
 */
import { CONTACT, type Catalog, type FieldType } from '../engine/catalog';
import { DEFAULT_COUNT, type InteractionsCopy } from '../engine/compile/compile-segment';
import type { TimeContext } from '../engine/compile/field-clause';
import * as x from '../engine/explain/explain-queries';
import {
  foldPart,
  type ConditionTrace,
  type Explanation,
  type GroupTrace,
  type InteractionRecord,
  type InteractionTrace,
  type StepTrace,
  type Trace,
  type TraceValue,
} from '../engine/explain/trace';
import type { Condition, FieldClause, InteractionQuery, Library, RelatedCondition, Segment } from '../engine/library-schema';
import type { Query } from '../engine/sql/ast';
import { printQueryIn } from '../engine/sql/dialect';
import { evaluationOrder } from '../engine/segment-order';
import type { Row } from './connector';
import type { SqlRunner } from './engines/engine';
import { checkLibrary, evaluateLibrary } from './evaluate-library';
import { createTable, dropTable } from './segment-evaluator';

export interface ExplainOptions {
  /** Evaluation instant, epoch milliseconds. */
  readonly now: number;
  readonly segment: string;
  readonly contact: string;
  readonly onWarning?: (message: string) => void;
}

/** A contact key that is not in `contact`. */
export class UnknownContactError extends Error {}

export async function explainContact(runner: SqlRunner, catalog: Catalog, library: Library, options: ExplainOptions): Promise<Explanation> {
  checkLibrary(library, catalog, options.segment);
  if (options.onWarning) await warnAboutStaticMembers(runner, catalog, library, options);
  return withContactCopies(runner, catalog, library, options, async (copies) => {
    const tracer = new Tracer(runner, catalog, library, options.now, options.contact, copies);
    const asked = await tracer.askContact(options.segment, [x.contactCountQuery(catalog, options.contact, copies.contactRow)]);
    if (Number(asked?.[0]?.n ?? 0) === 0) await refuseContact(runner, catalog, options.contact);
    const trace = await tracer.segment(options.segment);
    return { now: new Date(options.now).toISOString(), segment: options.segment, contact: options.contact, member: trace.holds, trace };
  });
}

/** Names the copies of a contact's row and interactions apart, also between traces on one connection. */
let copyCount = 0;

/** The tables a trace reads the traced contact from (`withContactCopies`). */
interface ContactCopies {
  /**
   * The contact's row (none when no contact has the key), copied only where a profile segment's
   * conditions read it: otherwise only the existence check does, and it reads the contact table.
   */
  readonly contactRow?: string;
  /** Per interaction type the segment reads, the copy holding the contact's interactions of that type. */
  readonly interactions: Readonly<Record<string, InteractionsCopy>>;
}

/**
 * Runs `use` with the contact's row (where a profile segment's conditions read it) and its
 * interactions in each table the segment's types come from (its references' too) copied into
 * tables of their own, one scan of each table (the long interactions table once for all its
 * types), and drops them after. Every part of the trace on that contact reads the copies
 * instead of scanning the contact table or the type again.
 */
async function withContactCopies<T>(
  runner: SqlRunner,
  catalog: Catalog,
  library: Library,
  options: Pick<ExplainOptions, 'segment' | 'contact'>,
  use: (copies: ContactCopies) => Promise<T>,
): Promise<T> {
  const segments = evaluationOrder(library, options.segment);
  const sources = x.interactionSources(catalog, segments);
  const made: string[] = [];
  const copy = async (query: Query): Promise<string> => {
    const table = `explain:${++copyCount}`;
    await createTable(runner, table, query);
    made.push(table);
    return table;
  };
  try {
    const readsRow = segments.some((s) => s.kind === 'profile' && s.query.groups.some((g) => g.where !== undefined));
    const contactRow = readsRow ? await copy(x.contactRowQuery(catalog, options.contact)) : undefined;
    const interactions: [string, InteractionsCopy][] = [];
    for (const source of sources) {
      const table = await copy(x.contactInteractionsQuery(source, options.contact));
      const copied = { table, ...(source.typeColumn === undefined ? {} : { typeColumn: source.typeColumn }) };
      for (const type of source.types) interactions.push([type, copied]);
    }
    return await use({ ...(contactRow === undefined ? {} : { contactRow }), interactions: Object.fromEntries(interactions) });
  } finally {
    for (const table of made) await dropTable(runner, table).catch(() => undefined);
  }
}

/** The evaluator's warnings about listed members of static segments that are not contacts (they are cheap to evaluate). */
async function warnAboutStaticMembers(runner: SqlRunner, catalog: Catalog, library: Library, options: ExplainOptions): Promise<void> {
  const statics = evaluationOrder(library, options.segment).filter((s) => s.kind === 'static');
  if (statics.length === 0) return;
  const only = { ...library, segments: statics };
  for (const segment of statics)
    await evaluateLibrary(runner, catalog, only, { now: options.now, only: segment.name, onWarning: options.onWarning! });
}

/** The trace alone, for a validated library and a contact known to exist (`explainContact` checks both). */
export function traceContact(
  runner: SqlRunner,
  catalog: Catalog,
  library: Library,
  options: Pick<ExplainOptions, 'now' | 'segment' | 'contact'>,
): Promise<Trace> {
  return withContactCopies(runner, catalog, library, options, async (copies) => {
    const tracer = new Tracer(runner, catalog, library, options.now, options.contact, copies);
    await tracer.askContact(options.segment, []);
    return tracer.segment(options.segment);
  });
}

/** The key names no contact: the error, with a key that differs only in case if there is one. */
async function refuseContact(runner: SqlRunner, catalog: Catalog, key: string): Promise<never> {
  const [like] = await runner.query(printQueryIn(runner.dialect, x.contactLikeQuery(catalog, key)));
  const hint = like ? `; did you mean "${String(like.id)}"?` : '';
  throw new UnknownContactError(`unknown contact "${key}": no contact has this key (keys are compared exactly, case included)${hint}`);
}

/** A record a condition is traced on. */
interface RecordRef {
  readonly entity: string;
  readonly key: string;
}

/** A one-row query a trace asks of the traced contact itself, and the part of the definition it answers. */
interface Probe {
  readonly answers: Condition | InteractionQuery;
  readonly query: Query;
}

class Tracer {
  private readonly traces = new Map<string, Promise<Trace>>();
  /** The rows `askContact` read for the traced contact, by the condition (its field clauses) or interaction part they answer. */
  private readonly answers = new Map<Condition | InteractionQuery, Row>();

  constructor(
    private readonly runner: SqlRunner,
    private readonly catalog: Catalog,
    private readonly library: Library,
    private readonly now: number,
    private readonly contact: string,
    /** The copies of the contact's row and interactions (`withContactCopies`). */
    private readonly copies: ContactCopies,
  ) {}

  /** What every trace query needs: the catalog, the instant and zone, and the traced contact's row. */
  private options(time: TimeContext) {
    const row = this.copies.contactRow;
    return { catalog: this.catalog, ...time, ...(row === undefined ? {} : { tracedContact: { key: this.contact, table: row } }) };
  }

  private rows(query: Query) {
    return this.runner.query(printQueryIn(this.runner.dialect, query));
  }

  /** The interaction parts on the traced contact read the copies of its interactions; a related contact's read the type's table. */
  private interactionOptions(time: TimeContext, contact: string) {
    return { ...this.options(time), ...(contact === this.contact ? { contactInteractions: this.copies.interactions } : {}) };
  }

  /**
   * Asks `extra` and every one-row query the trace of `name` asks of the traced contact itself
   * (the field clauses of each of its conditions, the value of each of its interaction parts)
   * in one statement, and keeps the answers for the trace: each statement through the
   * DuckDB-WASM worker costs a round trip. Returns `extra`'s rows, or undefined when the key
   * names no contact (the field clauses then find no row).
   */
  async askContact(name: string, extra: readonly Query[]): Promise<Row[] | undefined> {
    const probes: Probe[] = [];
    this.probesOf(name, new Set(), probes);
    const parts = [...extra, ...probes.map((p) => p.query)];
    if (parts.length === 0) return [];
    const [row] = await this.rows(x.oneRowQuery(parts));
    if (!row) return undefined;
    const answer = (i: number): Row =>
      Object.fromEntries((parts[i] as Extract<Query, { kind: 'select' }>).columns.map((c) => [c.alias!, row[x.partColumn(i, c.alias!)]]));
    probes.forEach((probe, i) => this.answers.set(probe.answers, answer(extra.length + i)));
    return extra.map((_, i) => answer(i));
  }

  /** The probes of segment `name` and of the segments it refers to, each segment once. */
  private probesOf(name: string, seen: Set<string>, out: Probe[]): void {
    if (seen.has(name)) return;
    seen.add(name);
    const segment = this.library.segments.find((s) => s.name === name);
    if (!segment) throw new Error(`unknown segment ${name}`);
    const time: TimeContext = { now: this.now, timeZone: segment.timeZone };
    const interaction = (query: InteractionQuery) =>
      out.push({ answers: query, query: x.interactionValueQuery(this.interactionOptions(time, this.contact), query, this.contact) });
    switch (segment.kind) {
      case 'profile':
        for (const { where } of segment.query.groups) {
          if (!where) continue;
          const clauses = fieldClausesOf(where);
          if (clauses.length) out.push({ answers: where, query: x.fieldClausesQuery(this.options(time), CONTACT, this.contact, clauses) });
          // The parts on the contact itself: those inside a `related` condition are on other records.
          x.interactionParts(where, false).forEach(interaction);
        }
        return;
      case 'interaction':
        interaction(segment.query);
        return;
      case 'compound':
        for (const step of segment.query.steps) this.probesOf(step.segment, seen, out);
        return;
      case 'static':
        return;
    }
  }

  /** What `askContact` read for `part` on `record`, if it is the traced contact. */
  private answered(part: Condition | InteractionQuery, record: RecordRef): Row | undefined {
    return record.entity === CONTACT && record.key === this.contact ? this.answers.get(part) : undefined;
  }

  /** Each referenced segment is traced once, however often it is referenced. */
  segment(name: string): Promise<Trace> {
    let trace = this.traces.get(name);
    if (!trace) {
      const segment = this.library.segments.find((s) => s.name === name);
      if (!segment) throw new Error(`unknown segment ${name}`);
      trace = this.segmentTrace(segment);
      this.traces.set(name, trace);
    }
    return trace;
  }

  private async segmentTrace(segment: Segment): Promise<Trace> {
    const time: TimeContext = { now: this.now, timeZone: segment.timeZone };
    const contact: RecordRef = { entity: 'contact', key: this.contact };
    switch (segment.kind) {
      case 'profile': {
        const groups: GroupTrace[] = [];
        let before: boolean | undefined;
        for (const group of segment.query.groups) {
          const where = group.where ? await this.condition(group.where, contact, time) : undefined;
          const holds = where?.holds ?? true;
          const fold = foldPart(before, group.combine, holds);
          before = fold.after;
          groups.push({ ...(group.combine ? { combine: group.combine } : {}), holds, ...fold, ...(where ? { where } : {}) });
        }
        return { kind: 'profile', holds: before!, groups };
      }
      case 'interaction':
        return { kind: 'interaction', ...(await this.interaction(segment.query, this.contact, time)) };
      case 'compound': {
        const steps: StepTrace[] = [];
        let before: boolean | undefined;
        for (const step of segment.query.steps) {
          const trace = await this.segment(step.segment);
          const fold = foldPart(before, step.combine, trace.holds);
          before = fold.after;
          steps.push({ segment: step.segment, ...(step.combine ? { combine: step.combine } : {}), holds: trace.holds, ...fold, trace });
        }
        return { kind: 'compound', holds: before!, steps };
      }
      case 'static': {
        const listed = segment.members.includes(this.contact);
        return { kind: 'static', holds: listed, listed };
      }
    }
  }

  /** The field clauses of one record are evaluated in one query; related and interaction parts each in their own. */
  private async condition(condition: Condition, record: RecordRef, time: TimeContext): Promise<ConditionTrace> {
    const clauses = fieldClausesOf(condition);
    const fields = this.catalog.entities[record.entity]!.fields;
    const row = clauses.length
      ? (this.answered(condition, record) ??
        (await this.rows(x.fieldClausesQuery(this.options(time), record.entity, record.key, clauses)))[0])
      : {};
    const clauseTraces = new Map(
      clauses.map((clause, i) => [
        clause,
        {
          field: clause.field,
          op: clause.op,
          ...(clause.value !== undefined ? { value: clause.value } : {}),
          actual: traceValue(fields[clause.field] ?? 'other', row?.[x.actualColumn(i)]),
          holds: isTrue(row?.[x.holdsColumn(i)]),
        },
      ]),
    );
    const build = async (c: Condition): Promise<ConditionTrace> => {
      if ('and' in c) {
        const and = await inOrder(c.and, build);
        return { and, holds: and.every((t) => t.holds) };
      }
      if ('or' in c) {
        const or = await inOrder(c.or, build);
        return { or, holds: or.some((t) => t.holds) };
      }
      if ('not' in c) {
        const not = await build(c.not);
        return { not, holds: !not.holds };
      }
      if ('field' in c) return clauseTraces.get(c)!;
      if ('related' in c) return this.related(c, record, time);
      return this.interaction(c, record.key, time);
    };
    return build(condition);
  }

  private async related(condition: RelatedCondition, record: RecordRef, time: TimeContext): Promise<ConditionTrace> {
    const options = this.options(time);
    const keys = async (matching: boolean) =>
      (await this.rows(x.relatedKeysQuery(options, record.entity, record.key, condition, matching))).map((r) => String(r.id));
    const count = async (matching: boolean) =>
      Number((await this.rows(x.relatedCountQuery(options, record.entity, record.key, condition, matching)))[0]?.n ?? 0);
    const matches = await keys(true);
    const total = await count(true);
    const linked = condition.where ? await count(false) : total;
    const head = {
      related: condition.related,
      via: condition.via,
      ...(condition.reverse !== undefined ? { reverse: condition.reverse } : {}),
      holds: total > 0,
      matches,
      total,
      linked,
    };
    if (!condition.where) return head;
    const shown = matches[0] ?? (linked > 0 ? (await keys(false))[0] : undefined);
    if (shown === undefined) return head;
    return { ...head, record: shown, where: await this.condition(condition.where, { entity: condition.related, key: shown }, time) };
  }

  private async interaction(query: InteractionQuery, contact: string, time: TimeContext): Promise<InteractionTrace> {
    const options = this.interactionOptions(time, contact);
    const summary =
      this.answered(query, { entity: CONTACT, key: contact }) ?? (await this.rows(x.interactionValueQuery(options, query, contact)))[0];
    const total = Number(summary?.total ?? 0);
    const rows = total > 0 ? await this.rows(x.interactionRowsQuery(options, query, contact)) : [];
    const type = this.catalog.interactions.types[query.interaction]!;
    const idField = x.interactionIdField(this.catalog, query.interaction);
    const interactions = rows.map((row): InteractionRecord => {
      const id = idField === undefined ? null : row[idField];
      return {
        ...(id === null || id === undefined ? {} : { id: String(id) }),
        timestamp: traceValue('timestamp', row[this.catalog.interactions.timestampField]) as string,
        fields: Object.fromEntries(Object.entries(type.fields).map(([field, t]) => [field, traceValue(t, row[field])])),
      };
    });
    const value = summary?.value;
    return {
      interaction: query.interaction,
      relation: x.linkOf(this.catalog, query),
      measure: x.measureOf(query),
      count: query.count ?? DEFAULT_COUNT,
      value: value === null || value === undefined ? null : Number(value),
      total,
      interactions,
      holds: isTrue(summary?.holds),
    };
  }
}

/** One query at a time: a connector runs one statement at a time anyway. */
async function inOrder<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await run(item));
  return out;
}

/** A boolean column as engines return it (ClickHouse may send 1/0). */
const isTrue = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 'true';

/** The field clauses that apply to the record itself (not those inside `related` or interaction parts). */
function fieldClausesOf(condition: Condition): FieldClause[] {
  if ('and' in condition) return condition.and.flatMap(fieldClausesOf);
  if ('or' in condition) return condition.or.flatMap(fieldClausesOf);
  if ('not' in condition) return fieldClausesOf(condition.not);
  return 'field' in condition ? [condition] : [];
}

/** A stored value as JSON, by the field's type. */
export function traceValue(type: FieldType, value: unknown): TraceValue {
  if (value === null || value === undefined) return null;
  if (type === 'timestamp' || type === 'date') {
    const instant = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(String(value));
    if (Number.isNaN(instant)) return String(value);
    const iso = new Date(instant).toISOString();
    return type === 'date' ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map((v) => traceValue('text', v));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}
