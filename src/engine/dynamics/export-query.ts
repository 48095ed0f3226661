/**
 * A library segment → Dynamics 365 segment query text (DYNAMICS.md, "Export"), or the parts
 * that have no Dynamics equivalent. Where one meaning needs several Dynamics definitions
 * (never, at most n, a behavioural condition inside a profile), the text holds named
 * definitions followed by a set expression over them.
 */
import { CONTACT, own, type Catalog, type FieldType, type Fields } from '../catalog';
import type { Combine, Condition, CountTest, FieldClause, InteractionQuery, Segment } from '../library-schema';
import { dayOfValue, parseDateValue } from '../time';
import { findRelation, linkName, relationshipName } from './dynamics-names';

/** A part of the segment that cannot be written, by its JSON path in the segment. */
export interface ExportReason {
  readonly path: string;
  readonly message: string;
}

export type DynamicsExport = { ok: true; text: string } | { ok: false; reasons: ExportReason[] };

export function formatReason(reason: ExportReason): string {
  return `${reason.path}: ${reason.message}`;
}

const SET_WORDS: Record<Combine, string> = { union: 'UNION', intersect: 'INTERSECT', exclude: 'EXCEPT' };
const COMPARE: Partial<Record<string, string>> = { eq: '==', neq: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' };
const DAY_COMPARE: Partial<Record<string, string>> = { on: '==', before: '<', after: '>', onOrBefore: '<=', onOrAfter: '>=' };
const TEXT_WORDS: Partial<Record<string, string>> = { contains: 'CONTAINS', beginsWith: 'STARTSWITH', endsWith: 'ENDSWITH' };
const WINDOW_FUNCTIONS = { day: 'UTCDAYS', month: 'UTCMONTHS', year: 'UTCYEARS' } as const;
const ALL_CONTACTS = `PROFILE(${CONTACT})`;

class Unwritable extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const unwritable = (path: string, message: string): never => {
  throw new Unwritable(path, message);
};

/** A text literal in single quotes; a quote or backslash inside is escaped with a backslash. */
export function dynamicsString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** A number as plain decimal digits: the grammar has no exponent form. */
export function dynamicsNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) return unwritable(path, `the number ${value} has no Dynamics form`);
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', exp] = m;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.padEnd(point, '0')}`;
}

type Precedence = 'atom' | 'and' | 'or';
interface CondText {
  readonly text: string;
  readonly prec: Precedence;
}

const atom = (text: string): CondText => ({ text, prec: 'atom' });
const wrap = (c: CondText): string => (c.prec === 'atom' ? c.text : `(${c.text})`);
const joined = (items: CondText[], op: 'and' | 'or'): CondText =>
  items.length === 1 ? items[0]! : { text: items.map(wrap).join(op === 'and' ? ' && ' : ' || '), prec: op };

/** A set expression: operands folded left to right. */
interface SetExpr {
  readonly operands: readonly { readonly combine?: Combine; readonly text: string }[];
}

const single = (text: string): SetExpr => ({ operands: [{ text }] });

function setText(expr: SetExpr): string {
  return expr.operands.map((o, i) => (i === 0 ? o.text : `${SET_WORDS[o.combine ?? 'union']} ${o.text}`)).join('\n');
}

function isPure(condition: Condition): boolean {
  if ('and' in condition) return condition.and.every(isPure);
  if ('or' in condition) return condition.or.every(isPure);
  if ('not' in condition) return isPure(condition.not);
  return 'field' in condition;
}

interface FieldScope {
  readonly fields: Fields;
  readonly interaction: boolean;
  readonly what: string;
}

class Writer {
  readonly definitions: { name: string; text: string }[] = [];
  readonly reasons: ExportReason[] = [];
  private readonly taken: Set<string>;

  constructor(
    private readonly catalog: Catalog,
    private readonly segment: Segment,
    reserved: Iterable<string>,
  ) {
    this.taken = new Set([...reserved].map((n) => n.toLowerCase()));
    this.taken.add(segment.name.toLowerCase());
  }

