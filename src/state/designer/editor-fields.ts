/**
 * What the field picker offers in a scope: the scope's own fields, the entities related to it
 * (through any relation, either direction) and, on contacts, every interaction type.
 */
import { CONTACT, defaultLink, relationStepsFrom, type Catalog, type FieldType, type Fields } from '../../engine/catalog';
import { countOf } from '../../engine/describe/operator-labels';
import type { Condition } from '../../engine/library-schema';
import { newClause } from './editor-clause';

/** The record a condition is about: a profile entity, or one interaction of a type. */
export type EditorScope = { readonly entity: string } | { readonly interaction: string };

export type PickerChoice =
  | { readonly kind: 'field'; readonly field: string; readonly type: FieldType }
  | { readonly kind: 'related'; readonly entity: string; readonly via: string; readonly reverse: boolean }
  | { readonly kind: 'interaction'; readonly type: string };

export interface PickerOption {
  readonly value: string;
  readonly label: string;
  readonly detail: string;
  readonly group: string;
  readonly choice: PickerChoice;
}

export const INTERACTIONS_HEADING = 'Interactions';
export const RELATED_HEADING = 'Related entities';

export function scopeFields(catalog: Catalog, scope: EditorScope): Fields {
  return ('entity' in scope ? catalog.entities[scope.entity]?.fields : catalog.interactions.types[scope.interaction]?.fields) ?? {};
}

export function scopeName(scope: EditorScope): string {
  return 'entity' in scope ? scope.entity : scope.interaction;
}

const TYPE_NAMES: Record<FieldType, string> = {
  text: 'text',
  number: 'number',
  boolean: 'yes/no',
  date: 'date',
  timestamp: 'date and time',
  textList: 'multi-option list',
  other: 'other',
};

export function typeName(type: FieldType | undefined): string {
  return type ? TYPE_NAMES[type] : 'unknown field';
}

export function fieldOptions(catalog: Catalog, scope: EditorScope): PickerOption[] {
  const group = 'entity' in scope ? `${scope.entity} fields` : `${scope.interaction} fields`;
  return Object.entries(scopeFields(catalog, scope)).map(([field, type]) => ({
    value: `field:${field}`,
    label: field,
    detail: TYPE_NAMES[type],
    group,
    choice: { kind: 'field', field, type },
  }));
}

export function relatedOptions(catalog: Catalog, entity: string): PickerOption[] {
  return relationStepsFrom(catalog, entity).map(({ relation, target, direction }) => {
    const self = relation.from.entity === relation.to.entity;
    const reverse = direction === 'reverse';
    const detail = reverse
      ? `${target} records whose ${relation.from.field} points at this ${entity} (${relation.name})`
      : `the ${target} this ${entity}'s ${relation.from.field} points at (${relation.name})`;
    return {
      value: `related:${relation.name}:${direction}`,
      label: `${target}${self ? (reverse ? ' (pointing here)' : ' (pointed at)') : ''}`,
      detail,
      group: RELATED_HEADING,
      choice: { kind: 'related', entity: target, via: relation.name, reverse: reverse && self },
    };
  });
}

export function interactionOptions(catalog: Catalog): PickerOption[] {
  return Object.entries(catalog.interactions.types).map(([type, info]) => ({
    value: `interaction:${type}`,
    label: type,
    detail: countOf(info.rowCount ?? 0, 'interaction'),
    group: INTERACTIONS_HEADING,
    choice: { kind: 'interaction', type },
  }));
}

/** Everything a condition in `scope` can be about. */
export function pickerOptions(catalog: Catalog, scope: EditorScope): PickerOption[] {
  if ('interaction' in scope) return fieldOptions(catalog, scope);
  return [
    ...fieldOptions(catalog, scope),
    ...relatedOptions(catalog, scope.entity),
    ...(scope.entity === CONTACT ? interactionOptions(catalog) : []),
  ];
}

/** Options whose name contains the typed text, ignoring case; grouped in their original order. */
export function filterOptions(options: readonly PickerOption[], text: string): PickerOption[] {
  const needle = text.trim().toLowerCase();
  return needle ? options.filter((o) => o.label.toLowerCase().includes(needle)) : [...options];
}

export function groupOptions(options: readonly PickerOption[]): { heading: string; options: PickerOption[] }[] {
  const groups = new Map<string, PickerOption[]>();
  for (const option of options) groups.set(option.group, [...(groups.get(option.group) ?? []), option]);
  return [...groups].map(([heading, items]) => ({ heading, options: items }));
}

/** The condition a picked option starts as. */
export function conditionFor(catalog: Catalog, choice: PickerChoice): Condition {
  switch (choice.kind) {
    case 'field':
      return newClause(choice.field, choice.type);
    case 'related':
      return { related: choice.entity, via: choice.via, ...(choice.reverse ? { reverse: true } : {}) };
    case 'interaction': {
      const info = catalog.interactions.types[choice.type];
      const relation = info && defaultLink(info) === undefined ? info.links[0] : undefined;
      return { interaction: choice.type, ...(relation ? { relation } : {}) };
    }
  }
}
