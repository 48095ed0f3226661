/** The paste dialog's state: debounced import, located refusals, free names, preview, Create. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LibraryState } from '../../src/state/library/library-state.svelte';
import { DynamicsPaste, PASTE_DEBOUNCE_MS, PASTE_PREVIEW_ID } from '../../src/state/library/dynamics-paste.svelte';
import type { PreviewRequest, PreviewState } from '../../src/state/preview/preview-state.svelte';
import { MICROSOFT_CATALOG } from './microsoft-catalog';

function setUp() {
  const library = new LibraryState({ catalog: () => MICROSOFT_CATALOG });
  const scheduled: (PreviewRequest | undefined)[] = [];
  const preview = { schedule: (r: PreviewRequest | undefined) => scheduled.push(r) } as unknown as PreviewState;
  const paste = new DynamicsPaste({
    catalog: () => MICROSOFT_CATALOG,
    entries: () => library.entries,
    preview,
    addImported: (segment, uses) => library.addImported(segment, uses),
  });
  return { library, paste, scheduled };
}

const TEXT = 'Opened = INTERACTION(EmailOpened, EmailOpened_ContactLink).HAVING(COUNT()>0)\nSEGMENT(Opened) UNION SEGMENT(Opened)';

describe('DynamicsPaste', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('imports only after a pause in typing, and shows refusals at their place', () => {
    const { paste, scheduled } = setUp();
    paste.edit('PROFILE(contcat)');
    expect(paste.outcome.kind).toBe('empty');
    vi.advanceTimersByTime(PASTE_DEBOUNCE_MS);
    expect(paste.outcome).toEqual({
      kind: 'refused',
      problems: [{ line: 1, column: 9, message: 'unknown entity "contcat"; did you mean "contact"?' }],
    });
    expect(scheduled.at(-1)).toBeUndefined();
  });

  it('previews the segment with its definitions, and Create adds them under names the library does not use', () => {
    const { library, paste, scheduled } = setUp();
    library.create('profile');
    library.rename(library.entries[0]!.id, 'Opened');
    paste.edit(TEXT);
    vi.advanceTimersByTime(PASTE_DEBOUNCE_MS);
    expect(paste.outcome).toMatchObject({
      kind: 'ready',
      segment: { name: 'Imported', kind: 'compound' },
      description: 'Members of Opened2; then add members of Opened2',
    });
    const request = scheduled.at(-1)!;
    expect(request.id).toBe(PASTE_PREVIEW_ID);
    expect(request.entries.map((e) => e.live?.name ?? e.draft?.name)).toEqual(['Opened', 'Opened2']);

    expect(paste.create()).toBe(true);
    const names = library.entries.map((e) => [e.status, e.live?.name ?? e.draft?.name]);
    expect(names).toEqual([
      ['draft', 'Opened'],
      ['live', 'Opened2'],
      ['draft', 'Imported'],
    ]);
    expect(library.selected?.draft).toMatchObject({ query: { steps: [{ segment: 'Opened2' }, { combine: 'union', segment: 'Opened2' }] } });
    expect(paste.open).toBe(false);
    expect(paste.text).toBe('');
  });

  it('does nothing on Create while the text is refused', () => {
    const { library, paste } = setUp();
    paste.edit('PROFILE(contact');
    expect(paste.create()).toBe(false);
    expect(library.entries).toEqual([]);
    expect(paste.outcome.kind).toBe('refused');
  });
});
