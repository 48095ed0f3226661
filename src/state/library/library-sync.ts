/**
 * Two tabs of the app share one saved library. Each tab tells the others its entries after every
 * save; the receiver merges them entry by entry, so an edit made in one tab is never overwritten
 * by a tab that did not see it. Deletions travel as ids: an entry missing from a message may be
 * new in the receiving tab, and must not be dropped for that.
 */
import { entryName, freeName, renameEntry, type LibraryEntry } from './library-entries';

export interface LibraryMessage {
  /** Which tab sent it: a tab ignores its own. */
  readonly from: string;
  readonly entries: readonly LibraryEntry[];
  /** Ids the sender deleted since the last state the tabs shared. */
  readonly deleted: readonly string[];
}

export interface MergeResult {
  readonly entries: LibraryEntry[];
  /** Ids of local entries the other tab changed or deleted (the open one is worth a word). */
  readonly replaced: readonly string[];
  /** True when the merge changed nothing here. */
  readonly unchanged: boolean;
}

/** The library after another tab's message: the newer version of each entry, local-only ones kept. */
export function mergeLibraries(local: readonly LibraryEntry[], message: LibraryMessage, now: number): MergeResult {
  const deleted = new Set(message.deleted);
  const replaced: string[] = [];
  const merged: LibraryEntry[] = [];
  const seen = new Set<string>();
  for (const theirs of message.entries) {
    const mine = local.find((e) => e.id === theirs.id);
    seen.add(theirs.id);
    if (mine && mine.updatedAt > theirs.updatedAt) merged.push(mine);
    else {
      if (mine && mine.updatedAt !== theirs.updatedAt) replaced.push(mine.id);
      merged.push(theirs);
    }
  }
  for (const mine of local) {
    if (seen.has(mine.id)) continue;
    if (deleted.has(mine.id)) {
      replaced.push(mine.id);
      continue;
    }
    // New in this tab: kept, under a free name if the other tab took its name meanwhile.
    const clash = merged.some((e) => entryName(e).toLowerCase() === entryName(mine).toLowerCase());
    merged.push(clash ? renameEntry([mine], mine.id, freeName(entryName(mine), merged), now)[0]! : mine);
  }
  const unchanged = merged.length === local.length && merged.every((e, i) => e === local[i] || sameEntry(e, local[i]));
  return { entries: merged, replaced, unchanged };
}

function sameEntry(a: LibraryEntry, b: LibraryEntry | undefined): boolean {
  return !!b && a.id === b.id && a.updatedAt === b.updatedAt;
}
