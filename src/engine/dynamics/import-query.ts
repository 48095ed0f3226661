/**
 * Dynamics 365 segment query text → library segments, against the loaded catalog (DYNAMICS.md,
 * "Import"). Every refusal names the line and column where the offending part starts.
 */
import { CONTACT, type Catalog, type FieldType, type Fields } from '../catalog';
import type { Combine, Condition, CountTest, InteractionQuery, Measure, Segment, Window } from '../library-schema';
import { MAX_CONDITION_DEPTH, SEGMENT_NAME } from '../library-schema';
import { tooDeep } from '../library-depth';
import { didYouMean } from '../suggest';
import type {
  CallNode,
  ConditionNode,
  DefinitionNode,
  ExprNode,
  HavingNode,
  InteractionNode,
  Loc,
  Name,
  OperandNode,
  ProfileNode,
  SetNode,
} from './ast';
import { CONTACT_LINK, findRelation, linkName, matchName, relationshipName } from './dynamics-names';
import { parseQuery, problemAt, sortProblems, type DynamicsProblem } from './parse-query';

export type DynamicsImport = { ok: true; segment: Segment; definitions: Segment[] } | { ok: false; problems: DynamicsProblem[] };

export const DEFAULT_IMPORT_NAME = 'Imported';

/** Thrown inside one part of the text; the importer reports it and goes on with the next part. */
class Refusal extends Error {
  constructor(
    readonly loc: Loc,
    message: string,
  ) {
    super(message);
  }
}

/** A part whose own parts were refused (and reported) one by one. */
class AlreadyReported extends Error {}

const refuse = (loc: Loc, message: string): never => {
  throw new Refusal(loc, message);
};

/** Constructs with no Segment Studio meaning, by the name they are written with. */
const NO_MEANING: Record<string, string> = {
  DATEDIFF: "DATEDIFF(…) has no Segment Studio meaning: compare the field with a date such as '2026-01-31'",
  DATEADD: "DATEADD(…) has no Segment Studio meaning: compare the field with a date such as '2026-01-31'",
  DATE: "Date(…) has no Segment Studio meaning: write the date as a string such as '2026-01-31'",
  DATETIMEUTCNOW:
    'DATETIMEUTCNOW() has no Segment Studio meaning: relative dates are written with UTCDAYS/UTCMONTHS/UTCYEARS windows on interactions',
  UTCNOW: "UTCNOW() has no Segment Studio meaning: compare the field with a date such as '2026-01-31'",
  ORDERBY: 'ORDERBY has no Segment Studio meaning: a segment is a set of contacts, not an ordered list',
  SKIP: 'SKIP has no Segment Studio meaning: a segment selects every matching contact',
  TAKE: 'TAKE has no Segment Studio meaning: a segment selects every matching contact',
  SELECT: 'SELECT has no Segment Studio meaning: a segment is a set of contacts, not a list of columns',
};