  /** Records what cannot be written and goes on, so that every such part is reported at once. */
  collect<T>(part: () => T, fallback: T): T {
    try {
      return part();
    } catch (error) {
      if (!(error instanceof Unwritable)) throw error;
      this.reasons.push({ path: error.path, message: error.message });
      return fallback;
    }
  }

  private get zone(): string {
    return this.segment.timeZone ?? 'UTC';
  }

  private define(text: string): string {
    for (let i = this.definitions.length + 1; ; i++) {
      const name = `${this.segment.name.slice(0, 95)}_${i}`;
      if (this.taken.has(name.toLowerCase())) continue;
      this.taken.add(name.toLowerCase());
      this.definitions.push({ name, text });
      return name;
    }
  }

  /** One operand for a set expression: a chain as it is, anything longer under a name. */
  private operand(expr: SetExpr, allowInteraction = false): string {
    const only = expr.operands[0]!;
    if (expr.operands.length === 1 && (allowInteraction || !only.text.startsWith('INTERACTION('))) return only.text;
    return `SEGMENT(${this.define(setText(expr))})`;
  }

  write(): string {
    const s = this.segment;
    switch (s.kind) {
      case 'static':
        return unwritable('members', 'a static segment is a list of contacts; a Dynamics segment query has no member list');
      case 'compound':
        return setText({
          operands: s.query.steps.map((step) => ({ ...(step.combine ? { combine: step.combine } : {}), text: `SEGMENT(${step.segment})` })),
        });
      case 'interaction':
        return setText(this.interaction(s.query, 'query'));
      case 'profile': {
        const groups = s.query.groups;
        const sets = groups.map((g, i) =>
          g.where ? this.collect(() => this.contactSet(g.where!, `query.groups[${i}].where`), single('?')) : single(ALL_CONTACTS),
        );
        if (sets.length === 1) return setText(sets[0]!);
        return setText({
          operands: sets.map((set, i) => ({ ...(groups[i]!.combine ? { combine: groups[i]!.combine } : {}), text: this.operand(set) })),
        });
      }
    }
  }

  /** The contacts a condition selects, as a set expression. */
  private contactSet(condition: Condition, path: string): SetExpr {
    const contactScope: FieldScope = { fields: own(this.catalog.entities, CONTACT)?.fields ?? {}, interaction: false, what: CONTACT };
    if (isPure(condition)) return single(`${ALL_CONTACTS}.FILTER(${this.condition(condition, contactScope, path).text})`);
    if ('related' in condition) return single(this.chain(condition, path));
    if ('interaction' in condition) return this.interaction(condition, path);
    if ('not' in condition)
      return {
        operands: [{ text: ALL_CONTACTS }, { combine: 'exclude', text: this.operand(this.contactSet(condition.not, `${path}.not`)) }],
      };
    const [key, items]: ['and' | 'or', readonly Condition[]] =
      'and' in condition ? ['and', condition.and] : ['or', (condition as { or: Condition[] }).or];
    const pure = items.map((c, i) => [c, i] as const).filter(([c]) => isPure(c));
    const others = items.map((c, i) => [c, i] as const).filter(([c]) => !isPure(c));
    const pureText =
      pure.length === 0
        ? undefined
        : joined(
            pure.map(([c, i]) => this.condition(c, contactScope, `${path}.${key}[${i}]`)),
            key,
          );
    const [firstOther] = others;
    if (key === 'and' && others.length === 1 && firstOther && 'related' in firstOther[0]) {
      const chain = this.chain(firstOther[0], `${path}.and[${firstOther[1]}]`);
      return single(pureText ? `${chain}.FILTER(${pureText.text})` : chain);
    }
    const combine: Combine = key === 'and' ? 'intersect' : 'union';
    const operands = [
      ...(pureText ? [`${ALL_CONTACTS}.FILTER(${pureText.text})`] : []),
      ...others.map(([c, i]) => this.operand(this.contactSet(c, `${path}.${key}[${i}]`))),
    ];
    return { operands: operands.map((text, i) => (i === 0 ? { text } : { combine, text })) };
  }

