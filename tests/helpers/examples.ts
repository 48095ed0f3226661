/**
 * The worked examples the tests run: the repository's own (tests/fixtures/examples), always, and
 * the shared ones of the SPEC when that folder happens to be beside the repository.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A folder with `data/`, `library.json` and `expected.json`. */
export const FIXTURE_EXAMPLES = path.join(root, 'tests/fixtures/examples');
export const FIXTURE_DATA = path.join(FIXTURE_EXAMPLES, 'data');
export const FIXTURE_LIBRARY = path.join(FIXTURE_EXAMPLES, 'library.json');

// Beside the checkout, or beside the folder of a git worktree of it.
const SHARED_CANDIDATES = [path.resolve(root, '../shared/examples'), path.resolve(root, '../../shared/examples')];

/** The shared worked examples, when present; never required. */
export const SHARED_EXAMPLES: string | undefined = SHARED_CANDIDATES.find((folder) => existsSync(path.join(folder, 'expected.json')));

/** Every worked example folder there is: the fixture first. */
export const EXAMPLE_FOLDERS: readonly string[] = [FIXTURE_EXAMPLES, ...(SHARED_EXAMPLES ? [SHARED_EXAMPLES] : [])];
