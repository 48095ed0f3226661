import { describe, expect, it } from 'vitest';
import { dynamicsString, toDynamicsQuery } from '../src/engine/dynamics-query';
import type { Segment } from '../src/engine/library-schema';

/** Definitions written as literals, with the defaults the format fills in left out. */
const seg = (definition: object) => definition as Segment;

describe('Dynamics 365 segment query text', () => {
  it('writes an interaction segment with a count and a sliding window', () => {
    const segment = seg({
      name: 'OpenedThree',
      kind: 'interaction',
      query: { interaction: 'EmailOpened', count: { op: 'atLeast', value: 3 }, window: { last: 30, unit: 'day' } },
    });
    expect(toDynamicsQuery(segment)).toBe('INTERACTION(EmailOpened, ContactId).HAVING(COUNT() >= 3, UTCDAYS(30))');
  });

  it('writes restrictions, measures, exact counts and relations', () => {
    const segment = seg({
      name: 'X',
      kind: 'interaction',
      query: {
        interaction: 'EmailClicked',
        relation: 'ContactId',
        where: {
          or: [
            { field: 'MessageId', op: 'in', value: ['msg-7', "it's"] },
            { field: 'CustomerJourneyId', op: 'eq', value: 'j-3' },
          ],
        },
        window: { last: 2, unit: 'week' },
        count: { op: 'exactly', value: 1 },
      },
    });
    expect(toDynamicsQuery(segment)).toBe(
      "INTERACTION(EmailClicked, ContactId).FILTER(MessageId IN ('msg-7', 'it\\'s') OR CustomerJourneyId == 'j-3').HAVING(COUNT() == 1, UTCWEEKS(2))",
    );
    const sum = seg({
      name: 'Y',
      kind: 'interaction',
      query: {
        interaction: 'WebsiteVisited',
        measure: { agg: 'sum', field: 'VisitDuration' },
        count: { op: 'between', value: [600, 900] },
      },
    });
    expect(toDynamicsQuery(sum)).toBe(
      'INTERACTION(WebsiteVisited, ContactId).HAVING(SUM(VisitDuration) >= 600 AND SUM(VisitDuration) <= 900)',
    );
  });

  it('writes profile groups folded left to right, with MINUS for exclude', () => {
    const segment = seg({
      name: 'Seattle',
      kind: 'profile',
      query: {
        groups: [
          { where: { and: [{ field: 'address1_city', op: 'eq', value: 'seattle' }, { not: { field: 'jobtitle', op: 'isNull' } }] } },
          {
            combine: 'union',
            where: { related: 'account', via: 'contact_account', where: { field: 'revenue', op: 'gte', value: 1000000 } },
          },
          { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
        ],
      },
    });
    expect(toDynamicsQuery(segment)).toBe(
      [
        "(PROFILE(contact).FILTER(address1_city == 'seattle' AND NOT(ISNULL(jobtitle)))",
        'UNION PROFILE(contact).FILTER(TRAVERSE(contact_account, FILTER(revenue >= 1000000))))',
        'MINUS PROFILE(contact).FILTER(donotemail == true)',
      ].join('\n'),
    );
  });

  it('writes dates, lists and nested logic', () => {
    const segment = seg({
      name: 'D',
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              or: [
                { field: 'createdon', op: 'inLast', value: { n: 3, unit: 'month' } },
                {
                  and: [
                    { field: 'birthdate', op: 'on', value: '2026-03-21' },
                    { field: 'interests', op: 'containsAny', value: ['golf', 'wine'] },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    expect(toDynamicsQuery(segment)).toBe(
      "PROFILE(contact).FILTER(createdon >= UTCNOW() - UTCMONTHS(3) OR (DATE(birthdate) == DATE('2026-03-21') AND CONTAINSANY(interests, 'golf', 'wine')))",
    );
  });

  it('writes compound and static segments', () => {
    const compound = seg({
      name: 'C',
      kind: 'compound',
      query: { steps: [{ segment: 'A' }, { combine: 'union', segment: 'B' }, { combine: 'intersect', segment: 'C2' }] },
    });
    expect(toDynamicsQuery(compound)).toBe('(SEGMENT(A)\nUNION SEGMENT(B))\nINTERSECT SEGMENT(C2)');
    expect(toDynamicsQuery(seg({ name: 'S', kind: 'static', members: ['c-1', 'c-42'] }))).toBe(
      "PROFILE(contact).FILTER(contactid IN ('c-1', 'c-42'))",
    );
    expect(toDynamicsQuery(seg({ name: 'S', kind: 'static', members: [] }))).toBe('PROFILE(contact).FILTER(false)');
  });

  it('escapes quotes and backslashes in text', () => {
    expect(dynamicsString("100% O'Brien_\\")).toBe("'100% O\\'Brien_\\\\'");
  });
});