  /** `PROFILE(X)…TRAVERSE(r)`: the records of `scope` that have a related record as described. */
  private chain(condition: Extract<Condition, { related: string }>, path: string): string {
    const relation = this.catalog.relations.find((r) => r.name === condition.via) ?? findRelation(this.catalog, condition.via);
    if (!relation) return unwritable(path, `unknown relation ${condition.via}`);
    if (relation.from.entity === relation.to.entity && !condition.reverse)
      unwritable(
        path,
        `following ${relation.name} forward (to the ${relation.to.entity} its ${relation.from.field} points at) has no Dynamics equivalent: TRAVERSE(${relationshipName(relation)}) from a ${relation.from.entity} leads to the record its lookup points at, which is this relation followed in reverse`,
      );
    const target = condition.related;
    const scopeFields: FieldScope = { fields: own(this.catalog.entities, target)?.fields ?? {}, interaction: false, what: target };
    const where = condition.where;
    const items = where === undefined ? [] : 'and' in where ? where.and : [where];
    const base = where && 'and' in where ? `${path}.where.and` : `${path}.where`;
    const pathOf = (i: number) => (where && 'and' in where ? `${base}[${i}]` : base);
    const nested = items.map((c, i) => [c, i] as const).filter(([c]) => !isPure(c));
    if (nested.length > 1 || nested.some(([c]) => !('related' in c)))
      unwritable(
        nested.find(([c]) => !('related' in c)) ? pathOf(nested.find(([c]) => !('related' in c))![1]) : `${path}.where`,
        `conditions on ${target} that combine related records with || or NOT, hold more than one related condition, or an interaction, have no Dynamics equivalent: a TRAVERSE chain carries one related record and plain filters`,
      );
    const pure = items.map((c, i) => [c, i] as const).filter(([c]) => isPure(c));
    const nestedOne = nested[0];
    let text = nestedOne ? this.chain(nestedOne[0] as Extract<Condition, { related: string }>, pathOf(nestedOne[1])) : `PROFILE(${target})`;
    if (pure.length)
      text += `.FILTER(${
        joined(
          pure.map(([c, i]) => this.condition(c, scopeFields, pathOf(i))),
          'and',
        ).text
      })`;
    return `${text}.TRAVERSE(${relationshipName(relation)})`;
  }

  private condition(condition: Condition, scope: FieldScope, path: string): CondText {
    if ('and' in condition)
      return joined(
        condition.and.map((c, i) => this.condition(c, scope, `${path}.and[${i}]`)),
        'and',
      );
    if ('or' in condition)
      return joined(
        condition.or.map((c, i) => this.condition(c, scope, `${path}.or[${i}]`)),
        'or',
      );
    if ('not' in condition) return atom(`NOT(${this.condition(condition.not, scope, `${path}.not`).text})`);
    if ('field' in condition) return this.collect(() => this.clause(condition, scope, path), atom('?'));
    return unwritable(path, 'this condition cannot be written here');
  }

