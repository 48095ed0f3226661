/**
 * Checks a trace part by part against the reference evaluator: the verdict of every segment,
 * group, step and condition, and the measure of every interaction part. Returns the first
 * disagreement as text, with the path to the part.
 */
import type { ConditionTrace, InteractionTrace, Trace } from '../../src/engine/explain/trace';
import type { Condition, InteractionQuery, Library } from '../../src/engine/library-schema';
import type { ReferenceEvaluator } from '../reference/reference-evaluator';

export class TraceChecker {
  constructor(
    private readonly reference: ReferenceEvaluator,
    private readonly library: Library,
    private readonly contact: string,
  ) {}

  segment(name: string, trace: Trace, path = name): string | undefined {
    const segment = this.library.segments.find((s) => s.name === name)!;
    const expected = this.reference.members(name).has(this.contact);
    if (trace.holds !== expected) return `${path}: holds ${trace.holds}, the reference says ${expected}`;
    if (segment.kind === 'profile' && trace.kind === 'profile') {
      for (const [i, group] of segment.query.groups.entries()) {
        const part = trace.groups[i]!;
        if (group.where === undefined) {
          if (!part.holds) return `${path}.groups[${i}]: a group without where holds for everyone`;
          continue;
        }
        const problem = this.condition(group.where, part.where!, 'contact', this.contact, segment.timeZone, `${path}.groups[${i}].where`);
        if (problem) return problem;
        if (part.holds !== part.where!.holds) return `${path}.groups[${i}]: holds ${part.holds} but its where ${part.where!.holds}`;
      }
      return undefined;
    }
    if (segment.kind === 'interaction' && trace.kind === 'interaction')
      return this.interaction(segment.query, trace, this.contact, segment.timeZone, path);
    if (segment.kind === 'compound' && trace.kind === 'compound') {
      for (const [i, step] of segment.query.steps.entries()) {
        const problem = this.segment(step.segment, trace.steps[i]!.trace, `${path}.steps[${i}](${step.segment})`);
        if (problem) return problem;
      }
      return undefined;
    }
    if (segment.kind === 'static' && trace.kind === 'static') return undefined;
    return `${path}: a ${trace.kind} trace for a ${segment.kind} segment`;
  }

  private condition(
    condition: Condition,
    trace: ConditionTrace,
    entity: string,
    key: string,
    zone: string,
    path: string,
  ): string | undefined {
    const expected = this.reference.conditionHolds(condition, entity, key, zone);
    if (trace.holds !== expected) return `${path} on ${entity} ${key}: holds ${trace.holds}, the reference says ${expected}`;
    const children = (conditions: readonly Condition[], traces: readonly ConditionTrace[], form: string) => {
      for (const [i, c] of conditions.entries()) {
        const problem = this.condition(c, traces[i]!, entity, key, zone, `${path}.${form}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    };
    if ('and' in condition && 'and' in trace) return children(condition.and, trace.and, 'and');
    if ('or' in condition && 'or' in trace) return children(condition.or, trace.or, 'or');
    if ('not' in condition && 'not' in trace) return this.condition(condition.not, trace.not, entity, key, zone, `${path}.not`);
    if ('field' in condition && 'field' in trace) return undefined;
    if ('related' in condition && 'related' in trace) {
      if (trace.holds !== trace.total > 0) return `${path}: holds ${trace.holds} with ${trace.total} matches`;
      if (condition.where && trace.record !== undefined)
        return this.condition(condition.where, trace.where!, condition.related, trace.record, zone, `${path}.where`);
      return undefined;
    }
    if ('interaction' in condition && 'interaction' in trace) return this.interaction(condition, trace, key, zone, path);
    return `${path}: the trace does not have the condition's shape`;
  }

  private interaction(query: InteractionQuery, trace: InteractionTrace, contact: string, zone: string, path: string): string | undefined {
    const { value, total } = this.reference.interactionMeasure(query, contact, zone);
    const same =
      value === undefined
        ? trace.value === null
        : trace.value !== null && Math.abs(trace.value - value) <= 1e-9 * Math.max(1, Math.abs(value));
    if (!same || trace.total !== total)
      return `${path}: value ${trace.value} over ${trace.total} interactions, the reference ${value} over ${total}`;
    if (trace.interactions.length !== Math.min(total, 20)) return `${path}: lists ${trace.interactions.length} of ${total} interactions`;
    return undefined;
  }
}
