import { describe, expect, it } from 'vitest';
import { describeCondition, outlineCondition } from '../src/engine/describe/describe-condition';
import { describeSegment } from '../src/engine/describe/describe-segment';
import { labelField, referencedEntity } from '../src/engine/designer/record-label';
import type { Catalog } from '../src/engine/catalog';

describe('conditions in words', () => {
  it('reads clauses, nested groups and NOT', () => {
    expect(
      describeCondition({
        and: [
          { field: 'address1_city', op: 'eq', value: 'Seattle' },
          {
            or: [
              { field: 'revenue', op: 'gte', value: 1000000 },
              { field: 'donotemail', op: 'isTrue' },
            ],
          },
          { not: { field: 'createdon', op: 'inLast', value: { n: 3, unit: 'month' } } },
        ],
      }),
    ).toBe(
      'address1_city equals "Seattle" and (revenue is at least 1,000,000 or donotemail is yes) and not (createdon is in the last 3 months)',
    );
    expect(describeCondition({ field: 'revenue', op: 'between', value: [1, 5] })).toBe('revenue is between 1 and 5');
    expect(describeCondition({ field: 'interests', op: 'containsAny', value: ['golf', 'wine'] })).toBe(
      'interests contains any of "golf", "wine"',
    );
    expect(describeCondition({ field: 'address1_city', op: 'eq' })).toBe('address1_city equals …');
  });

  it('states same-record semantics for related entities', () => {
    const related = {
      related: 'account',
      via: 'contact_account',
      where: {
        and: [
          { field: 'revenue', op: 'gte' as const, value: 5 },
          { field: 'industrycode', op: 'eq' as const, value: 3 },
        ],
      },
    };
    expect(describeCondition(related)).toBe(
      'has a related account (via contact_account) where revenue is at least 5 and industrycode equals 3',
    );
    const outline = outlineCondition(related);
    expect(outline.text).toContain('the same account must match all of these');
    expect(outline.children.map((c) => c.text)).toEqual(['revenue is at least 5', 'industrycode equals 3']);
    expect(describeCondition({ related: 'account', via: 'contact_account' })).toBe('has a related account (via contact_account)');
  });

  it('reads interaction conditions with count, measure, window and restrictions', () => {
    expect(describeCondition({ interaction: 'EmailOpened', count: { op: 'atLeast', value: 3 } })).toBe(
      'has at least 3 EmailOpened interactions',
    );
    expect(describeCondition({ interaction: 'EventRegistration', count: { op: 'exactly', value: 1 } })).toBe(
      'has exactly 1 EventRegistration interaction',
    );
    expect(describeCondition({ interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } })).toBe('has no EmailOpened interactions');
    expect(
      describeCondition({
        interaction: 'EmailClicked',
        window: { last: 2, unit: 'week' },
        where: { field: 'MessageId', op: 'eq', value: 'msg-1' },
      }),
    ).toBe('has at least one EmailClicked interaction in the last 2 weeks, where MessageId equals "msg-1"');
    expect(
      describeCondition({
        interaction: 'WebsiteVisited',
        measure: { agg: 'sum', field: 'VisitDuration' },
        count: { op: 'atLeast', value: 600 },
      }),
    ).toBe('has WebsiteVisited interactions whose total VisitDuration is at least 600');
  });
});

describe('segments in words', () => {
  it('reads the Flow of a profile segment', () => {
    expect(
      describeSegment({
        name: 'S',
        kind: 'profile',
        query: {
          groups: [
            { where: { field: 'address1_city', op: 'eq', value: 'seattle' } },
            { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
          ],
        },
      }),
    ).toBe('Contacts where address1_city equals "seattle"; then remove contacts where donotemail is yes');
  });

  it('reads compound and static segments', () => {
    expect(
      describeSegment({ name: 'C', kind: 'compound', query: { steps: [{ segment: 'A' }, { combine: 'intersect', segment: 'B' }] } }),
    ).toBe('Members of A; then keep only members of B');
    expect(describeSegment({ name: 'V', kind: 'static', members: ['a', 'b', 'a'] })).toBe('2 listed contacts');
  });
});

describe('referenced records', () => {
  const catalog = {
    contactEntity: 'contact',
    entities: {
      contact: { table: 'c', key: 'contactid', fields: { contactid: 'text', fullname: 'text', parentcustomerid: 'text' } },
      account: { table: 'a', key: 'accountid', fields: { accountid: 'text', name: 'text' } },
      message: { table: 'm', key: 'messageid', fields: { messageid: 'text', subject: 'text' } },
    },
    relations: [
      { name: 'contact_account', from: { entity: 'contact', field: 'parentcustomerid' }, to: { entity: 'account', field: 'accountid' } },
    ],
    interactions: {
      typeField: 'InteractionType',
      timestampField: 'Timestamp',
      contactLinks: ['ContactId'],
      types: { EmailClicked: { table: 'i', fields: { ContactId: 'text', MessageId: 'text', LinkUrl: 'text' }, links: ['ContactId'] } },
    },
  } as unknown as Catalog;

  it('finds the table whose records a field names, and the column that names them', () => {
    expect(referencedEntity(catalog, { entity: 'contact' }, 'parentcustomerid')).toBe('account');
    expect(referencedEntity(catalog, { entity: 'account' }, 'accountid')).toBe('account');
    expect(referencedEntity(catalog, { interaction: 'EmailClicked' }, 'ContactId')).toBe('contact');
    expect(referencedEntity(catalog, { interaction: 'EmailClicked' }, 'MessageId')).toBe('message');
    expect(referencedEntity(catalog, { interaction: 'EmailClicked' }, 'LinkUrl')).toBeUndefined();
    expect(labelField('contact', catalog.entities.contact!)).toBe('fullname');
    expect(labelField('message', catalog.entities.message!)).toBe('subject');
  });
});