  private clause(clause: FieldClause, scope: FieldScope, path: string): CondText {
    const f = clause.field;
    const type: FieldType = own(scope.fields, f) ?? 'other';
    const v = clause.value;
    const what = `the clause "${f} ${clause.op}"`;
    const value = (x: unknown): string =>
      typeof x === 'number'
        ? dynamicsNumber(x, path)
        : typeof x === 'string'
          ? dynamicsString(x)
          : unwritable(path, `${what}: the value ${JSON.stringify(x)} has no Dynamics form`);
    const values = (): unknown[] => (Array.isArray(v) ? v : [v]);
    const day = (x: unknown): string => {
      const parsed = parseDateValue(x);
      if (typeof parsed === 'string') return unwritable(path, `${what}: ${parsed}`);
      if (type === 'timestamp' && this.zone !== 'UTC')
        unwritable(path, `${what} counts calendar days in ${this.zone}; Dynamics compares dates in UTC`);
      return dynamicsString(dayOfValue(parsed, this.zone));
    };
    const isDate = type === 'date' || type === 'timestamp';
    switch (clause.op) {
      case 'isNull':
        return atom(`ISNULL(${f})`);
      case 'isNotNull':
        return atom(`ISNOTNULL(${f})`);
      case 'isTrue':
        return atom(`${f} == True`);
      case 'isFalse':
        return atom(`${f} == False`);
      case 'in':
        return joined(
          values().map((x) => atom(`${f} == ${value(x)}`)),
          'or',
        );
      case 'notIn':
        return joined(
          values().map((x) => atom(`${f} != ${value(x)}`)),
          'and',
        );
      case 'between': {
        const [lo, hi] = values();
        return isDate
          ? joined([atom(`${f} >= ${day(lo)}`), atom(`${f} <= ${day(hi)}`)], 'and')
          : joined([atom(`${f} >= ${value(lo)}`), atom(`${f} <= ${value(hi)}`)], 'and');
      }
      case 'contains':
      case 'beginsWith':
      case 'endsWith':
        if (scope.interaction) return unwritable(path, `${what}: Dynamics allows no ${TEXT_WORDS[clause.op]} in an interaction's FILTER`);
        return atom(`${f} ${TEXT_WORDS[clause.op]} ${value(v)}`);
      case 'notContains':
        if (scope.interaction) return unwritable(path, `${what}: Dynamics allows no CONTAINS in an interaction's FILTER`);
        return joined([atom(`ISNOTNULL(${f})`), atom(`NOT(${f} CONTAINS ${value(v)})`)], 'and');
      case 'containsAny':
      case 'containsAll':
        if (scope.interaction) return unwritable(path, `${what}: Dynamics allows no CONTAINS in an interaction's FILTER`);
        return joined(
          values().map((x) => atom(`${f} CONTAINS ${value(x)}`)),
          clause.op === 'containsAny' ? 'or' : 'and',
        );
      case 'containsNone':
        return unwritable(path, `${what} has no Dynamics equivalent: a multi-option field can only be tested with CONTAINS`);
      case 'inLast':
      case 'notInLast':
        return unwritable(
          path,
          `${what}: relative dates on fields have no Dynamics equivalent (only an interaction's HAVING takes a UTCDAYS/UTCMONTHS/UTCYEARS window)`,
        );
    }
    const dayOp = DAY_COMPARE[clause.op];
    if (dayOp && isDate) return atom(`${f} ${dayOp} ${day(v)}`);
    const op = COMPARE[clause.op];
    if (op) return atom(`${f} ${op} ${value(v)}`);
    return unwritable(path, `${what} has no Dynamics equivalent`);
  }