const SET_COMBINES: Record<string, Combine> = { UNION: 'union', INTERSECT: 'intersect', EXCEPT: 'exclude' };
const WINDOW_UNITS: Partial<Record<string, 'day' | 'month' | 'year'>> = {
  UTCDAYS: 'day',
  UTCMONTHS: 'month',
  UTCYEARS: 'year',
};
const MIRRORED: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };
const NUMBER_OPS: Record<string, string> = { '==': 'eq', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const DAY_OPS: Record<string, string> = { '==': 'on', '<': 'before', '<=': 'onOrBefore', '>': 'after', '>=': 'onOrAfter' };
const TEXT_OPS: Partial<Record<string, string>> = { CONTAINS: 'contains', STARTSWITH: 'beginsWith', ENDSWITH: 'endsWith' };
const MEASURE_TESTS: Record<string, 'atLeast' | 'atMost' | 'exactly'> = { '>=': 'atLeast', '<=': 'atMost', '==': 'exactly' };
const COUNT_RULE = 'Dynamics 365 forbids COUNT() == 0, COUNT() with >= or != and a positive integer, and a negative or fractional count';

/** What a condition is read against: a profile entity in a chain, or an interaction type. */
interface Scope {
  readonly what: string;
  readonly fields: Fields;
  /** Prefixes (`contact_1.`) that name this scope, lowercased. */
  readonly prefixes: ReadonlySet<string>;
  /** Prefixes of the other entities of the chain, for a precise refusal. */
  readonly elsewhere: ReadonlyMap<string, string>;
  readonly interaction: boolean;
}

function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function and(parts: Condition[]): Condition | undefined {
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
}

class Importer {
  readonly problems: DynamicsProblem[] = [];
  readonly segments: Segment[] = [];
  private readonly taken = new Set<string>();

  constructor(
    private readonly catalog: Catalog,
    private readonly definitionNames: ReadonlyMap<string, string>,
  ) {
    for (const name of definitionNames.values()) this.taken.add(name.toLowerCase());
  }

  /** Runs one part; a refusal is recorded and the part yields nothing. */
  attempt<T>(part: () => T): T | undefined {
    try {
      return part();
    } catch (error) {
      if (error instanceof AlreadyReported) return undefined;
      if (!(error instanceof Refusal)) throw error;
      this.problems.push(problemAt(error.loc, error.message));
      return undefined;
    }
  }

  /** Every part, each refusal reported; fails as a whole if any part was refused. */
  private all<T, R>(parts: readonly T[], convert: (part: T) => R): R[] {
    const results = parts.map((part) => this.attempt(() => convert(part)));
    if (results.some((r) => r === undefined)) throw new AlreadyReported();
    return results as R[];
  }

  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }

  private freshName(base: string): string {
    for (let i = 1; ; i++) {
      const name = `${base.slice(0, 95)}_${i}`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }

  /** A set expression as the segment `name`; mixed operands become live segments of their own. */
  segment(name: string, status: 'draft' | 'live', set: SetNode): Segment | undefined {
    const operands = [set.head, ...set.tail.map((t) => t.operand)];
    const combines: (Combine | undefined)[] = [undefined];
    for (const { op } of set.tail) {
      if (op.word === 'MINUS') this.problems.push(problemAt(op.loc, 'MINUS is not Dynamics syntax: write EXCEPT'));
      combines.push(SET_COMBINES[op.word] ?? 'exclude');
    }
    const items = this.attempt(() => this.all(operands, (operand) => this.operand(operand)));
    if (!items) return undefined;
    const base = { name, status, timeZone: 'UTC' } as const;
    const converted = items as OperandValue[];
    const only = converted[0]!;
    if (converted.length === 1 && only.kind === 'interaction') return { ...base, kind: 'interaction', query: only.query };
    if (converted.every((item) => item.kind === 'profile'))
      return {
        ...base,
        kind: 'profile',
        query: {
          groups: converted.map((item, i) => ({
            ...(combines[i] ? { combine: combines[i] } : {}),
            ...(item.kind === 'profile' && item.where ? { where: item.where } : {}),
          })),
        },
      };
    const steps = converted.map((item, i) => {
      let segment: string;
      if (item.kind === 'ref') segment = item.name;
      else {
        segment = this.freshName(name);
        this.segments.push(
          item.kind === 'interaction'
            ? { name: segment, status: 'live', timeZone: 'UTC', kind: 'interaction', query: item.query }
            : {
                name: segment,
                status: 'live',
                timeZone: 'UTC',
                kind: 'profile',
                query: { groups: [item.where ? { where: item.where } : {}] },
              },
        );
      }
      return { ...(combines[i] ? { combine: combines[i] } : {}), segment };
    });
    return { ...base, kind: 'compound', query: { steps } };
  }

  private operand(node: OperandNode): OperandValue {
    switch (node.kind) {
      case 'segment': {
        const name = matchName(node.name.text, this.definitionNames.values()) ?? node.name.text;
        if (!SEGMENT_NAME.test(name))
          refuse(node.name.loc, `"${name}" is not a segment name: names start with a letter and hold only A-Z, a-z, 0-9 and _`);
        return { kind: 'ref', name };
      }
      case 'bare':
        return refuse(node.loc, `a bare name "${node.name.text}" where SEGMENT(${node.name.text}) is meant`);
      case 'profile':
        return { kind: 'profile', where: this.chain(node) };
      case 'interaction':
        return { kind: 'interaction', query: this.interaction(node) };
    }
  }

  private entity(name: Name): string {
    return (
      matchName(name.text, Object.keys(this.catalog.entities)) ??
      refuse(name.loc, `unknown entity "${name.text}"${didYouMean(name.text, Object.keys(this.catalog.entities))}`)
    );
  }

  /** A PROFILE chain that ends at contact, as the condition it puts on contacts. */
  private chain(node: ProfileNode): Condition | undefined {
    let entity = this.entity(node.entity);
    const aliases = new Map<string, string>([[entity.toLowerCase(), entity]]);
    if (node.alias) aliases.set(node.alias.text.toLowerCase(), entity);
    let prefixes = new Set(aliases.keys());
    let parts: Condition[] = [];
    for (const step of node.steps) {
      if (step.kind === 'other') this.otherStep(step.name);
      else if (step.kind === 'filter') {
        const scope: Scope = {
          what: entity,
          fields: this.catalog.entities[entity]!.fields,
          prefixes,
          elsewhere: aliases,
          interaction: false,
        };
        const condition = this.attempt(() => this.condition(step.condition, scope));
        if (condition) parts.push(condition);
      } else {
        if (step.relationFilter)
          refuse(
            step.relationFilter,
            'a FILTER on a relationship has no Segment Studio meaning: filter the entity after the TRAVERSE instead',
          );
        const { relation, target, reverse } = this.traverse(entity, step.relation);
        const where = and(parts);
        parts = [{ related: entity, via: relation, ...(reverse ? { reverse: true } : {}), ...(where ? { where } : {}) }];
        entity = target;
        prefixes = new Set([target.toLowerCase(), ...(step.alias ? [step.alias.text.toLowerCase()] : [])]);
        for (const p of prefixes) if (!aliases.has(p)) aliases.set(p, target);
      }
    }
    if (entity !== CONTACT)
      refuse(node.loc, `this chain ends at ${entity}: it selects ${entity} records, not contacts; TRAVERSE to contact at the end`);
    // The filters of the last entity first, then what the chain carried to it.
    const carried = parts[0] && 'related' in parts[0] ? parts[0] : undefined;
    const filters = carried ? parts.slice(1) : parts;
    return and(carried ? [...filters, carried] : filters);
  }

  private otherStep(name: Name): never {
    return refuse(
      name.loc,
      NO_MEANING[name.text.toUpperCase()] ??
        `unknown step ${name.text}(…): a PROFILE takes .FILTER(…) and .TRAVERSE(…), an INTERACTION .FILTER(…) and .HAVING(…)`,
    );
  }

  private traverse(entity: string, name: Name): { relation: string; target: string; reverse: boolean } {
    const relation = findRelation(this.catalog, name.text);
    const touching = this.catalog.relations.filter((r) => r.from.entity === entity || r.to.entity === entity);
    if (!relation) {
      const names = touching.flatMap((r) => [relationshipName(r), r.name]);
      const hint =
        didYouMean(name.text, names) ||
        (touching.length
          ? `; relationships of ${entity}: ${touching.map(relationshipName).join(', ')}`
          : `; ${entity} has no relationships`);
      return refuse(name.loc, `unknown relationship "${name.text}"${hint}`);
    }
    if (relation.from.entity === entity) {
      // Following the lookup; on a relation from a table to itself, seen from the record pointed at.
      return { relation: relation.name, target: relation.to.entity, reverse: relation.to.entity === entity };
    }
    if (relation.to.entity === entity) return { relation: relation.name, target: relation.from.entity, reverse: false };
    return refuse(
      name.loc,
      `relationship ${relationshipName(relation)} links ${relation.from.entity} to ${relation.to.entity}; it does not lead from ${entity}`,
    );
  }

  private condition(node: ConditionNode, scope: Scope): Condition {
    switch (node.kind) {
      case 'and':
      case 'or': {
        const words = node.ops.filter((op) => op.word === 'AND');
        for (const op of words) this.problems.push(problemAt(op.loc, 'AND is not Dynamics syntax: write &&'));
        const items = this.all(node.items, (item) => this.condition(item, scope));
        if (words.length) throw new AlreadyReported();
        return node.kind === 'and' ? { and: items } : { or: items };
      }
      case 'not':
        return { not: this.condition(node.condition, scope) };
      case 'null': {
        const [field] = this.field(node.operand, scope);
        return { field, op: node.test === 'ISNULL' ? 'isNull' : 'isNotNull' };
      }
      case 'in':
        return refuse(
          node.loc,
          node.negated
            ? "NOT IN (…) is not Dynamics syntax: write f != 'a' && f != 'b'"
            : "IN (…) is not Dynamics syntax: write f == 'a' || f == 'b'",
        );
      case 'textCall':
        return refuse(node.loc, `function-form ${node.word}(…) is not Dynamics syntax: write field ${node.word} 'text'`);
      case 'bareCall':
        return this.call(node.call, `${node.call.name.text}(…) is not a condition: compare it with a value`);
      case 'text':
        return this.textCondition(node, scope);
      case 'compare':
        return this.compare(node, scope);
    }
  }

  private call(call: CallNode, otherwise: string): never {
    return refuse(call.loc, NO_MEANING[call.name.text.toUpperCase()] ?? otherwise);
  }

  /** Rejects what cannot stand on either side of a comparison. */
  private plain(expr: ExprNode): void {
    if (expr.kind === 'call') this.call(expr, `${expr.name.text}(…) has no Segment Studio meaning in a condition`);
    if (expr.kind === 'arithmetic') refuse(expr.loc, 'arithmetic has no Segment Studio meaning: compare a field with a value');
  }

  private field(expr: ExprNode, scope: Scope): [string, FieldType] {
    this.plain(expr);
    if (expr.kind !== 'field') return refuse(expr.loc, 'expected a field name here');
    if (expr.prefix) {
      const prefix = expr.prefix.text.toLowerCase();
      if (!scope.prefixes.has(prefix)) {
        const other = scope.elsewhere.get(prefix);
        refuse(
          expr.prefix.loc,
          other
            ? `${expr.prefix.text} is ${other}, but this FILTER is on ${scope.what}: a condition reads the fields of its own entity`
            : `unknown alias "${expr.prefix.text}"; here the fields are those of ${scope.what}${didYouMean(expr.prefix.text, scope.prefixes)}`,
        );
      }
    }
    const names = Object.keys(scope.fields);
    const name =
      matchName(expr.name.text, names) ??
      refuse(expr.name.loc, `unknown field "${expr.name.text}" of ${scope.what}${didYouMean(expr.name.text, names)}`);
    return [name, scope.fields[name]!];
  }

  private textCondition(node: Extract<ConditionNode, { kind: 'text' }>, scope: Scope): Condition {
    const [field, type] = this.field(node.left, scope);
    this.plain(node.right);
    if (node.right.kind !== 'string') return refuse(node.right.loc, `${node.op.word} takes a quoted text such as 'abc'`);
    const value = node.right.value;
    if (type === 'textList' && node.op.word === 'CONTAINS') return { field, op: 'containsAny', value: [value] };
    if (type !== 'text') return refuse(node.op.loc, `${node.op.word} applies to text fields; ${field} is a ${type} field`);
    return { field, op: TEXT_OPS[node.op.word] as 'contains', value };
  }

  private compare(node: Extract<ConditionNode, { kind: 'compare' }>, scope: Scope): Condition {
    this.plain(node.left);
    this.plain(node.right);
    if (node.op.op === '=') refuse(node.op.loc, "'=' is not a Dynamics comparison: write ==");
    if (node.op.op === '<>') refuse(node.op.loc, "'<>' is not a Dynamics comparison: write !=");
    let { left, right } = node;
    let op = node.op.op;
    if (left.kind === 'field' && right.kind === 'field')
      refuse(node.loc, 'a field compared with a field has no Segment Studio meaning: compare a field with a value');
    if (left.kind !== 'field' && right.kind === 'field') {
      [left, right] = [right, left];
      op = MIRRORED[op]!;
    }
    const [field, type] = this.field(left, scope);
    if (right.kind === 'null-literal')
      refuse(right.loc, `a comparison with NULL has no meaning: write ${op === '!=' ? 'ISNOTNULL' : 'ISNULL'}(${field})`);
    const value = right;
    switch (type) {
      case 'boolean':
        if (value.kind !== 'boolean') return refuse(value.loc, `${field} is a yes/no field: compare it with True or False`);
        if (op !== '==')
          return refuse(node.op.loc, `write ${field} == ${value.value ? 'False' : 'True'}: a yes/no field is compared with ==`);
        return { field, op: value.value ? 'isTrue' : 'isFalse' };
      case 'number':
        if (value.kind !== 'number') return refuse(value.loc, `${field} is a number field: compare it with a number without quotes`);
        return { field, op: NUMBER_OPS[op] as 'eq', value: value.value };
      case 'text':
        if (value.kind !== 'string' && value.kind !== 'number')
          return refuse(value.loc, `${field} is a text field: compare it with a quoted text`);
        if (op !== '==' && op !== '!=')
          return refuse(node.op.loc, `text fields are compared with == or != (or CONTAINS, STARTSWITH, ENDSWITH), not ${op}`);
        return { field, op: op === '==' ? 'eq' : 'neq', value: value.kind === 'string' ? value.value : value.text };
      case 'date':
      case 'timestamp': {
        if (value.kind !== 'string' || !isDay(value.value))
          return refuse(value.loc, `${field} is a date: compare it with a date written 'YYYY-MM-DD'`);
        if (op === '!=')
          return {
            or: [
              { field, op: 'before', value: value.value },
              { field, op: 'after', value: value.value },
            ],
          };
        return { field, op: DAY_OPS[op] as 'on', value: value.value };
      }
      case 'textList':
        return refuse(node.op.loc, `${field} is a multi-option field: write ${field} CONTAINS 'value'`);
      default:
        return refuse(left.loc, `${field} holds values Segment Studio cannot compare`);
    }
  }

  private interaction(node: InteractionNode): InteractionQuery {
    const types = Object.keys(this.catalog.interactions.types);
    const interaction =
      matchName(node.type.text, types) ??
      refuse(node.type.loc, `unknown interaction type "${node.type.text}"${didYouMean(node.type.text, types)}`);
    const type = this.catalog.interactions.types[interaction]!;
    const relation = this.link(interaction, node.link);
    const scope: Scope = {
      what: interaction,
      fields: type.fields,
      prefixes: new Set([interaction.toLowerCase()]),
      elsewhere: new Map(),
      interaction: true,
    };
    const filters: Condition[] = [];
    let having: HavingNode | undefined;
    for (const step of node.steps) {
      if (step.kind === 'other') this.otherStep(step.name);
      else if (step.kind === 'filter') filters.push(...this.all([step.condition], (c) => this.condition(c, scope)));
      else if (having) refuse(step.loc, 'an INTERACTION takes one HAVING');
      else having = step;
    }
    const where = and(filters);
    const test = having ? this.having(having, type.fields, interaction) : { count: { op: 'atLeast', value: 1 } as CountTest };
    return { interaction, relation, ...(where ? { where } : {}), ...test };
  }

  private link(interaction: string, name: Name): string {
    const links = this.catalog.interactions.types[interaction]!.links;
    const word = name.text;
    const prefix = `${interaction.toLowerCase()}_`;
    let column = word;
    if (word.toLowerCase() === `${prefix}contactlink`) column = CONTACT_LINK;
    else if (word.toLowerCase().startsWith(prefix)) column = word.slice(prefix.length);
    const link = matchName(column, links);
    if (link) return link;
    const known = links.map((l) => linkName(interaction, l));
    const fields = Object.keys(this.catalog.interactions.types[interaction]!.fields);
    if (matchName(column, fields))
      return refuse(name.loc, `${column} is a field of ${interaction}, not a link to contacts; links: ${known.join(', ')}`);
    return refuse(
      name.loc,
      `"${word}" is not a link of ${interaction} to contacts${didYouMean(word, known) || `; links: ${known.join(', ') || 'none'}`}`,
    );
  }

  private having(node: HavingNode, fields: Fields, interaction: string): { count: CountTest; measure?: Measure; window?: Window } {
    const window = node.window ? this.window(node.window) : undefined;
    const withWindow = <T extends object>(value: T) => (window ? { ...value, window } : value);
    const left = node.left;
    if (left.kind !== 'call')
      return refuse(left.loc, 'HAVING compares COUNT(), SUM(field), AVG(field), MIN(field) or MAX(field) with a number');
    const fn = left.name.text.toUpperCase();
    const right = node.right;
    this.plain(right);
    if (right.kind !== 'number') return refuse(right.loc, 'HAVING compares with a number');
    const n = right.value;
    const op = node.op.op;
    if (op === '=' || op === '<>') refuse(node.op.loc, `'${op}' is not a Dynamics comparison: write ${op === '=' ? '==' : '!='}`);
    if (fn === 'COUNT') {
      if (left.args.length) refuse(left.args[0]!.loc, 'COUNT() takes no field');
      if (!Number.isInteger(n) || n < 0) refuse(right.loc, `${COUNT_RULE}: COUNT() is compared with a whole number of 0 or more`);
      const count = (c: CountTest) => withWindow({ count: c });
      switch (op) {
        case '>':
          return count({ op: 'atLeast', value: n + 1 });
        case '>=':
          return count({ op: 'atLeast', value: Math.max(n, 1) });
        case '==':
          if (n === 0)
            return refuse(
              left.loc,
              `${COUNT_RULE}: INTERACTION selects only contacts with at least one such interaction; write all contacts EXCEPT the ones who did`,
            );
          return count({ op: 'exactly', value: n });
        case '!=':
          return refuse(node.op.loc, `${COUNT_RULE}: write the contacts with COUNT() == n EXCEPTed from the others instead`);
        case '<':
          if (n <= 1)
            return refuse(node.loc, `COUNT() < ${n} selects nobody: INTERACTION selects only contacts with at least one such interaction`);
          return count({ op: 'between', value: [1, n - 1] });
        default:
          if (n === 0)
            return refuse(node.loc, 'COUNT() <= 0 selects nobody: INTERACTION selects only contacts with at least one such interaction');
          return count({ op: 'between', value: [1, n] });
      }
    }
    if (fn === 'SUM' || fn === 'AVG' || fn === 'MIN' || fn === 'MAX') {
      const arg = left.args[0];
      if (!arg || left.args.length > 1) return refuse(left.loc, `${fn}(…) takes one number field of ${interaction}`);
      const scope: Scope = {
        what: interaction,
        fields,
        prefixes: new Set([interaction.toLowerCase()]),
        elsewhere: new Map(),
        interaction: true,
      };
      const [field, type] = this.field(arg, scope);
      if (type !== 'number') refuse(arg.loc, `${fn} needs a number field; ${field} is a ${type} field`);
      const test = MEASURE_TESTS[op] ?? refuse(node.op.loc, `${fn}(…) is compared with >=, <= or ==, not ${op}`);
      return withWindow({ count: { op: test, value: n }, measure: { agg: fn.toLowerCase() as 'sum', field } });
    }
    if (fn === 'COUNTDISTINCT') return refuse(left.loc, 'COUNTDISTINCT is not a Dynamics aggregate: use COUNT(), SUM, AVG, MIN or MAX');
    return refuse(left.loc, `${left.name.text}(…) is not an aggregate: use COUNT(), SUM, AVG, MIN or MAX`);
  }

  private window(expr: ExprNode): Window {
    if (expr.kind !== 'call') return refuse(expr.loc, 'the window is UTCDAYS(n), UTCMONTHS(n) or UTCYEARS(n)');
    const fn = expr.name.text.toUpperCase();
    const unit = WINDOW_UNITS[fn];
    if (!unit)
      return refuse(
        expr.loc,
        fn === 'UTCWEEKS'
          ? 'UTCWEEKS is not Dynamics: write UTCDAYS(7 × n)'
          : `${expr.name.text}(…) is not a window: use UTCDAYS(n), UTCMONTHS(n) or UTCYEARS(n)`,
      );
    const arg = expr.args[0];
    if (expr.args.length !== 1 || arg?.kind !== 'number' || !Number.isInteger(arg.value) || arg.value < 1)
      return refuse(arg?.loc ?? expr.loc, `${fn} takes one whole number of 1 or more`);
    return { last: arg.value, unit };
  }
}

type OperandValue =
  { kind: 'ref'; name: string } | { kind: 'profile'; where: Condition | undefined } | { kind: 'interaction'; query: InteractionQuery };

function definitionNames(definitions: readonly DefinitionNode[], name: string, problems: DynamicsProblem[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const d of definitions) {
    const text = d.name.text;
    if (!SEGMENT_NAME.test(text))
      problems.push(problemAt(d.name.loc, `"${text}" is not a segment name: names start with a letter and hold only A-Z, a-z, 0-9 and _`));
    else if (names.has(text.toLowerCase())) problems.push(problemAt(d.name.loc, `${text} is defined twice`));
    else if (text.toLowerCase() === name.toLowerCase())
      problems.push(problemAt(d.name.loc, `${text} is also the name of the imported segment: choose another name for the import`));
    else names.set(text.toLowerCase(), text);
  }
  return names;
}

/** Imports the text as the segment `name` (a draft) and its named definitions (live). */
export function importDynamics(text: string, catalog: Catalog, options: { name?: string } = {}): DynamicsImport {
  const name = options.name ?? DEFAULT_IMPORT_NAME;
  if (text.trim() === '')
    return {
      ok: false,
      problems: [{ line: 1, column: 1, message: 'the text is empty: paste a Dynamics segment query such as PROFILE(contact)' }],
    };
  const parsed = parseQuery(text);
  if (!parsed.ok) return parsed;
  const problems: DynamicsProblem[] = [...parsed.notes];
  const { definitions, expression } = parsed.query;
  const names = definitionNames(definitions, name, problems);
  const importer = new Importer(catalog, names);
  importer.reserve(name);
  const defined: Segment[] = [];
  for (const d of definitions) {
    if (names.get(d.name.text.toLowerCase()) !== d.name.text) continue;
    const segment = importer.segment(d.name.text, 'live', d.body);
    if (segment) defined.push(segment);
  }
  let segment: Segment | undefined;
  if (expression) segment = importer.segment(name, 'draft', expression);
  else {
    const last = definitions.at(-1)!;
    problems.push(
      problemAt(last.loc, `the named definitions must be followed by a set expression that uses them, such as SEGMENT(${last.name.text})`),
    );
  }
  problems.push(...importer.problems);
  // A TRAVERSE chain nests a related condition per step; past the library's limit the segment
  // could not be validated or previewed, so it is refused here, at the query.
  const made = [...importer.segments, ...defined, ...(segment ? [segment] : [])];
  if (!problems.length && tooDeep({ segments: made }).length) {
    const at = expression?.loc ?? definitions[0]!.loc;
    problems.push(
      problemAt(
        at,
        `this query nests more than ${MAX_CONDITION_DEPTH} levels deep (conditions and TRAVERSE steps); the library takes at most that`,
      ),
    );
  }
  if (problems.length || !segment) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, segment, definitions: [...importer.segments, ...defined] };
}
