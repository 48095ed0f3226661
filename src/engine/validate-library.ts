/**
 * Checks a parsed library against the loaded data (SPEC §3): names, references, fields,
 * operators and values. Every problem names the segment and the JSON path of the node.
 */
import { CONTACT, defaultLink, own, resolveRelation, type Catalog, type FieldType, type Fields } from './catalog';
import {
  BOOLEAN_OPS,
  DATE_OPS,
  LIST_OPS,
  MAX_CONDITION_DEPTH,
  NULL_OPS,
  NUMBER_OPS,
  RelativeSpan,
  TEXT_OPS,
  tooDeepMessage,
  VALUELESS_OPS,
  type Condition,
  type CountTest,
  type FieldClause,
  type InteractionQuery,
  type Library,
  type Segment,
  type Window,
} from './library-schema';
import { formatPath, type PathSegment, type Problem } from './problems';
import { didYouMean } from './suggest';
import { referenceCycles } from './segment-order';
import { isValidTimeZone, parseDateValue, type DateValue } from './time';

export const OPERATORS_BY_TYPE: Record<FieldType, readonly string[]> = {
  text: [...TEXT_OPS, ...NULL_OPS],
  number: [...NUMBER_OPS, ...NULL_OPS],
  boolean: [...BOOLEAN_OPS, ...NULL_OPS],
  date: [...DATE_OPS, ...NULL_OPS],
  timestamp: [...DATE_OPS, ...NULL_OPS],
  textList: [...LIST_OPS, ...NULL_OPS],
  other: [...NULL_OPS],
};

type Path = readonly PathSegment[];

interface Scope {
  readonly fields: Fields;
  /** Profile entity name; absent inside an interaction's restrictions. */
  readonly entity?: string;
  readonly description: string;
}