  /** An interaction query as a set expression: one INTERACTION, or several when zero counts or ranges need it. */
  private interaction(query: InteractionQuery, path: string): SetExpr {
    const type = own(this.catalog.interactions.types, query.interaction);
    if (!type) return unwritable(`${path}.interaction`, `unknown interaction type ${query.interaction}`);
    const link =
      query.relation ??
      (type.links.includes('ContactId')
        ? 'ContactId'
        : type.links.length === 1
          ? type.links[0]!
          : unwritable(`${path}.relation`, 'the interaction needs a relation'));
    const scope: FieldScope = { fields: type.fields, interaction: true, what: query.interaction };
    const filter = query.where ? `.FILTER(${this.condition(query.where, scope, `${path}.where`).text})` : '';
    const window = this.collect(() => this.window(query, path), '');
    const head = `INTERACTION(${query.interaction}, ${linkName(query.interaction, link)})${filter}`;
    const having = (test: string) => `${head}.HAVING(${test}${window})`;
    const measure = query.measure ?? { agg: 'count' as const };
    const count: CountTest = query.count ?? { op: 'atLeast', value: 1 };
    const values = count.op === 'between' ? count.value : [count.value];
    if (measure.agg === 'countDistinct')
      return unwritable(
        `${path}.measure`,
        `counting distinct ${measure.field} values has no Dynamics equivalent: HAVING takes COUNT(), SUM, AVG, MIN or MAX`,
      );
    if (measure.agg !== 'count') {
      const m = `${measure.agg.toUpperCase()}(${measure.field})`;
      const n = (x: number) => dynamicsNumber(x, `${path}.count`);
      switch (count.op) {
        case 'atLeast':
          return single(having(`${m}>=${n(count.value)}`));
        case 'atMost':
          return single(having(`${m}<=${n(count.value)}`));
        case 'exactly':
          return single(having(`${m}==${n(count.value)}`));
        case 'between':
          return {
            operands: [
              { text: this.operand(single(having(`${m}>=${n(count.value[0])}`))) },
              { combine: 'intersect', text: this.operand(single(having(`${m}<=${n(count.value[1])}`))) },
            ],
          };
      }
    }
    if (values.some((x) => !Number.isInteger(x) || x < 0))
      return unwritable(`${path}.count`, 'Dynamics counts interactions with whole numbers of 0 or more');
    const atLeast = (n: number) => having(`COUNT()>${n - 1}`);
    const all = { text: ALL_CONTACTS };
    const without = (n: number) => ({ combine: 'exclude' as const, text: this.operand(single(atLeast(n + 1))) });
    switch (count.op) {
      case 'atLeast':
        return single(count.value <= 0 ? ALL_CONTACTS : atLeast(count.value));
      case 'exactly':
        return count.value === 0 ? { operands: [all, without(0)] } : single(having(`COUNT()==${count.value}`));
      case 'atMost':
        return { operands: [all, without(count.value)] };
      case 'between': {
        const [lo, hi] = count.value;
        if (lo <= 0) return { operands: [all, without(hi)] };
        if (lo === hi) return single(having(`COUNT()==${lo}`));
        return { operands: [{ text: this.operand(single(atLeast(lo))) }, without(hi)] };
      }
    }
  }

  private window(query: InteractionQuery, path: string): string {
    const w = query.window;
    if (!w) return '';
    if (!('last' in w))
      return unwritable(
        `${path}.window`,
        'a window between fixed dates has no Dynamics equivalent: HAVING takes UTCDAYS(n), UTCMONTHS(n) or UTCYEARS(n)',
      );
    if (this.zone !== 'UTC')
      unwritable(
        `${path}.window`,
        `a sliding window counted in ${this.zone} has no Dynamics equivalent: UTCDAYS/UTCMONTHS/UTCYEARS count in UTC`,
      );
    return w.unit === 'week' ? `, UTCDAYS(${w.last * 7})` : `, ${WINDOW_FUNCTIONS[w.unit]}(${w.last})`;
  }
}

/**
 * The segment as Dynamics 365 query text. Named definitions take the segment's name with a
 * number (`Name_1`), avoiding `reserved` (the other segments of the library).
 */
export function exportDynamics(segment: Segment, catalog: Catalog, reserved: Iterable<string> = []): DynamicsExport {
  const writer = new Writer(catalog, segment, reserved);
  try {
    const text = writer.write();
    if (writer.reasons.length) return { ok: false, reasons: writer.reasons };
    const definitions = writer.definitions.map((d) => `${d.name} =\n${indent(d.text)}\n`).join('');
    return { ok: true, text: `${definitions}${text}\n` };
  } catch (error) {
    if (!(error instanceof Unwritable)) throw error;
    return { ok: false, reasons: [...writer.reasons, { path: error.path, message: error.message }] };
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
