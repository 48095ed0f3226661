/**
 * Libraries that once reached the user as raw internals (a stack overflow, DuckDB's expression
 * depth, an unprintable far date, `Cannot read properties of undefined`) are refused with the
 * segment and path, or evaluated with the right answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { connectorRunner } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import type { Catalog } from '../../src/engine/catalog';
import { MAX_CONDITION_DEPTH, type Library } from '../../src/engine/library-schema';
import { parseLibrary, parseLibraryOrThrow, parseLibraryText } from '../../src/engine/parse-library';
import type { Problem } from '../../src/engine/problems';
import { validateLibrary } from '../../src/engine/validate-library';
import { fixtureFiles, NOW } from '../helpers/fixture-data';

let db: Connector;
let catalog: Catalog;
beforeAll(async () => {
  db = await createNodeConnector();
  catalog = (await loadData(db, fixtureFiles(), nodeDecoders)).catalog;
});
afterAll(async () => db?.close());

const profile = (where: unknown, name = 'Bad') => ({ name, kind: 'profile', status: 'live', query: { groups: [{ where }] } });
const interaction = (query: unknown, name = 'Bad') => ({ name, kind: 'interaction', status: 'live', query });

function problemsOf(segments: unknown[]): Problem[] {
  const parsed = parseLibrary({ version: 1, segments });
  return parsed.ok ? validateLibrary(parsed.library, catalog) : parsed.problems;
}

async function membersOf(segment: unknown): Promise<readonly string[]> {
  const library = parseLibraryOrThrow({ version: 1, segments: [segment] });
  const [result] = await evaluateLibrary(connectorRunner(db), catalog, library, { now: NOW });
  return result!.members;
}

/** `depth` conditions, each inside the one before: not(and[or[not(...)]]) … around a clause. */
function nested(depth: number, leaf: unknown = { field: 'firstname', op: 'isNotNull' }): unknown {
  let condition = leaf;
  for (let level = 1; level < depth; level++) {
    const form = level % 3;
    condition = form === 0 ? { not: condition } : form === 1 ? { and: [condition] } : { or: [condition] };
  }
  return condition;
}

describe('a library file with a byte-order mark', () => {
  it('is read like one without', () => {
    const text = JSON.stringify({ version: 1, segments: [profile({ field: 'firstname', op: 'isNull' }, 'Bom')] });
    const parsed = parseLibraryText(`\uFEFF${text}`);
    expect(parsed.ok && parsed.library.segments[0]!.name).toBe('Bom');
  });
});

describe('names that are also names of Object.prototype', () => {
  const NAMES = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'];

  it.each(NAMES)('field "%s" is an unknown field, on contacts and interactions', (name) => {
    expect(problemsOf([profile({ field: name, op: 'isNull' })])).toEqual([
      expect.objectContaining({
        segment: 'Bad',
        path: 'segments[0].query.groups[0].where.field',
        message: expect.stringMatching(`unknown field "${name}" on contact`),
      }),
    ]);
    const where = { interaction: 'EmailOpened', where: { field: name, op: 'isNull' } };
    expect(problemsOf([interaction(where)])).toEqual([
      expect.objectContaining({ path: 'segments[0].query.where.field', message: expect.stringMatching(`unknown field "${name}"`) }),
    ]);
    expect(
      problemsOf([
        interaction({ interaction: 'WebsiteVisited', measure: { agg: 'sum', field: name }, count: { op: 'atLeast', value: 1 } }),
      ]),
    ).toEqual([
      expect.objectContaining({ path: 'segments[0].query.measure.field', message: expect.stringMatching(`unknown field "${name}"`) }),
    ]);
  });

  it.each(NAMES)('interaction type, entity and relation "%s" are unknown', (name) => {
    expect(problemsOf([interaction({ interaction: name })])).toEqual([
      expect.objectContaining({
        path: 'segments[0].query.interaction',
        message: expect.stringMatching(`unknown interaction type "${name}"`),
      }),
    ]);
    expect(problemsOf([profile({ related: name, via: 'contact_account' })])).toEqual([
      expect.objectContaining({
        path: 'segments[0].query.groups[0].where.related',
        message: expect.stringMatching(`unknown entity "${name}"`),
      }),
    ]);
    expect(problemsOf([profile({ related: 'account', via: name })])).toEqual([
      expect.objectContaining({
        path: 'segments[0].query.groups[0].where.via',
        message: expect.stringMatching(`unknown relation "${name}"`),
      }),
    ]);
  });
});

