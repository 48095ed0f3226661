/**
 * Browser storage for the loaded data: the origin-private file system (OPFS) where the browser
 * offers it, IndexedDB otherwise. Files never leave the machine.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { DataSource } from './data-source';
import type { InputFile } from './decode-file';
import { createMemoryStore, type DataStore, type SavedData } from './persistence';

interface Manifest {
  readonly version: 1;
  readonly source: DataSource;
  /** OPFS: the folder holding this save's files. */
  readonly folder?: string;
  readonly files?: readonly string[];
}

const ROOT = 'segment-studio-data';
const MANIFEST = 'manifest.json';

async function writeFile(folder: FileSystemDirectoryHandle, name: string, bytes: Uint8Array | string): Promise<void> {
  const handle = await folder.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    await writable.write(typeof bytes === 'string' ? bytes : new Uint8Array(bytes));
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

async function readText(folder: FileSystemDirectoryHandle, name: string): Promise<string | undefined> {
  try {
    return await (await (await folder.getFileHandle(name)).getFile()).text();
  } catch {
    return undefined;
  }
}

function opfsStore(root: FileSystemDirectoryHandle): DataStore {
  const home = () => root.getDirectoryHandle(ROOT, { create: true });
  return {
    where: 'browser storage (OPFS)',
    async save(source, files) {
      const dir = await home();
      let folder: string | undefined;
      if (files) {
        // A new folder per save, and the manifest switched last: a save cut short leaves the old one intact.
        folder = `set-${Date.now().toString(36)}`;
        const target = await dir.getDirectoryHandle(folder, { create: true });
        for (const file of files) await writeFile(target, file.name, file.bytes);
      }
      const manifest: Manifest = { version: 1, source, ...(folder ? { folder, files: files!.map((f) => f.name) } : {}) };
      await writeFile(dir, MANIFEST, JSON.stringify(manifest));
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
        if (name !== MANIFEST && name !== folder) await dir.removeEntry(name, { recursive: true }).catch(() => undefined);
      }
    },
    async restore() {
      const dir = await home();
      const text = await readText(dir, MANIFEST);
      if (!text) return undefined;
      const manifest = JSON.parse(text) as Manifest;
      if (!manifest.folder || !manifest.files) return { source: manifest.source };
      const folder = await dir.getDirectoryHandle(manifest.folder);
      const files: InputFile[] = [];
      for (const name of manifest.files) {
        const file = await (await folder.getFileHandle(name)).getFile();
        files.push({ name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
      return { source: manifest.source, files };
    },
    async clear() {
      await root.removeEntry(ROOT, { recursive: true }).catch(() => undefined);
    },
  };
}

function indexedDbStore(db: UseStore): DataStore {
  return {
    where: 'browser storage (IndexedDB)',
    async save(source, files) {
      const previous = await get<Manifest>(MANIFEST, db);
      if (files) for (const file of files) await set(`file:${file.name}`, file.bytes, db);
      await set(MANIFEST, { version: 1, source, ...(files ? { files: files.map((f) => f.name) } : {}) } satisfies Manifest, db);
      const kept = new Set(files?.map((f) => f.name));
      for (const name of previous?.files ?? []) if (!kept.has(name)) await del(`file:${name}`, db);
    },
    async restore() {
      const manifest = await get<Manifest>(MANIFEST, db);
      if (!manifest) return undefined;
      if (!manifest.files) return { source: manifest.source };
      const files: InputFile[] = [];
      for (const name of manifest.files) {
        const bytes = await get<Uint8Array>(`file:${name}`, db);
        if (!bytes) return undefined;
        files.push({ name, bytes });
      }
      return { source: manifest.source, files } satisfies SavedData;
    },
    async clear() {
      const manifest = await get<Manifest>(MANIFEST, db);
      for (const name of manifest?.files ?? []) await del(`file:${name}`, db);
      await del(MANIFEST, db);
    },
  };
}

export async function createBrowserDataStore(): Promise<DataStore> {
  // Ask the browser not to evict the saved data under storage pressure; it may say no.
  void navigator.storage?.persist?.().catch(() => false);
  try {
    const root = await navigator.storage.getDirectory();
    const probe = await root.getDirectoryHandle(ROOT, { create: true });
    if ('createWritable' in FileSystemFileHandle.prototype) {
      void probe;
      return opfsStore(root);
    }
  } catch {
    // No OPFS here (private window, old browser): fall through to IndexedDB.
  }
  try {
    if (typeof indexedDB !== 'undefined') return indexedDbStore(createStore('segment-studio', 'data'));
  } catch {
    // IndexedDB refused as well.
  }
  return createMemoryStore();
}
