/** The reference evaluator on the worked examples of SPEC §6: it must select what expected.json says. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../src/engine/library-schema';
import { readParquetFolder } from './read-parquet-folder';
import { EXAMPLE_FOLDERS } from '../helpers/examples';
import { evaluateReference } from './reference-evaluator';

interface Expected {
  now: string;
  segments: { name: string; members: string[]; why?: string }[];
}

describe.each(EXAMPLE_FOLDERS)('reference evaluator on the worked examples in %s', async (EXAMPLES) => {
  const data = await readParquetFolder(`${EXAMPLES}/data`);
  const library = JSON.parse(await readFile(`${EXAMPLES}/library.json`, 'utf8')) as Library;
  const expected = JSON.parse(await readFile(`${EXAMPLES}/expected.json`, 'utf8')) as Expected;
  const results = evaluateReference(data, library, Date.parse(expected.now));

  it('covers every segment of expected.json', () => {
    expect([...results.keys()]).toEqual(expected.segments.map((s) => s.name));
  });

  for (const segment of expected.segments) {
    it(`${segment.name}: ${segment.why ?? ''}`, () => {
      expect(results.get(segment.name)).toEqual(segment.members);
    });
  }
});
