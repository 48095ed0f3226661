/** `explainContact` on the fixture data: verdicts, the values that decided them, and errors. */
import { describe, expect, it } from 'vitest';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { explainContact, UnknownContactError } from '../../src/data/explain-contact';
import type { ConditionTrace, Trace } from '../../src/engine/explain/trace';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { LibraryError } from '../../src/engine/problems';
import { NOW } from '../helpers/fixture-data';
import { useFixtureEngine } from '../helpers/fixture-engine';
import { EXPLAIN_LIBRARY as LIBRARY } from '../helpers/insight-libraries';

const CONTACTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];

describe('explainContact', () => {
  const fixture = useFixtureEngine();
  const explain = (segment: string, contact: string) =>
    explainContact(fixture.runner, fixture.catalog, LIBRARY, { now: NOW, segment, contact });

  it("agrees with the evaluator's members for every segment and contact", async () => {
    const results = await evaluateLibrary(fixture.runner, fixture.catalog, LIBRARY, { now: NOW });
    expect(results.find((r) => r.name === 'ManagerOpened')!.members).toEqual(['c2', 'c3', 'c4']);
    for (const { name, members } of results) {
      for (const contact of CONTACTS) {
        const explanation = await explain(name, contact);
        expect({ name, contact, member: explanation.member }).toEqual({ name, contact, member: members.includes(contact) });
        expect({ name, contact, holds: explanation.trace.holds }).toEqual({ name, contact, holds: explanation.member });
      }
    }
  }, 120_000);

  it('shows each Flow group and what it did: c2 is in Seattle but excluded for donotemail', async () => {
    const { trace, member, now } = await explain('SeattleEmailable', 'c2');
    expect(now).toBe('2026-03-31T12:00:00.000Z');
    expect(member).toBe(false);
    expect(trace).toEqual({
      kind: 'profile',
      holds: false,
      groups: [
        {
          holds: true,
          after: true,
          effect: 'admitted',
          where: { field: 'address1_city', op: 'eq', value: 'Seattle', actual: 'seattle', holds: true },
        },
        {
          combine: 'exclude',
          holds: true,
          after: false,
          effect: 'removed',
          where: { field: 'donotemail', op: 'isTrue', actual: true, holds: true },
        },
      ],
    });
  });

  it('names the related records that satisfied a related condition, and traces one that did not', async () => {
    const yes = (await explain('BigPharma', 'c1')).trace as Extract<Trace, { kind: 'profile' }>;
    expect(yes.groups[0]!.where).toMatchObject({ related: 'account', holds: true, matches: ['a1'], total: 1, linked: 1, record: 'a1' });
    const no = (await explain('BigPharma', 'c7')).trace as Extract<Trace, { kind: 'profile' }>;
    expect(no.groups[0]!.where).toEqual({
      related: 'account',
      via: 'contact_account',
      holds: false,
      matches: [],
      total: 0,
      linked: 1,
      record: 'a2',
      where: {
        and: [
          { field: 'revenue', op: 'gte', value: 10000000, actual: 4000000, holds: false },
          { field: 'industrycode', op: 'eq', value: 3, actual: 1, holds: false },
        ],
        holds: false,
      },
    });
    // c4 has no account: nothing linked, no record to trace.
    const none = (await explain('BigPharma', 'c4')).trace as Extract<Trace, { kind: 'profile' }>;
    expect(none.groups[0]!.where).toEqual({ related: 'account', via: 'contact_account', holds: false, matches: [], total: 0, linked: 0 });
    // Without `where`: the linked records themselves (c6's manager c9 is not a contact).
    const managed = (await explain('Managed', 'c2')).trace as Extract<Trace, { kind: 'profile' }>;
    expect(managed.groups[0]!.where).toEqual({
      related: 'contact',
      via: 'contact_manager',
      holds: true,
      matches: ['c1'],
      total: 1,
      linked: 1,
    });
    expect(((await explain('Managed', 'c6')).trace as Extract<Trace, { kind: 'profile' }>).groups[0]!.where).toMatchObject({
      holds: false,
      total: 0,
    });
  });

  it('keeps clauses two-valued: not (eq Seattle) holds on a contact with no city', async () => {
    const trace = (await explain('NotInSeattle', 'c4')).trace as Extract<Trace, { kind: 'profile' }>;
    expect(trace.groups[0]!.where).toEqual({
      not: { field: 'address1_city', op: 'eq', value: 'Seattle', actual: null, holds: false },
      holds: true,
    });
  });

  it('gives the count compared and the interactions counted; the zero rule and the future apply', async () => {
    const never = await explain('NeverOpened', 'c3');
    // c3's only EmailOpened (e6) is after now, so it is not counted.
    expect(never.trace).toMatchObject({ kind: 'interaction', holds: true, value: 0, total: 0, interactions: [] });
    const opened = await explain('NeverOpened', 'c1');
    expect(opened.trace).toMatchObject({ holds: false, value: 3, total: 3, relation: 'ContactId', count: { op: 'exactly', value: 0 } });
    const ids = (opened.trace as Extract<Trace, { kind: 'interaction' }>).interactions.map((i) => [i.id, i.timestamp]);
    expect(ids).toEqual([
      ['e1', '2026-03-30T10:00:00.000Z'],
      ['e2', '2026-03-20T10:00:00.000Z'],
      ['e3', '2026-03-01T12:00:00.000Z'],
    ]);
    expect((opened.trace as Extract<Trace, { kind: 'interaction' }>).interactions[0]!.fields).toMatchObject({
      MessageId: 'msg-1',
      ContactId: 'c1',
    });
  });

  it('gives a sum, and no value where every summed field is null', async () => {
    expect((await explain('TenMinutes', 'c2')).trace).toMatchObject({ holds: true, value: 650, total: 2 });
    expect((await explain('TenMinutes', 'c5')).trace).toMatchObject({ holds: false, value: 590, total: 2 });
    expect((await explain('TenMinutes', 'c4')).trace).toMatchObject({ holds: false, value: null, total: 1 });
  });

  it("applies the segment's zone to relative dates and traces interaction conditions inside a group", async () => {
    const trace = (await explain('NewAndOpening', 'c1')).trace as Extract<Trace, { kind: 'profile' }>;
    const where = trace.groups[0]!.where as Extract<ConditionTrace, { or: unknown }>;
    // createdon 2026-03-01T12:00Z is 04:00 in Los Angeles; one month before now (04:00 on 31 March) is 28 February 04:00.
    expect(where.or[0]).toEqual({
      field: 'createdon',
      op: 'inLast',
      value: { n: 1, unit: 'month' },
      actual: '2026-03-01T12:00:00.000Z',
      holds: true,
    });
    expect(where.or[1]).toMatchObject({ interaction: 'EmailOpened', holds: true, value: 1, total: 1, interactions: [{ id: 'e1' }] });
    expect(trace.holds).toBe(true);
  });

  it('traces a compound segment step by step, with each referenced trace nested', async () => {
    const { trace, member } = await explain('Mixed', 'c2');
    expect(member).toBe(true);
    const steps = (trace as Extract<Trace, { kind: 'compound' }>).steps;
    expect(steps.map(({ segment, holds, after, effect }) => ({ segment, holds, after, effect }))).toEqual([
      { segment: 'SeattleEmailable', holds: false, after: false, effect: 'none' },
      { segment: 'Vips', holds: true, after: true, effect: 'admitted' },
      { segment: 'NeverOpened', holds: false, after: true, effect: 'kept' },
    ]);
    expect(steps[1]!.trace).toEqual({ kind: 'static', holds: true, listed: true });
  });

  it('tells the types of the long interactions table apart in the one copy of its rows a trace makes', async () => {
    const library = parseLibraryOrThrow({
      version: 1,
      segments: [
        {
          name: 'OpenedOrVisited',
          kind: 'profile',
          status: 'live',
          query: {
            groups: [
              {
                where: {
                  or: [
                    { interaction: 'EmailOpened', count: { op: 'atLeast', value: 3 } },
                    {
                      interaction: 'WebsiteVisited',
                      measure: { agg: 'sum', field: 'VisitDuration' },
                      count: { op: 'atLeast', value: 600 },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
    // Both types are views of the one long table, copied for c2 in one scan (2 opens, 2 visits).
    expect(fixture.catalog.interactions.types.EmailOpened!.sharedTable).toEqual(
      fixture.catalog.interactions.types.WebsiteVisited!.sharedTable,
    );
    const { trace, member } = await explainContact(fixture.runner, fixture.catalog, library, {
      now: NOW,
      segment: 'OpenedOrVisited',
      contact: 'c2',
    });
    expect(member).toBe(true);
    const where = (trace as Extract<Trace, { kind: 'profile' }>).groups[0]!.where as Extract<ConditionTrace, { or: unknown }>;
    expect(where.or[0]).toMatchObject({ interaction: 'EmailOpened', holds: false, value: 2, total: 2 });
    expect(where.or[1]).toMatchObject({ interaction: 'WebsiteVisited', holds: true, value: 650, total: 2 });
    // Both parts read the one copy: each lists its own type's interactions, newest first.
    const listed = (part: ConditionTrace) => (part as Extract<ConditionTrace, { interactions: unknown }>).interactions.map((i) => i.id);
    expect(listed(where.or[0]!)).toEqual(['e5', 'e4']);
    expect(listed(where.or[1]!)).toEqual(['e13', 'e12']);
  });

  it('refuses an unknown contact (suggesting a key that differs in case) and an unknown segment', async () => {
    await expect(explain('Vips', 'C2')).rejects.toThrow(UnknownContactError);
    await expect(explain('Vips', 'C2')).rejects.toThrow(/unknown contact "C2".*did you mean "c2"/);
    await expect(explain('Vips', 'c99')).rejects.toThrow(/unknown contact "c99"/);
    // A profile segment's trace reads a copy of the contact's row, an interaction segment's the contact table.
    await expect(explain('SeattleEmailable', 'c99')).rejects.toThrow(/unknown contact "c99"/);
    await expect(explain('NeverOpened', 'c99')).rejects.toThrow(/unknown contact "c99"/);
    await expect(explain('Nobody', 'c1')).rejects.toThrow(LibraryError);
  });
});