class Validator {
  readonly problems: Problem[] = [];
  private segmentName: string | undefined;
  /** How many conditions enclose the one being checked (see MAX_CONDITION_DEPTH). */
  private depth = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly library: Library,
  ) {}

  private report(path: Path, message: string): void {
    this.problems.push({ ...(this.segmentName ? { segment: this.segmentName } : {}), path: formatPath(path), message });
  }

  library_(): void {
    const seen = new Map<string, string>();
    this.library.segments.forEach((segment, index) => {
      this.segmentName = segment.name;
      const lower = segment.name.toLowerCase();
      const earlier = seen.get(lower);
      if (earlier !== undefined)
        this.report(['segments', index, 'name'], `the name is already used by segment "${earlier}" (names are unique ignoring case)`);
      else seen.set(lower, segment.name);
      this.segment(segment, ['segments', index]);
    });
    this.segmentName = undefined;
    this.cycles();
  }

  segment(segment: Segment, path: Path): void {
    this.segmentName = segment.name;
    if (!isValidTimeZone(segment.timeZone))
      this.report([...path, 'timeZone'], `"${segment.timeZone}" is not an IANA time zone such as "Europe/Paris"`);
    switch (segment.kind) {
      case 'profile':
        segment.query.groups.forEach((group, i) => {
          const groupPath = [...path, 'query', 'groups', i];
          this.combine(group.combine, i, groupPath, 'group');
          if (group.where) this.condition(group.where, this.contactScope(), [...groupPath, 'where']);
        });
        break;
      case 'interaction':
        this.interaction(segment.query, [...path, 'query']);
        break;
      case 'compound':
        segment.query.steps.forEach((step, i) => {
          const stepPath = [...path, 'query', 'steps', i];
          this.combine(step.combine, i, stepPath, 'step');
          this.reference(step.segment, [...stepPath, 'segment']);
        });
        break;
      case 'static':
        segment.members.forEach((member, i) => {
          if (member.includes('\0')) this.report([...path, 'members', i], 'a member key cannot contain a NUL character');
        });
        break;
    }
  }

  private combine(combine: string | undefined, index: number, path: Path, what: string): void {
    if (index === 0 && combine !== undefined) this.report([...path, 'combine'], `the first ${what} takes no "combine"`);
    if (index > 0 && combine === undefined)
      this.report(path, `every ${what} after the first needs "combine": "union", "intersect" or "exclude"`);
  }

  private reference(name: string, path: Path): void {
    const target = this.library.segments.find((s) => s.name === name);
    if (!target) {
      this.report(
        path,
        `unknown segment "${name}"${didYouMean(
          name,
          this.library.segments.map((s) => s.name),
        )}`,
      );
    } else if (target.status !== 'live') {
      this.report(path, `segment "${name}" is ${target.status}; a compound segment may only use live segments`);
    }
  }

  private cycles(): void {
    const byName = new Map(this.library.segments.map((s, i) => [s.name, { segment: s, index: i }]));
    const roots = this.library.segments.map((s) => s.name);
    for (const cycle of referenceCycles(roots, (name) => byName.get(name)?.segment)) {
      this.segmentName = cycle.at;
      this.report(
        ['segments', byName.get(cycle.at)!.index, 'query', 'steps'],
        `segments refer to each other in a cycle: ${cycle.names.join(' → ')}`,
      );
    }
    this.segmentName = undefined;
  }

  private contactScope(): Scope {
    return { fields: own(this.catalog.entities, CONTACT)?.fields ?? {}, entity: CONTACT, description: 'contact' };
  }

  condition(condition: Condition, scope: Scope, path: Path): void {
    if (this.depth >= MAX_CONDITION_DEPTH) {
      this.report(path, tooDeepMessage());
      return;
    }
    this.depth++;
    try {
      this.conditionForm(condition, scope, path);
    } finally {
      this.depth--;
    }
  }

  private conditionForm(condition: Condition, scope: Scope, path: Path): void {
    if ('and' in condition) condition.and.forEach((c, i) => this.condition(c, scope, [...path, 'and', i]));
    else if ('or' in condition) condition.or.forEach((c, i) => this.condition(c, scope, [...path, 'or', i]));
    else if ('not' in condition) this.condition(condition.not, scope, [...path, 'not']);
    else if ('field' in condition) this.fieldClause(condition, scope, path);
    else if ('related' in condition) this.related(condition, scope, path);
    else if (scope.entity !== CONTACT) {
      this.report([...path, 'interaction'], `an interaction condition applies to contacts only, not to ${scope.description}`);
    } else this.interaction(condition, path);
  }

  private related(condition: Extract<Condition, { related: string }>, scope: Scope, path: Path): void {
    if (scope.entity === undefined) {
      this.report([...path, 'related'], `related conditions apply to profile entities, not to ${scope.description}`);
      return;
    }
    const target = own(this.catalog.entities, condition.related);
    if (!target) {
      this.report(
        [...path, 'related'],
        `unknown entity "${condition.related}"${didYouMean(condition.related, Object.keys(this.catalog.entities))}`,
      );
      return;
    }
    const relation = this.catalog.relations.find((r) => r.name === condition.via);
    if (!relation) {
      const linking = this.catalog.relations.filter(
        (r) =>
          (r.from.entity === scope.entity && r.to.entity === condition.related) ||
          (r.to.entity === scope.entity && r.from.entity === condition.related),
      );
      const candidates = (linking.length ? linking : this.catalog.relations).map((r) => r.name);
      this.report(
        [...path, 'via'],
        `unknown relation "${condition.via}"${didYouMean(condition.via, candidates) || (linking.length ? `; relations between ${scope.entity} and ${condition.related}: ${candidates.join(', ')}` : '')}`,
      );
      return;
    }
    const resolved = resolveRelation(relation, scope.entity, condition.related, condition.reverse);
    if (!resolved.ok) {
      this.report([...path, resolved.at], resolved.problem);
      if (resolved.at === 'via') return;
    }
    if (condition.where) {
      this.condition(condition.where, { fields: target.fields, entity: condition.related, description: condition.related }, [
        ...path,
        'where',
      ]);
    }
  }

  interaction(query: InteractionQuery, path: Path): void {
    const types = this.catalog.interactions.types;
    const type = own(types, query.interaction);
    if (!type) {
      this.report(
        [...path, 'interaction'],
        `unknown interaction type "${query.interaction}"${didYouMean(query.interaction, Object.keys(types))}`,
      );
      return;
    }
    if (query.relation !== undefined && !type.links.includes(query.relation)) {
      this.report(
        [...path, 'relation'],
        `"${query.relation}" is not a contact link of ${query.interaction}${didYouMean(query.relation, type.links)} (links: ${type.links.join(', ') || 'none'})`,
      );
    }
    if (query.relation === undefined && defaultLink(type) === undefined) {
      this.report(
        path,
        `${query.interaction} has several contact links (${type.links.join(', ')}) and none is ContactId: choose one with "relation"`,
      );
    }
    const scope: Scope = { fields: type.fields, description: `${query.interaction} interactions` };
    if (query.where) this.condition(query.where, scope, [...path, 'where']);
    if (query.window) this.window(query.window, [...path, 'window']);
    const agg = query.measure?.agg ?? 'count';
    if (query.measure && query.measure.agg !== 'count') {
      const field = query.measure.field;
      const fieldType = own(type.fields, field);
      if (!fieldType)
        this.report(
          [...path, 'measure', 'field'],
          `unknown field "${field}" on ${query.interaction}${didYouMean(field, Object.keys(type.fields))}`,
        );
      else if (agg !== 'countDistinct' && fieldType !== 'number')
        this.report([...path, 'measure', 'field'], `${agg} needs a numeric field; "${field}" is ${fieldType}`);
    }
    if (query.count) this.count(query.count, agg === 'count' || agg === 'countDistinct', [...path, 'count', 'value']);
  }

  private count(count: CountTest, isCount: boolean, path: Path): void {
    const values = count.op === 'between' ? count.value : [count.value];
    if (!values.every(Number.isFinite)) this.report(path, 'the count needs finite numbers');
    if (isCount && !values.every((v) => Number.isInteger(v) && v >= 0))
      this.report(path, 'a count compares with whole numbers of 0 or more');
    if (count.op === 'between' && count.value[0] > count.value[1])
      this.report(path, `between needs its first value not above the second: [${count.value.join(', ')}]`);
  }

  private window(window: Window, path: Path): void {
    if ('last' in window) return;
    if (window.from === undefined && window.to === undefined) {
      this.report(path, 'a window needs "last" and "unit", or "from" and/or "to"');
      return;
    }
    const parsed: Partial<Record<'from' | 'to', DateValue>> = {};
    for (const end of ['from', 'to'] as const) {
      if (window[end] === undefined) continue;
      const value = parseDateValue(window[end]);
      if (typeof value === 'string') this.report([...path, end], value);
      else parsed[end] = value;
    }
    if (parsed.from && parsed.to && comparable(parsed.from) > comparable(parsed.to))
      this.report(path, `"from" ${window.from} is after "to" ${window.to}`);
  }

  private fieldClause(clause: FieldClause, scope: Scope, path: Path): void {
    const type = own(scope.fields, clause.field);
    if (!type) {
      this.report(
        [...path, 'field'],
        `unknown field "${clause.field}" on ${scope.description}${didYouMean(clause.field, Object.keys(scope.fields))}`,
      );
      return;
    }
    const allowed = OPERATORS_BY_TYPE[type];
    if (!allowed.includes(clause.op)) {
      this.report(
        [...path, 'op'],
        `operator "${clause.op}" does not apply to the ${describeType(type)} field "${clause.field}"; use one of ${allowed.join(', ')}`,
      );
      return;
    }
    const valuePath = [...path, 'value'];
    if (VALUELESS_OPS.includes(clause.op)) {
      if ('value' in clause && clause.value !== undefined) this.report(valuePath, `operator "${clause.op}" takes no value`);
      return;
    }
    if (!('value' in clause) || clause.value === undefined) {
      this.report(valuePath, `operator "${clause.op}" needs a value`);
      return;
    }
    const problem = valueProblem(type, clause.op, clause.value);
    if (problem) this.report(valuePath, problem);
  }
}

