/**
 * Gets the files of a data folder into memory in the browser: picked or dropped files, a
 * dropped or picked folder, or files served next to the app (`?data=URL`). Reports bytes read
 * and stops when cancelled.
 */
import type { InputFile } from './decode-file';
import type { Progress } from './progress';
import { fileFormat } from './decode-file';

/** Reading counts bytes. */
export type ReadProgress = Progress & { readonly unit: 'bytes' };

type OnRead = (progress: ReadProgress) => void;

function cancelled(): DOMException {
  return new DOMException('The load was cancelled', 'AbortError');
}

/** Keeps what a data folder may hold: data files and catalog.json; hidden files are dropped. */
export function isDataFolderFile(name: string): boolean {
  return !name.startsWith('.') && (name === 'catalog.json' || fileFormat(name) !== undefined);
}

async function readStream(stream: ReadableStream<Uint8Array>, onChunk: (bytes: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw cancelled();
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
      onChunk(value.byteLength);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1 && chunks[0]!.byteLength === length) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Reads picked or dropped files; every file is kept, so the loader can say which it skipped. */
export async function readFiles(files: readonly File[], onProgress?: OnRead, signal?: AbortSignal): Promise<InputFile[]> {
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  let bytes = 0;
  const out: InputFile[] = [];
  for (const file of files) {
    const step = `Reading ${file.name}`;
    onProgress?.({ step, done: bytes, total: totalBytes, unit: 'bytes' });
    const content = await readStream(
      file.stream(),
      (n) => {
        bytes += n;
        onProgress?.({ step, done: bytes, total: totalBytes, unit: 'bytes' });
      },
      signal,
    );
    out.push({ name: file.name, bytes: content });
  }
  return out;
}

/** The files of a picked folder (`<input webkitdirectory>`): only its top level, only data files. */
export function filesOfPickedFolder(files: readonly File[]): { files: File[]; folder: string } {
  const topLevel = files.filter((f) => (f.webkitRelativePath || f.name).split('/').length <= 2);
  const folder = (files[0]?.webkitRelativePath || '').split('/')[0] || 'folder';
  return { files: topLevel.filter((f) => isDataFolderFile(f.name)), folder };
}

interface Entry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  file?(success: (file: File) => void, failure: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: Entry[]) => void, failure: (error: unknown) => void): void };
}

async function entryFile(entry: Entry): Promise<File> {
  return new Promise((resolve, reject) => entry.file!(resolve, reject));
}

async function folderEntries(entry: Entry): Promise<Entry[]> {
  const reader = entry.createReader!();
  const all: Entry[] = [];
  // readEntries returns the entries in batches until an empty one.
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** What was dropped: files as they are, and for a dropped folder the data files at its top level. */
export async function filesOfDrop(transfer: DataTransfer): Promise<{ files: File[]; label: string }> {
  const entries = [...transfer.items]
    .map((item) => (item.kind === 'file' ? (item.webkitGetAsEntry?.() as Entry | null) : null))
    .filter((e): e is Entry => !!e);
  if (entries.length === 0) return { files: [...transfer.files], label: describeFiles([...transfer.files]) };
  const files: File[] = [];
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.isFile) files.push(await entryFile(entry));
    else if (entry.isDirectory) {
      folders.push(entry.name);
      for (const child of await folderEntries(entry)) if (child.isFile && isDataFolderFile(child.name)) files.push(await entryFile(child));
    }
  }
  const label = folders.length === 1 && files.length > 0 && entries.length === 1 ? `Folder ${folders[0]}` : describeFiles(files);
  return { files, label };
}

export function describeFiles(files: readonly { name: string }[]): string {
  if (files.length === 1) return files[0]!.name;
  return `${files.length} files (${files
    .slice(0, 4)
    .map((f) => f.name)
    .join(', ')}${files.length > 4 ? ', …' : ''})`;
}

/** The URLs of `?data=…`: repeated or comma-separated, relative to the page. */
export function dataUrls(search: string, base: string): string[] {
  const params = new URLSearchParams(search);
  return params
    .getAll('data')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => new URL(v, base).href);
}

async function fetchOk(url: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw new Error(`${url}: could not be fetched (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (!response.ok) throw new Error(`${url}: the server answered ${response.status} ${response.statusText}`.trim());
  return response;
}

/**
 * The files one `?data=` URL stands for. A URL ending in `/` is a folder: its `files.json`
 * (a list of file names) says what it holds, else the server's folder listing does.
 */
async function expandFolder(url: string, signal?: AbortSignal): Promise<string[]> {
  if (!url.endsWith('/')) return [url];
  const manifest = await fetch(new URL('files.json', url), signal ? { signal } : {}).catch(() => undefined);
  if (manifest?.ok) {
    const json = (await manifest.json()) as unknown;
    const names = Array.isArray(json) ? json : (json as { files?: unknown }).files;
    if (Array.isArray(names)) return names.map((n) => new URL(String(n), url).href);
  }
  const listing = await (await fetchOk(url, signal)).text();
  const names = [...listing.matchAll(/href="([^"?#]+)"/g)]
    .map((m) => decodeURIComponent(m[1]!.split('/').pop() ?? ''))
    .filter((name) => isDataFolderFile(name));
  if (names.length === 0) throw new Error(`${url}: no files.json and no data files listed; serve a files.json naming the files`);
  return [...new Set(names)].map((n) => new URL(encodeURIComponent(n), url).href);
}

/** Fetches the files named by `?data=` URLs. */
export async function fetchDataFiles(urls: readonly string[], onProgress?: OnRead, signal?: AbortSignal): Promise<InputFile[]> {
  const all: string[] = [];
  for (const url of urls) all.push(...(await expandFolder(url, signal)));
  const out: InputFile[] = [];
  let bytes = 0;
  let totalBytes = 0;
  for (const url of all) {
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
    const response = await fetchOk(url, signal);
    const size = Number(response.headers.get('content-length') ?? 0);
    totalBytes += size;
    const step = `Downloading ${name}`;
    const content = response.body
      ? await readStream(
          response.body,
          (n) => {
            bytes += n;
            onProgress?.({ step, done: bytes, total: Math.max(totalBytes, bytes), unit: 'bytes' });
          },
          signal,
        )
      : new Uint8Array(await response.arrayBuffer());
    out.push({ name, bytes: content });
  }
  return out;
}
