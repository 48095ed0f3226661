/**
 * The worked examples the tests run: the repository's own (tests/fixtures/examples), always, and
 * a further folder named by the environment (`SEGMENT_STUDIO_EXAMPLES`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A folder with `data/`, `library.json` and `expected.json`. */
export const FIXTURE_EXAMPLES = path.join(root, 'tests/fixtures/examples');
export const FIXTURE_DATA = path.join(FIXTURE_EXAMPLES, 'data');
export const FIXTURE_LIBRARY = path.join(FIXTURE_EXAMPLES, 'library.json');

/**
 * A further worked example folder, named by `SEGMENT_STUDIO_EXAMPLES` (e.g. the SPEC's own), run
 * beside the fixture when it holds an `expected.json`; never required.
 */
const extra = process.env.SEGMENT_STUDIO_EXAMPLES;
export const SHARED_EXAMPLES: string | undefined =
  extra && existsSync(path.join(path.resolve(extra), 'expected.json')) ? path.resolve(extra) : undefined;

/** Every worked example folder there is: the fixture first. */
export const EXAMPLE_FOLDERS: readonly string[] = [FIXTURE_EXAMPLES, ...(SHARED_EXAMPLES ? [SHARED_EXAMPLES] : [])];
