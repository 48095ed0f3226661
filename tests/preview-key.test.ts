import { describe, expect, it } from 'vitest';
import type { Segment } from '../src/engine/library-schema';
import type { LibraryEntry } from '../src/state/library/library-entries';
import { previewKey } from '../src/state/preview/preview-key';
import { cityProfile, compound } from './helpers/segment-builders';

const live = (segment: Segment): LibraryEntry => ({ id: segment.name, status: 'live', live: segment, updatedAt: 0 });
const city = (value: string): Segment => cityProfile('Seattle', value);

describe('previewKey', () => {
  it('changes when a segment the previewed one uses only indirectly changes', () => {
    // Top uses Middle, Middle uses Seattle: an edit to Seattle changes Top's members.
    const keyWith = (seattle: Segment) =>
      previewKey({
        id: 'Top',
        definition: compound('Top', 'Middle'),
        entries: [live(compound('Middle', 'Seattle')), live(seattle)],
        ready: true,
        dataVersion: 1,
        now: 0,
      });
    expect(keyWith(city('Seattle'))).not.toBe(keyWith(city('Paris')));
  });

  it('stays the same when an unrelated segment changes, or the name', () => {
    const keyWith = (other: Segment, name = 'Top') =>
      previewKey({
        id: 'Top',
        definition: compound(name, 'Middle'),
        entries: [live(compound('Middle', 'Vips')), live(other)],
        ready: true,
        dataVersion: 1,
        now: 0,
      });
    expect(keyWith(city('Seattle'))).toBe(keyWith(city('Paris')));
    expect(keyWith(city('Seattle'), 'Renamed')).toBe(keyWith(city('Seattle')));
  });
});
