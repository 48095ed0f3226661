/** Reads a data folder from disk (Node only) into the files the loader takes. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from './data-error';
import type { InputFile } from './decode-file';

/**
 * Every visible file of the folder, sorted by name. A file `leaveOnDisk` picks is not read into
 * memory: the engine reads it in place from its `path`.
 */
export async function readFolder(folder: string, leaveOnDisk: (name: string) => boolean = () => false): Promise<InputFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    files.map(async (name) => {
      const file = path.resolve(folder, name);
      if (leaveOnDisk(name)) return { name, bytes: new Uint8Array(0), path: file, size: (await stat(file)).size };
      return { name, bytes: new Uint8Array(await readFile(file)), path: file };
    }),
  );
}

/** `readFolder` for an engine's load: a folder that cannot be read is a data error naming it. */
export async function readDataFolder(folder: string, leaveOnDisk?: (name: string) => boolean): Promise<InputFile[]> {
  try {
    return await readFolder(folder, leaveOnDisk);
  } catch (error) {
    throw new DataError(folder, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
