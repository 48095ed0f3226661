/** Reads a data folder from disk (Node only) into the files the loader takes. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputFile } from './decode-file';

export async function readFolder(folder: string): Promise<InputFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  return Promise.all(files.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(folder, name))) })));
}
