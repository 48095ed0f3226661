/**
 * Where the designer keeps its work between visits: IndexedDB (idb-keyval), plus a copy in
 * localStorage written synchronously when the page is hidden, because an IndexedDB write started
 * while the page unloads may never finish. Whichever copy is newer wins.
 */
import { get, set } from 'idb-keyval';
import type { LibraryEntry } from './library-entries';
import type { LibraryMessage } from './library-sync';

export interface DesignerUi {
  readonly selectedId?: string;
  readonly search?: string;
  readonly tab?: string;
  readonly asOf?: number;
  readonly memberColumns?: readonly string[];
  readonly memberSort?: { readonly column: string; readonly descending: boolean };
}

export interface StoredWorkspace {
  readonly version: 1;
  readonly savedAt: number;
  readonly entries: readonly LibraryEntry[];
  readonly ui: DesignerUi;
}

export interface WorkspaceStore {
  load(): Promise<StoredWorkspace | undefined>;
  save(workspace: StoredWorkspace): Promise<void>;
  /** A last synchronous save while the page goes away. */
  saveNow(workspace: StoredWorkspace): void;
}

const KEY = 'segment-studio:workspace';

function isWorkspace(value: unknown): value is StoredWorkspace {
  const w = value as StoredWorkspace | undefined;
  return !!w && w.version === 1 && typeof w.savedAt === 'number' && Array.isArray(w.entries) && typeof w.ui === 'object';
}

function readLocal(): StoredWorkspace | undefined {
  try {
    const text = localStorage.getItem(KEY);
    const value: unknown = text ? JSON.parse(text) : undefined;
    return isWorkspace(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function browserWorkspaceStore(): WorkspaceStore {
  return {
    async load() {
      let stored: unknown;
      try {
        stored = await get(KEY);
      } catch {
        stored = undefined;
      }
      const fromDb = isWorkspace(stored) ? stored : undefined;
      const fromLocal = readLocal();
      if (fromDb && fromLocal) return fromLocal.savedAt > fromDb.savedAt ? fromLocal : fromDb;
      return fromDb ?? fromLocal;
    },
    async save(workspace) {
      await set(KEY, plainCopy(workspace));
      // The synchronous copy is only for the moment of unloading; a stale one must not win later.
      try {
        if ((readLocal()?.savedAt ?? Infinity) <= workspace.savedAt) localStorage.removeItem(KEY);
      } catch {
        /* storage may be disabled */
      }
    },
    saveNow(workspace) {
      try {
        localStorage.setItem(KEY, JSON.stringify(workspace));
      } catch {
        /* full or disabled: the IndexedDB copy is still there */
      }
    },
  };
}

/** IndexedDB stores structured clones; a JSON round trip drops anything that cannot be cloned. */
function plainCopy(workspace: StoredWorkspace): StoredWorkspace {
  return JSON.parse(JSON.stringify(workspace)) as StoredWorkspace;
}

export function memoryWorkspaceStore(initial?: StoredWorkspace): WorkspaceStore & { saved: StoredWorkspace | undefined } {
  const store = {
    saved: initial,
    async load() {
      return store.saved;
    },
    async save(workspace: StoredWorkspace) {
      store.saved = workspace;
    },
    saveNow(workspace: StoredWorkspace) {
      store.saved = workspace;
    },
  };
  return store;
}

/** How tabs of the app tell each other their library (BroadcastChannel in the browser). */
export interface WorkspaceChannel {
  post(message: LibraryMessage): void;
  listen(receive: (message: LibraryMessage) => void): void;
}

export function browserWorkspaceChannel(): WorkspaceChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(`${KEY}:library`);
  return {
    post: (message) => channel.postMessage(JSON.parse(JSON.stringify(message))),
    listen: (receive) => channel.addEventListener('message', (event: MessageEvent<LibraryMessage>) => receive(event.data)),
  };
}

/** Channels between tabs of one test: what one posts, every other receives. */
export function memoryWorkspaceChannels(count: number): WorkspaceChannel[] {
  const listeners: ((message: LibraryMessage) => void)[][] = Array.from({ length: count }, () => []);
  return listeners.map((own) => ({
    post: (message) => listeners.filter((l) => l !== own).forEach((others) => others.forEach((receive) => receive(message))),
    listen: (receive) => void own.push(receive),
  }));
}
