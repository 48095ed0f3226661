/** Field clauses as the designer builds them: sensible defaults, and values kept when the operator changes. */
import type { FieldType } from '../../engine/catalog';
import { VALUELESS_OPS, type FieldClause, type Operator, type RelativeSpan } from '../../engine/library-schema';
import { OPERATORS_BY_TYPE } from '../../engine/validate-library';

export const LIST_VALUE_OPS: readonly string[] = ['in', 'notIn', 'containsAny', 'containsAll', 'containsNone'];
export const RELATIVE_OPS: readonly string[] = ['inLast', 'notInLast'];
export const DEFAULT_SPAN: RelativeSpan = { n: 30, unit: 'day' };

export function operatorsFor(type: FieldType | undefined): Operator[] {
  return [...(OPERATORS_BY_TYPE[type ?? 'other'] ?? OPERATORS_BY_TYPE.other)] as Operator[];
}

const DEFAULT_OPERATOR: Record<FieldType, Operator> = {
  text: 'eq',
  number: 'eq',
  boolean: 'isTrue',
  date: 'inLast',
  timestamp: 'inLast',
  textList: 'containsAny',
  other: 'isNotNull',
};

export function newClause(field: string, type: FieldType | undefined): FieldClause {
  const op = DEFAULT_OPERATOR[type ?? 'other'];
  return RELATIVE_OPS.includes(op) ? { field, op, value: { ...DEFAULT_SPAN } } : { field, op };
}

function isSpan(value: unknown): value is RelativeSpan {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'n' in value && 'unit' in value;
}

function scalarOf(value: unknown): unknown {
  if (Array.isArray(value)) return value[0];
  return isSpan(value) ? undefined : value;
}

function withValue(clause: FieldClause, op: Operator, value: unknown): FieldClause {
  return value === undefined || value === '' ? { field: clause.field, op } : { field: clause.field, op, value };
}

/** A new operator keeps what it can of the value: a scalar becomes a one-item list and back, a pair starts at the scalar. */
export function changeOperator(clause: FieldClause, op: Operator): FieldClause {
  if (VALUELESS_OPS.includes(op)) return { field: clause.field, op };
  const value = clause.value;
  if (RELATIVE_OPS.includes(op)) return withValue(clause, op, isSpan(value) ? value : { ...DEFAULT_SPAN });
  if (LIST_VALUE_OPS.includes(op)) {
    const list = Array.isArray(value) ? value : scalarOf(value) === undefined ? [] : [scalarOf(value)];
    const items = list.filter((v) => v !== undefined && v !== null && v !== '');
    return withValue(clause, op, items.length ? items : undefined);
  }
  if (op === 'between') {
    if (Array.isArray(value) && value.length === 2 && !LIST_VALUE_OPS.includes(clause.op)) return withValue(clause, op, value);
    const start = scalarOf(value);
    return withValue(clause, op, start === undefined ? undefined : [start, start]);
  }
  return withValue(clause, op, scalarOf(value));
}

/** A new field keeps operator and value when its type is the same; otherwise it starts afresh. */
export function changeField(
  clause: FieldClause,
  field: string,
  oldType: FieldType | undefined,
  newType: FieldType | undefined,
): FieldClause {
  if (oldType === newType && operatorsFor(newType).includes(clause.op)) return { ...clause, field };
  return newClause(field, newType);
}

export function setValue(clause: FieldClause, value: unknown): FieldClause {
  return withValue(clause, clause.op, value);
}
