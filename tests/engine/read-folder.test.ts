/** A data folder on disk: every file that cannot be read is named; links to files are followed. */
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/data-error';
import { readFolder } from '../../src/data/read-folder';
import { runPiped } from '../helpers/cli-pipes';

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'segment-studio-folder-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

async function refusal(folder: string): Promise<DataError> {
  const error: unknown = await readFolder(folder).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('readFolder', () => {
  it('reads a symbolic link to a file as that file, under the link name', async () => {
    const elsewhere = folderWith({ 'people.csv': 'contactid\nc1\n' });
    const folder = folderWith({ 'notes.txt': 'x', '.hidden.csv': 'x' });
    symlinkSync(path.join(elsewhere, 'people.csv'), path.join(folder, 'contact.csv'));
    symlinkSync(elsewhere, path.join(folder, 'linked-folder'));
    mkdirSync(path.join(folder, 'sub'));
    const files = await readFolder(folder);
    expect(files.map((f) => f.name)).toEqual(['contact.csv', 'notes.txt']);
    expect(new TextDecoder().decode(files[0]!.bytes)).toBe('contactid\nc1\n');
  });

  it('names a link that leads nowhere and a link in a loop', async () => {
    const folder = folderWith({ 'contact.csv': 'contactid\nc1\n' });
    symlinkSync(path.join(folder, 'gone.csv'), path.join(folder, 'interactions.csv'));
    expect((await refusal(folder)).message).toMatch(/^interactions\.csv: is a symbolic link that cannot be followed .*ENOENT/);
    const loop = folderWith({});
    symlinkSync(path.join(loop, 'b.csv'), path.join(loop, 'a.csv'));
    symlinkSync(path.join(loop, 'a.csv'), path.join(loop, 'b.csv'));
    expect((await refusal(loop)).message).toMatch(/^a\.csv: is a symbolic link that cannot be followed .*ELOOP/);
  });

  it('names a file whose bytes cannot be read', async () => {
    const folder = folderWith({ 'contact.csv': 'contactid\nc1\n' });
    // A regular file whose read fails even for root: reading /proc/self/mem from offset 0.
    symlinkSync('/proc/self/mem', path.join(folder, 'account.csv'));
    const error = await refusal(folder);
    expect(error.file).toBe('account.csv');
    expect(error.message).toMatch(/^account\.csv: cannot be read from .* \(EIO: i\/o error/);
  });

  it.skipIf(process.getuid?.() === 0)('names a file without read permission', async () => {
    const folder = folderWith({ 'contact.csv': 'contactid\nc1\n', 'account.csv': 'accountid\na1\n' });
    chmodSync(path.join(folder, 'account.csv'), 0o000);
    expect((await refusal(folder)).message).toMatch(/^account\.csv: cannot be read from .*EACCES/);
  });

  it('names the folder it cannot list', async () => {
    expect((await refusal('/nonexistent-segment-studio')).message).toMatch(/cannot read the folder \(ENOENT: no such file or directory/);
  });

  it('evaluate names the unreadable file on stderr', async () => {
    const folder = folderWith({ 'contact.csv': 'contactid\nc1\n' });
    symlinkSync('/proc/self/mem', path.join(folder, 'account.csv'));
    const library = path.join(folderWith({ 'l.json': '{"version":1,"segments":[]}' }), 'l.json');
    const run = await runPiped('evaluate.mjs', ['--data', folder, '--segments', library]);
    expect(run.status).toBe(1);
    expect(run.stdout.toString()).toBe('');
    expect(run.stderr.toString()).toMatch(/^data error: account\.csv: cannot be read from .*EIO/);
  });
});
