/** Two tabs on one saved library, and a storage that refuses to save: nothing the analyst did is lost. */
import { describe, expect, it } from 'vitest';
import { entryName } from '../src/state/library/library-entries';
import { WorkspacePersistence } from '../src/state/library/library-persistence.svelte';
import { LibraryState } from '../src/state/library/library-state.svelte';
import {
  memoryWorkspaceChannels,
  memoryWorkspaceStore,
  type WorkspaceChannel,
  type WorkspaceStore,
} from '../src/state/library/library-store';
import { EvaluationClock } from '../src/state/preview/preview-clock.svelte';
import { MembersState } from '../src/state/results/results-members.svelte';
import { ResultsView } from '../src/state/results/results-view.svelte';

let time = 1000;
const clock = () => ++time;

function tab(store: WorkspaceStore, channel?: WorkspaceChannel, prefix = 't') {
  let n = 0;
  const library = new LibraryState({ catalog: () => undefined, clock, newId: () => `${prefix}${++n}` });
  const parts = {
    library,
    clock: new EvaluationClock(),
    members: new MembersState({ connector: undefined, catalog: undefined, version: 0 }),
    view: new ResultsView(),
  };
  const persistence = new WorkspacePersistence(store, parts, channel);
  channel?.listen((message) => persistence.receive(message));
  return { library, persistence };
}

const names = (library: LibraryState) => library.entries.map(entryName).sort();
const STARTER = JSON.stringify({
  version: 1,
  segments: [
    { name: 'Alpha', kind: 'static', members: ['c1'] },
    { name: 'Beta', kind: 'static', members: ['c2'] },
  ],
});

async function twoTabs() {
  const store = memoryWorkspaceStore();
  const [one, two] = memoryWorkspaceChannels(2);
  const a = tab(store, one, 'a');
  a.library.offerImport(STARTER);
  await a.persistence.save();
  const b = tab(store, two, 'b');
  await b.persistence.restore();
  await a.persistence.restore();
  return { store, a, b };
}

describe('two tabs of one library', () => {
  it("one tab's new segment survives the other's rename, in both tabs and in storage", async () => {
    const { store, a, b } = await twoTabs();
    a.library.create('static');
    await a.persistence.save();
    b.library.rename(b.library.entries[0]!.id, 'AlphaRenamed');
    await b.persistence.save();
    expect(names(a.library)).toEqual(['AlphaRenamed', 'Beta', 'NewStaticSegment']);
    expect(names(b.library)).toEqual(['AlphaRenamed', 'Beta', 'NewStaticSegment']);
    expect(store.saved!.entries.map(entryName).sort()).toEqual(['AlphaRenamed', 'Beta', 'NewStaticSegment']);
  });

  it('a deletion travels; a segment created meanwhile in the other tab stays, under a free name if taken', async () => {
    const { a, b } = await twoTabs();
    b.library.create('static');
    a.library.create('static');
    a.library.remove(a.library.entries.find((e) => entryName(e) === 'Beta')!.id);
    await a.persistence.save();
    expect(names(b.library)).toEqual(['Alpha', 'NewStaticSegment', 'NewStaticSegment2']);
    await b.persistence.save();
    expect(names(a.library)).toEqual(['Alpha', 'NewStaticSegment', 'NewStaticSegment2']);
  });

  it('the open segment changed in the other tab: this tab says so', async () => {
    const { a, b } = await twoTabs();
    const alpha = b.library.entries.find((e) => entryName(e) === 'Alpha')!;
    b.library.select(alpha.id);
    a.library.rename(alpha.id, 'AlphaNew');
    await a.persistence.save();
    expect(b.library.selected && entryName(b.library.selected)).toBe('AlphaNew');
    expect(b.library.notice?.message).toMatch(/changed in another tab/);
  });
});

describe('a save the browser refuses', () => {
  it('is said once, keeps the work in memory, and is cleared when saving works again', async () => {
    let full = true;
    const store = memoryWorkspaceStore();
    const refusing: WorkspaceStore = {
      load: () => store.load(),
      save: async (w) => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        await store.save(w);
      },
      saveNow: () => undefined,
    };
    const { library, persistence } = tab(refusing);
    library.offerImport(STARTER);
    await persistence.save();
    expect(library.notice).toMatchObject({ tone: 'error' });
    expect(library.notice?.message).toMatch(/could not be saved.*stays in this tab/);
    expect(persistence.saveError).toMatch(/quota/);
    library.dismissNotice();
    library.create('static');
    await persistence.save();
    expect(library.notice).toBeUndefined();
    expect(names(library)).toEqual(['Alpha', 'Beta', 'NewStaticSegment']);
    full = false;
    await persistence.save();
    expect(persistence.saveError).toBeUndefined();
    expect(library.notice?.message).toMatch(/Saving works again/);
    expect(store.saved!.entries).toHaveLength(3);
  });
});
