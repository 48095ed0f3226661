import { describe, expect, it } from 'vitest';
import { changeField, changeOperator, newClause, operatorsFor } from '../src/state/designer/editor-clause';
import { parseIdList, parseRecordReference } from '../src/state/designer/editor-record-id';
import { appendItem, moveItem, removeItem, setInteractionType, setMeasure } from '../src/state/designer/editor-segment';
import { problemsAt, problemsOutside } from '../src/state/designer/editor-problems';
import type { Catalog } from '../src/engine/catalog';
import type { ProfileGroup } from '../src/engine/library-schema';

describe('clauses', () => {
  it('offers the operators of the field type', () => {
    expect(operatorsFor('boolean')).toEqual(['isTrue', 'isFalse', 'isNull', 'isNotNull']);
    expect(operatorsFor('textList')).toContain('containsNone');
    expect(operatorsFor('text')).not.toContain('gt');
  });

  it('starts with a fitting operator', () => {
    expect(newClause('createdon', 'timestamp')).toEqual({ field: 'createdon', op: 'inLast', value: { n: 30, unit: 'day' } });
    expect(newClause('donotemail', 'boolean')).toEqual({ field: 'donotemail', op: 'isTrue' });
  });

  it('keeps the value when the operator changes shape', () => {
    const eq = { field: 'city', op: 'eq' as const, value: 'Seattle' };
    expect(changeOperator(eq, 'in')).toEqual({ field: 'city', op: 'in', value: ['Seattle'] });
    expect(changeOperator({ field: 'city', op: 'in', value: ['A', 'B'] }, 'eq')).toEqual({ field: 'city', op: 'eq', value: 'A' });
    expect(changeOperator({ field: 'n', op: 'gte', value: 5 }, 'between')).toEqual({ field: 'n', op: 'between', value: [5, 5] });
    expect(changeOperator(eq, 'isNull')).toEqual({ field: 'city', op: 'isNull' });
    expect(changeOperator({ field: 'd', op: 'inLast', value: { n: 2, unit: 'week' } }, 'notInLast')).toEqual({
      field: 'd',
      op: 'notInLast',
      value: { n: 2, unit: 'week' },
    });
    expect(changeOperator({ field: 'd', op: 'inLast', value: { n: 2, unit: 'week' } }, 'on')).toEqual({ field: 'd', op: 'on' });
  });

  it('keeps operator and value for a field of the same type only', () => {
    const clause = { field: 'a', op: 'contains' as const, value: 'x' };
    expect(changeField(clause, 'b', 'text', 'text')).toEqual({ field: 'b', op: 'contains', value: 'x' });
    expect(changeField(clause, 'n', 'text', 'number')).toEqual({ field: 'n', op: 'eq' });
  });
});

describe('pasted record ids', () => {
  it('accepts ids, braced GUIDs and Dynamics record URLs', () => {
    expect(parseRecordReference('  acc-1 ')).toBe('acc-1');
    expect(parseRecordReference('{8F1E2A3B-0000-0000-0000-000000000001}')).toBe('8F1E2A3B-0000-0000-0000-000000000001');
    expect(
      parseRecordReference('https://org.crm.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=account&id=%7b8f1e2a3b-0000%7d'),
    ).toBe('8f1e2a3b-0000');
    expect(parseRecordReference('https://org.crm.dynamics.com/main.aspx?etn=contact&id=ct-01#tab')).toBe('ct-01');
    expect(parseRecordReference('https://example.com/page')).toBeUndefined();
  });

  it('reads id lists pasted or from CSV with a header', () => {
    expect(parseIdList('ct-01\nct-02, ct-03\n\nct-01')).toEqual(['ct-01', 'ct-02', 'ct-03']);
    expect(parseIdList('name,contactid\n"Doe, Ann",ct-01\nBen,ct-02', 'contactid')).toEqual(['ct-01', 'ct-02']);
    expect(parseIdList('contactid\nct-09')).toEqual(['ct-09']);
    expect(parseIdList('https://x.crm.dynamics.com/main.aspx?etn=contact&id=ct-05')).toEqual(['ct-05']);
  });
});

describe('groups and steps', () => {
  it('keeps combine off the first item and on every later one', () => {
    const city: ProfileGroup = { where: { field: 'city', op: 'isNotNull' } };
    const groups = appendItem(appendItem<ProfileGroup>([], {}), city, 'exclude');
    expect(groups).toEqual([{}, { ...city, combine: 'exclude' }]);
    expect(removeItem(groups, 0)).toEqual([city]);
    expect(moveItem([{ segment: 'A' }, { segment: 'B', combine: 'exclude' as const }], 1, -1)).toEqual([
      { segment: 'B' },
      { segment: 'A', combine: 'union' },
    ]);
  });
});

describe('interaction settings', () => {
  const catalog = {
    contactEntity: 'contact',
    entities: {},
    relations: [],
    interactions: {
      typeField: 'InteractionType',
      timestampField: 'Timestamp',
      contactLinks: ['ContactId', 'ReferrerContactId'],
      types: {
        A: { table: 'a', fields: { ContactId: 'text', Amount: 'number' }, links: ['ContactId'] },
        B: { table: 'b', fields: { Owner: 'text', Other: 'text' }, links: ['Owner', 'Other'] },
      },
    },
  } as unknown as Catalog;

  it('switches type, dropping what the new type lacks', () => {
    const query = {
      interaction: 'A',
      where: { field: 'Amount', op: 'gt' as const, value: 1 },
      measure: { agg: 'sum' as const, field: 'Amount' },
    };
    expect(setInteractionType(query, 'B', catalog)).toEqual({ interaction: 'B', relation: 'Owner' });
    expect(setMeasure(query, { agg: 'count' })).not.toHaveProperty('measure');
  });
});

describe('problems next to their clause', () => {
  const problems = [
    { path: 'query.groups[0].where.and[1].field', message: 'unknown field' },
    { path: 'query.groups[0].where.and', message: 'empty' },
    { path: 'query.groups[0].where.and[1]', message: 'here' },
    { path: 'query.groups[0].where.and[10].value', message: 'other' },
    { path: 'name', message: 'bad name' },
  ];
  it('matches a clause and its keys, not a sibling with a longer index', () => {
    expect(problemsAt(problems, ['query', 'groups', 0, 'where', 'and', 1], 'subtree').map((p) => p.message)).toEqual([
      'unknown field',
      'here',
    ]);
    expect(problemsAt(problems, ['query', 'groups', 0, 'where', 'and'], 'node').map((p) => p.message)).toEqual(['empty']);
    expect(problemsOutside(problems, ['query']).map((p) => p.message)).toEqual(['bad name']);
  });
});
