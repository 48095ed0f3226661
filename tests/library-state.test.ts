import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../src/engine/catalog';
import type { SegmentInput } from '../src/engine/library-schema';
import { parseLibraryText } from '../src/engine/parse-library';
import { currentDefinition, entryName, exportDocument } from '../src/state/library/library-entries';
import { readShareHash, shareHash } from '../src/state/library/library-share';
import { LibraryState } from '../src/state/library/library-state.svelte';
import { FIXTURE_LIBRARY } from './helpers/examples';

const EXAMPLE_LIBRARY = readFileSync(FIXTURE_LIBRARY, 'utf8');

/** The catalog of tests/fixtures/examples/data, as far as these tests need it. */
const catalog: Catalog = {
  contactEntity: 'contact',
  entities: {
    contact: {
      table: 'contact',
      key: 'contactid',
      fields: {
        contactid: 'text',
        address1_city: 'text',
        donotemail: 'boolean',
        parentcustomerid: 'text',
        createdon: 'timestamp',
        interests: 'textList',
      },
    },
    account: { table: 'account', key: 'accountid', fields: { accountid: 'text', revenue: 'number', industrycode: 'number' } },
  },
  relations: [
    { name: 'contact_account', from: { entity: 'contact', field: 'parentcustomerid' }, to: { entity: 'account', field: 'accountid' } },
  ],
  interactions: {
    typeField: 'InteractionType',
    timestampField: 'Timestamp',
    contactLinks: ['ContactId', 'ReferrerContactId'],
    types: {
      EmailOpened: { table: 'i_open', fields: { ContactId: 'text', Timestamp: 'timestamp', MessageId: 'text' }, links: ['ContactId'] },
      EmailClicked: { table: 'i_click', fields: { ContactId: 'text', Timestamp: 'timestamp', MessageId: 'text' }, links: ['ContactId'] },
      EventRegistration: {
        table: 'i_reg',
        fields: { ContactId: 'text', ReferrerContactId: 'text', Timestamp: 'timestamp' },
        links: ['ContactId', 'ReferrerContactId'],
      },
      WebsiteVisited: {
        table: 'i_web',
        fields: { ContactId: 'text', Timestamp: 'timestamp', VisitDuration: 'number' },
        links: ['ContactId'],
      },
    },
  },
};

function library(withCatalog = true): LibraryState {
  let n = 0;
  let t = 1000;
  return new LibraryState({ catalog: () => (withCatalog ? catalog : undefined), newId: () => `id${++n}`, clock: () => ++t });
}

async function loaded(): Promise<LibraryState> {
  const state = library();
  const result = await state.importText(EXAMPLE_LIBRARY);
  expect(result).toMatchObject({ ok: true });
  return state;
}

const names = (state: LibraryState) => state.entries.map(entryName);

