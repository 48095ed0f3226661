import { describe, expect, it } from 'vitest';
import { entryName } from '../src/state/library/library-entries';
import { WorkspacePersistence, type PersistedParts } from '../src/state/library/library-persistence.svelte';
import { LibraryState } from '../src/state/library/library-state.svelte';
import { memoryWorkspaceStore } from '../src/state/library/library-store';
import { EvaluationClock } from '../src/state/preview/preview-clock.svelte';
import { MembersState } from '../src/state/results/results-members.svelte';
import { ResultsView } from '../src/state/results/results-view.svelte';

function parts(): PersistedParts {
  return {
    library: new LibraryState({ catalog: () => undefined }),
    clock: new EvaluationClock(),
    members: new MembersState({ connector: undefined, catalog: undefined, version: 0 }),
    view: new ResultsView(),
  };
}

const LIBRARY = JSON.stringify({
  version: 1,
  segments: [
    { name: 'Opened', kind: 'interaction', status: 'live', query: { interaction: 'EmailOpened' } },
    { name: 'Picked', kind: 'static', members: ['c1'] },
  ],
});

describe('workspace persistence', () => {
  it('a first visit finds nothing and says so', async () => {
    const persistence = new WorkspacePersistence(memoryWorkspaceStore(), parts());
    await persistence.restore();
    expect(persistence.firstVisit).toBe(true);
  });

  it('restores the library, the pending edits and where the analyst was', async () => {
    const before = parts();
    await before.library.importText(LIBRARY);
    const opened = before.library.entries[0]!;
    before.library.updateDraft(opened.id, {
      name: 'Opened',
      kind: 'interaction',
      query: { interaction: 'EmailOpened', count: { op: 'atLeast', value: 2 } },
    });
    before.library.select(before.library.entries[1]!.id);
    before.library.search = 'pick';
    before.clock.setAsOf(Date.parse('2026-03-01T00:00:00Z'));
    before.view.show('members');
    before.members.columns = ['contactid', 'firstname'];
    before.members.sortBy('firstname');
    const store = memoryWorkspaceStore();
    // What would be stored goes through JSON, as IndexedDB and localStorage keep it.
    await store.save(JSON.parse(JSON.stringify(new WorkspacePersistence(store, before).snapshot())));

    const after = parts();
    const persistence = new WorkspacePersistence(store, after);
    await persistence.restore();
    expect(persistence.firstVisit).toBe(false);
    expect(after.library.entries.map(entryName)).toEqual(['Opened', 'Picked']);
    expect(after.library.entries[0]!.draft).toMatchObject({ query: { count: { op: 'atLeast', value: 2 } } });
    expect(after.library.entries[0]!.live).toMatchObject({ status: 'live', query: { interaction: 'EmailOpened' } });
    expect(after.library.selectedId).toBe(before.library.selectedId);
    expect(after.library.search).toBe('pick');
    expect(after.clock.asOf).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(after.view.tab).toBe('members');
    expect(after.members.columns).toEqual(['contactid', 'firstname']);
    expect(after.members.sort).toEqual({ column: 'firstname', descending: false });
  });

  it('a stored live version that no longer reads as a segment comes back as a draft, nothing is lost', async () => {
    const store = memoryWorkspaceStore({
      version: 1,
      savedAt: 1,
      entries: [
        { id: 'a', status: 'live', live: { name: 'Old', kind: 'profile', query: { groups: [], windw: 1 } } as never, updatedAt: 1 },
      ],
      ui: {},
    });
    const after = parts();
    await new WorkspacePersistence(store, after).restore();
    expect(after.library.entries).toHaveLength(1);
    expect(after.library.entries[0]).toMatchObject({ status: 'draft', draft: { name: 'Old' } });
    expect(after.library.entries[0]!.live).toBeUndefined();
  });
});
