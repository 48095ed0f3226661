import { describe, expect, it } from 'vitest';
import { PLAIN_TABLES_UP_TO_BYTES } from '../src/data/connector';
import { estimateFilesNeed } from '../src/data/memory-usage';

const parquet = (bytes: number) => ({ name: 'interactions.parquet', bytes: new Uint8Array(bytes) });

describe('the memory a load is estimated to need in DuckDB', () => {
  it('counts plain tables, several times the files, for a load small enough to get them', () => {
    const small = estimateFilesNeed([parquet(2 ** 20)]).duckdb;
    expect(small).toBeGreaterThan(12 * 2 ** 20);
    expect(small).toBeLessThanOrEqual(20 * 2 ** 20);
  });

  it('counts compressed tables, about the files, past that size', () => {
    const bytes = PLAIN_TABLES_UP_TO_BYTES + 1;
    const large = estimateFilesNeed([parquet(bytes)]).duckdb;
    expect(large).toBeLessThan(bytes * 1.5 + 300 * 2 ** 20 + 1);
    expect(large).toBeGreaterThanOrEqual(bytes * 1.5);
  });
});
