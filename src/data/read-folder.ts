/**
 * Reads a data folder from disk (Node only) into the files the loader takes. A file that cannot
 * be read is an error naming it; a symbolic link to a file is read as that file, under the
 * link's name; subfolders and hidden files (`.DS_Store`) are not part of the data.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from './data-error';
import type { InputFile } from './decode-file';

/** `EACCES: permission denied` from Node's `EACCES: permission denied, open '/x/y.csv'`. */
function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const text = String(message ?? error).split(', ')[0]!;
  return code && !text.startsWith(code) ? `${code}: ${text}` : text;
}

async function isDataEntry(folder: string, entry: Dirent): Promise<boolean> {
  if (entry.name.startsWith('.')) return false;
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(path.join(folder, entry.name))).isFile();
  } catch (error) {
    throw new DataError(entry.name, `is a symbolic link that cannot be followed in ${folder} (${reason(error)})`);
  }
}

export async function readFolder(folder: string): Promise<InputFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new DataError(folder, `cannot read the folder (${reason(error)})`);
  }
  const names: string[] = [];
  for (const entry of entries) if (await isDataEntry(folder, entry)) names.push(entry.name);
  names.sort();
  return Promise.all(
    names.map(async (name) => {
      try {
        return { name, bytes: new Uint8Array(await readFile(path.join(folder, name))) };
      } catch (error) {
        throw new DataError(name, `cannot be read from ${folder} (${reason(error)})`);
      }
    }),
  );
}
