/** Bad input to the library never crashes it, never loses what the analyst had, and says why. */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../src/engine/catalog';
import { entryName } from '../src/state/library/library-entries';
import { readLibraryImport } from '../src/state/library/library-import';
import { shareHash } from '../src/state/library/library-share';
import { LibraryState } from '../src/state/library/library-state.svelte';

const catalog: Catalog = {
  contactEntity: 'contact',
  entities: { contact: { table: 'contact', key: 'contactid', fields: { contactid: 'text', city: 'text' } } },
  relations: [],
  interactions: { typeField: 'InteractionType', timestampField: 'Timestamp', contactLinks: ['ContactId'], types: {} },
};

function library(): LibraryState {
  let n = 0;
  let t = 1000;
  return new LibraryState({ catalog: () => catalog, newId: () => `id${++n}`, clock: () => ++t });
}

function libraryText(...names: string[]): string {
  return JSON.stringify({ version: 1, segments: names.map((name) => ({ name, kind: 'static', status: 'draft', members: ['c1'] })) });
}

/** A library whose one condition is wrapped in `depth` nots: 810 characters as a share link at 1,500. */
function deepLibrary(depth: number): string {
  const condition = '{"not":'.repeat(depth) + '{"field":"city","op":"isNull"}' + '}'.repeat(depth);
  return `{"version":1,"segments":[{"name":"Deep","kind":"profile","status":"draft","query":{"groups":[{"entity":"contact","where":${condition}}]}}]}`;
}

describe('a library nested deeper than the parser can follow', () => {
  it('is refused with a reason, not a crash', () => {
    const result = readLibraryImport(deepLibrary(1500), 'replace', [], catalog);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/conditions nest more than 64 levels deep/);
  });

  it('from a share link: Replace says why and keeps the library', () => {
    const state = library();
    state.offerImport(libraryText('Mine'));
    expect(state.openShareHash(shareHash(deepLibrary(1500)))).toBe(true);
    expect(() => state.answerShared('replace')).not.toThrow();
    expect(state.entries.map(entryName)).toEqual(['Mine']);
    expect(state.notice).toMatchObject({ tone: 'error' });
    expect(state.notice?.message).toMatch(/shared library was not opened.*conditions nest more than 64 levels deep/s);
  });
});

describe('importing a file asks before it replaces anything', () => {
  it('an empty library takes the file at once', () => {
    const state = library();
    expect(state.offerImport(libraryText('A', 'B')).ok).toBe(true);
    expect(state.entries.map(entryName)).toEqual(['A', 'B']);
    expect(state.shared).toBeUndefined();
  });

  it('with segments of ones own, the file waits for replace, add or ignore', () => {
    const state = library();
    state.offerImport(libraryText('Mine'));
    expect(state.offerImport(libraryText('Theirs')).ok).toBe(true);
    expect(state.entries.map(entryName)).toEqual(['Mine']);
    expect(state.shared).toMatchObject({ source: 'file', names: ['Theirs'] });
    state.answerShared('merge');
    expect(state.entries.map(entryName)).toEqual(['Mine', 'Theirs']);
  });

  it('an empty file never empties the library unasked', () => {
    const state = library();
    state.offerImport(libraryText('Mine'));
    state.offerImport(libraryText());
    state.answerShared('ignore');
    expect(state.entries.map(entryName)).toEqual(['Mine']);
  });

  it('a file that cannot be used is refused at once with the reasons, and nothing waits', () => {
    const state = library();
    state.offerImport(libraryText('Mine'));
    const result = state.offerImport('{ "version": 1, "segments": [{ "name": "X" }] }');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Nothing was imported/);
    expect(state.shared).toBeUndefined();
    expect(state.entries.map(entryName)).toEqual(['Mine']);
  });
});