describe('library state', () => {
  it('imports the worked examples and exports them unchanged (through parseLibrary)', async () => {
    const state = await loaded();
    expect(names(state)).toHaveLength(14);
    const exported = parseLibraryText(state.exportText());
    const original = parseLibraryText(EXAMPLE_LIBRARY);
    expect(exported.ok && original.ok).toBe(true);
    if (exported.ok && original.ok) expect(exported.library).toEqual(original.library);
  });

  it('exports the live version of a live segment and keeps edits to itself until they go live', async () => {
    const state = await loaded();
    const entry = state.entries.find((e) => entryName(e) === 'NeverOpened')!;
    const edited = {
      ...currentDefinition(entry),
      query: { interaction: 'EmailOpened', count: { op: 'atMost', value: 1 } },
    } as SegmentInput;
    state.updateDraft(entry.id, edited);
    const exportedBefore = exportDocument(state.entries).segments.find((s) => s.name === 'NeverOpened')!;
    expect(exportedBefore).toMatchObject({ status: 'live', query: { count: { op: 'exactly', value: 0 } } });
    expect(state.goLive(entry.id)).toBe(true);
    const exportedAfter = exportDocument(state.entries).segments.find((s) => s.name === 'NeverOpened')!;
    expect(exportedAfter).toMatchObject({ status: 'live', query: { count: { op: 'atMost', value: 1 } } });
  });

  it('an edit that returns to the live version leaves no pending edits', async () => {
    const state = await loaded();
    const entry = state.entries.find((e) => entryName(e) === 'Referrers')!;
    const live = currentDefinition(entry);
    state.updateDraft(entry.id, { ...live, description: 'x' });
    expect(state.entries.find((e) => e.id === entry.id)!.draft).toBeDefined();
    state.updateDraft(entry.id, { ...live });
    expect(state.entries.find((e) => e.id === entry.id)!.draft).toBeUndefined();
  });

  it('rename updates the compound steps that use the segment, in live versions and drafts', async () => {
    const state = await loaded();
    const seattle = state.entries.find((e) => entryName(e) === 'SeattleEmailable')!;
    expect(state.rename(seattle.id, 'SeattleContacts')).toBeUndefined();
    const engaged = state.entries.find((e) => entryName(e) === 'EngagedSeattle')!;
    const steps = engaged.live!.kind === 'compound' ? engaged.live!.query.steps : [];
    expect(steps.map((s) => s.segment)).toEqual(['SeattleContacts', 'Referrers', 'OpenedTwiceLast30Days']);
    expect(state.exportText()).not.toContain('SeattleEmailable');
  });

  it('rename refuses invalid and clashing names, ignoring case', async () => {
    const state = await loaded();
    const vips = state.entries.find((e) => entryName(e) === 'Vips')!;
    expect(state.rename(vips.id, 'has space')).toMatch(/not a valid name/);
    expect(state.rename(vips.id, '9lives')).toMatch(/starts with a letter/);
    expect(state.rename(vips.id, 'neveropened')).toMatch(/already uses this name/);
    expect(entryName(state.entries.find((e) => e.id === vips.id)!)).toBe('Vips');
  });

  it('an import that fails validation changes nothing and says why', async () => {
    const state = await loaded();
    const before = state.entries;
    const misspelt = EXAMPLE_LIBRARY.replace('"window"', '"windw"');
    const shape = await state.importText(misspelt);
    expect(shape.ok).toBe(false);
    expect(shape.message).toMatch(/Nothing was imported/);
    expect(shape.message).toMatch(/windw/);
    const badField = EXAMPLE_LIBRARY.replace('"address1_city"', '"address_city"');
    const fields = await state.importText(badField);
    expect(fields.ok).toBe(false);
    expect(fields.message).toMatch(/address1_city/);
    expect(await state.importText('{ not json')).toMatchObject({ ok: false });
    expect(state.entries).toBe(before);
  });

  it('delete refuses a segment that others use, and undo brings a deleted one back', async () => {
    const state = await loaded();
    const referrers = state.entries.find((e) => entryName(e) === 'Referrers')!;
    expect(state.remove(referrers.id)).toBe(false);
    expect(state.notice?.message).toMatch(/used by EngagedSeattle/);
    const vips = state.entries.find((e) => entryName(e) === 'Vips')!;
    const index = state.entries.indexOf(vips);
    expect(state.remove(vips.id)).toBe(true);
    expect(names(state)).not.toContain('Vips');
    state.notice!.undo!();
    expect(names(state)[index]).toBe('Vips');
  });

  it('go live reports problems with paths inside the segment and does not change the live version', async () => {
    const state = await loaded();
    const entry = state.entries.find((e) => entryName(e) === 'SeattleEmailable')!;
    const broken = {
      ...currentDefinition(entry),
      query: {
        groups: [
          {
            where: {
              and: [
                { field: 'address1_city', op: 'eq', value: 'Seattle' },
                { field: 'adress1_city', op: 'eq', value: 'x' },
              ],
            },
          },
        ],
      },
    };
    state.updateDraft(entry.id, broken as never);
    state.select(entry.id);
    expect(state.goLive(entry.id)).toBe(false);
    expect(state.selectedProblems).toEqual([
      expect.objectContaining({ path: 'query.groups[0].where.and[1].field', message: expect.stringMatching(/address1_city/) }),
    ]);
    expect(state.entries.find((e) => e.id === entry.id)!.live).toEqual(entry.live);
  });

  it('a compound may only use live segments, and stop is refused while a live compound uses it', async () => {
    const state = await loaded();
    const referrers = state.entries.find((e) => entryName(e) === 'Referrers')!;
    expect(state.stop(referrers.id)).toBe(false);
    const created = state.create('compound');
    state.updateDraft(created.id, {
      ...currentDefinition(created),
      kind: 'compound',
      query: { steps: [{ segment: created.draft!.name }] },
    } as never);
    expect(state.goLive(created.id)).toBe(false);
    state.select(created.id);
    expect(state.selectedProblems.map((p) => p.message).join()).toMatch(/draft|cycle/);
  });

  it('stop exports the segment as stopped; going live again validates it; discard returns to the live version', async () => {
    const state = await loaded();
    const vips = state.entries.find((e) => entryName(e) === 'Vips')!;
    expect(state.stop(vips.id)).toBe(true);
    expect(exportDocument(state.entries).segments.find((s) => s.name === 'Vips')).toMatchObject({
      status: 'stopped',
      members: ['ct-02', 'ct-77'],
    });
    state.updateDraft(vips.id, { name: 'Vips', kind: 'static', members: ['ct-01'] });
    expect(exportDocument(state.entries).segments.find((s) => s.name === 'Vips')).toMatchObject({ status: 'stopped', members: ['ct-01'] });
    state.discardEdits(vips.id);
    expect(exportDocument(state.entries).segments.find((s) => s.name === 'Vips')).toMatchObject({
      status: 'stopped',
      members: ['ct-02', 'ct-77'],
    });
    expect(state.goLive(vips.id)).toBe(true);
    expect(exportDocument(state.entries).segments.find((s) => s.name === 'Vips')).toMatchObject({ status: 'live' });
  });

  it('share links carry the library and read back to the same text', async () => {
    const state = await loaded();
    const link = state.shareLink('http://localhost:4173/index.html#old');
    expect(link.startsWith('http://localhost:4173/index.html#library=')).toBe(true);
    const read = readShareHash(link.slice(link.indexOf('#')));
    expect(read).toEqual({ ok: true, text: JSON.stringify(exportDocument(state.entries)) });
    expect(readShareHash('#library=%%%')).toMatchObject({ ok: false });
    expect(readShareHash('#other')).toBeUndefined();

    const other = library();
    expect(other.openShareHash(shareHash(JSON.stringify(exportDocument(state.entries))))).toBe(true);
    expect(other.shared?.names).toHaveLength(14);
    other.answerShared('replace');
    expect(names(other)).toEqual(names(state));
  });

  it('merging a shared library replaces same-named segments and keeps the rest', async () => {
    const state = library();
    await state.importText(
      JSON.stringify({
        version: 1,
        segments: [
          { name: 'Mine', kind: 'static', members: ['a'] },
          { name: 'Vips', kind: 'static', members: [] },
        ],
      }),
    );
    state.openShareHash(shareHash(EXAMPLE_LIBRARY));
    state.answerShared('merge');
    expect(names(state)).toEqual(['Mine', ...names(await loaded())]);
  });

  it('new names are unique and valid; duplicates are drafts', async () => {
    const state = await loaded();
    const a = state.create('profile');
    const b = state.create('profile');
    expect(entryName(a)).toBe('NewProfileSegment');
    expect(entryName(b)).toBe('NewProfileSegment2');
    state.duplicate(state.entries[0]!.id);
    expect(names(state)[1]).toBe('OpenedTwiceLast30DaysCopy');
    expect(state.entries[1]!.status).toBe('draft');
  });
});