describe('nesting', () => {
  it(`evaluates conditions ${MAX_CONDITION_DEPTH} deep`, async () => {
    const members = await membersOf(profile(nested(MAX_CONDITION_DEPTH), 'Deep'));
    // The chain of not/and/or around "firstname is not null" leaves it negated once per third level.
    const negations = Math.floor((MAX_CONDITION_DEPTH - 1) / 3);
    expect(members).toEqual(negations % 2 === 0 ? ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'] : []);
    const related = {
      related: 'account',
      via: 'contact_account',
      where: nested(MAX_CONDITION_DEPTH - 1, { field: 'name', op: 'isNotNull' }),
    };
    expect(await membersOf(profile(related, 'DeepRelated'))).toHaveLength(Math.floor((MAX_CONDITION_DEPTH - 2) / 3) % 2 === 0 ? 5 : 0);
  });

  it.each([MAX_CONDITION_DEPTH + 1, 500, 5_000, 100_000])('refuses conditions %i deep with the path where the limit is passed', (depth) => {
    const problems = problemsOf([profile({ field: 'firstname', op: 'isNull' }, 'Fine'), profile(nested(depth))]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ segment: 'Bad', message: expect.stringMatching(`more than ${MAX_CONDITION_DEPTH} levels`) });
    expect(problems[0]!.path).toMatch(/^segments\[1\]\.query\.groups\[0\]\.where(\.(not|and\[0\]|or\[0\]))+$/);
    expect(problems[0]!.path.split('.').length).toBe(4 + MAX_CONDITION_DEPTH);
  });

  it('counts the levels inside interaction and related conditions', () => {
    const deepInteraction = { interaction: 'EmailOpened', where: nested(MAX_CONDITION_DEPTH + 1) };
    expect(problemsOf([interaction(deepInteraction)])[0]).toMatchObject({
      path: expect.stringMatching(/^segments\[0\]\.query\.where/),
      message: expect.stringMatching('levels'),
    });
    const inProfile = profile({ and: [{ interaction: 'EmailOpened', where: nested(MAX_CONDITION_DEPTH - 1) }] });
    expect(problemsOf([inProfile])[0]).toMatchObject({ message: expect.stringMatching('levels') });
  });

  it('refuses a deeply nested value with its path', () => {
    let value: unknown = 'x';
    for (let i = 0; i < 100_000; i++) value = [value];
    const problems = problemsOf([profile({ field: 'firstname', op: 'in', value })]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      segment: 'Bad',
      path: expect.stringMatching(/^segments\[0\]\.query\.groups\[0\]\.where\.value\[0\]/),
    });
  });

  it('refuses a deep library passed to validateLibrary without parsing', () => {
    const library = { version: 1, segments: [{ ...profile(nested(2_000)), timeZone: 'UTC' }] } as unknown as Library;
    expect(validateLibrary(library, catalog)[0]).toMatchObject({ segment: 'Bad', message: expect.stringMatching('levels') });
  });
});

describe('far dates', () => {
  const ALL = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
  it.each([
    ['createdon between 2020 and 9999-12-31', { field: 'createdon', op: 'between', value: ['2020-01-01', '9999-12-31'] }, ALL],
    ['createdon on or before 9999-12-31', { field: 'createdon', op: 'onOrBefore', value: '9999-12-31' }, ALL],
    ['createdon after 9999-12-31', { field: 'createdon', op: 'after', value: '9999-12-31' }, []],
    [
      'createdon in the last 10000 years',
      { field: 'createdon', op: 'inLast', value: { n: 10_000, unit: 'year' } },
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
    ],
    ['createdon not in the last 300000 years', { field: 'createdon', op: 'notInLast', value: { n: 300_000, unit: 'year' } }, []],
    [
      'createdon in the last 1e15 days',
      { field: 'createdon', op: 'inLast', value: { n: 1e15, unit: 'day' } },
      ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
    ],
    [
      'birthdate in the last 10000 years',
      { field: 'birthdate', op: 'inLast', value: { n: 10_000, unit: 'year' } },
      ['c1', 'c2', 'c4', 'c5', 'c6', 'c7'],
    ],
    [
      'birthdate between 0001-01-01 and 9999-12-31',
      { field: 'birthdate', op: 'between', value: ['0001-01-01', '9999-12-31'] },
      ['c1', 'c2', 'c4', 'c5', 'c6', 'c7'],
    ],
    [
      'birthdate on or after 0050-06-15',
      { field: 'birthdate', op: 'onOrAfter', value: '0050-06-15' },
      ['c1', 'c2', 'c4', 'c5', 'c6', 'c7'],
    ],
    ['createdon before 0099-12-31', { field: 'createdon', op: 'before', value: '0099-12-31' }, []],
    ['createdon after 0001-01-01T00:00:00Z', { field: 'createdon', op: 'after', value: '0001-01-01T00:00:00Z' }, ALL],
  ])('%s', async (_, where, want) => {
    expect(problemsOf([profile(where)])).toEqual([]);
    expect(await membersOf(profile(where, 'Far'))).toEqual(want);
  });

  it('takes a window to 9999-12-31 and one of 10000 years', async () => {
    expect(
      await membersOf(interaction({ interaction: 'EventRegistration', window: { from: '2026-01-01', to: '9999-12-31' } }, 'Far')),
    ).toEqual(['c4', 'c6']);
    expect(await membersOf(interaction({ interaction: 'EventRegistration', window: { last: 10_000, unit: 'year' } }, 'Far'))).toEqual([
      'c4',
      'c6',
    ]);
  });

  it.each(['0000-01-01', '0050-02-29', '0100-02-29', '10000-01-01', '+010000-01-01'])(
    'refuses %s, which is not a calendar date of years 0001-9999',
    (value) => {
      expect(problemsOf([profile({ field: 'birthdate', op: 'on', value })])).toEqual([
        expect.objectContaining({ path: 'segments[0].query.groups[0].where.value' }),
      ]);
    },
  );

  it.each(['0001-01-01', '0048-02-29', '0099-12-31', '0400-02-29'])('accepts %s', (value) => {
    expect(problemsOf([profile({ field: 'birthdate', op: 'on', value })])).toEqual([]);
  });
});