function describeType(type: FieldType): string {
  return type === 'textList' ? 'list-of-text' : type === 'other' ? 'unsupported-type' : type;
}

function comparable(value: DateValue): number {
  return value.kind === 'date' ? Date.parse(`${value.date}T00:00:00Z`) : value.instant;
}

const isText = (v: unknown): v is string => typeof v === 'string' && !v.includes('\0');
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function listProblem(value: unknown, check: (v: unknown) => boolean, what: string): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return `expected a non-empty list of ${what}`;
  const bad = value.findIndex((v) => !check(v));
  return bad >= 0 ? `item ${bad} of the list is ${JSON.stringify(value[bad])}, not ${what.replace(/s$/, '')}` : undefined;
}

function pairProblem(
  value: unknown,
  check: (v: unknown) => string | undefined,
  after: (a: unknown, b: unknown) => boolean,
): string | undefined {
  if (!Array.isArray(value) || value.length !== 2) return 'between needs two values [from, to]';
  const itemProblem = check(value[0]) ?? check(value[1]);
  if (itemProblem) return itemProblem;
  return after(value[0], value[1]) ? `between needs its first value not after the second: ${JSON.stringify(value)}` : undefined;
}

function dateProblem(value: unknown): string | undefined {
  const parsed = parseDateValue(value);
  return typeof parsed === 'string' ? parsed : undefined;
}

function valueProblem(type: FieldType, op: string, value: unknown): string | undefined {
  if (op === 'in' || op === 'notIn') {
    return type === 'number' ? listProblem(value, isNumber, 'numbers') : listProblem(value, isText, 'text values');
  }
  switch (type) {
    case 'text':
      return isText(value) ? undefined : `expected a text value, got ${JSON.stringify(value)}`;
    case 'number':
      if (op === 'between') {
        return pairProblem(
          value,
          (v) => (isNumber(v) ? undefined : `expected a number, got ${JSON.stringify(v)}`),
          (a, b) => (a as number) > (b as number),
        );
      }
      return isNumber(value) ? undefined : `expected a number, got ${JSON.stringify(value)}`;
    case 'textList':
      return listProblem(value, isText, 'text values');
    case 'date':
    case 'timestamp': {
      if (op === 'inLast' || op === 'notInLast') {
        const span = RelativeSpan.safeParse(value);
        return span.success
          ? undefined
          : `expected { "n": a whole number above 0, "unit": "day" | "week" | "month" | "year" }, got ${JSON.stringify(value)}`;
      }
      if (op === 'between') {
        return pairProblem(
          value,
          dateProblem,
          (a, b) => comparable(parseDateValue(a) as DateValue) > comparable(parseDateValue(b) as DateValue),
        );
      }
      return dateProblem(value);
    }
    default:
      return undefined;
  }
}

export function validateLibrary(library: Library, catalog: Catalog): Problem[] {
  const validator = new Validator(catalog, library);
  validator.library_();
  return validator.problems;
}

/** Problems of one segment in the context of its library (for "Go live" in the designer). */
export function validateSegment(segment: Segment, library: Library, catalog: Catalog): Problem[] {
  const validator = new Validator(catalog, library);
  validator.segment(segment, []);
  return validator.problems;
}
