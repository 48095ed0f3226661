/** Native DuckDB as the native engine opens it: offline, UTC, bounded memory, its folder removed on close. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultMemoryLimit, memoryLimit, openNativeDuckDb } from '../../src/data/engines/native-duckdb';

describe('native DuckDB', () => {
  it('fetches nothing, reads Parquet built in, runs in UTC and removes its folder on close', async () => {
    const db = await openNativeDuckDb({ memoryLimit: '512MiB' });
    const folder = db.folder;
    try {
      const [settings] = await db.query(
        `SELECT current_setting('autoinstall_known_extensions') AS install, current_setting('autoload_known_extensions') AS load, current_setting('TimeZone') AS zone, current_setting('memory_limit') AS memory, current_setting('temp_directory') AS spill`,
      );
      expect(settings).toMatchObject({ install: false, load: false, zone: 'UTC', memory: '512.0 MiB' });
      expect(String(settings!.spill).startsWith(folder)).toBe(true);
      const [parquet] = await db.query(`SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'parquet'`);
      expect(parquet?.loaded).toBe(true);
      // A zoned instant becomes its UTC wall time, whatever the machine's zone.
      const [row] = await db.query(`SELECT CAST(TIMESTAMPTZ '2026-03-01 10:00:00+02:00' AS TIMESTAMP) AS t`);
      expect(row!.t).toBe(Date.parse('2026-03-01T08:00:00Z'));
      expect(existsSync(folder)).toBe(true);
    } finally {
      await db.close();
    }
    expect(existsSync(folder)).toBe(false);
  });

  it('takes its memory limit from SEGMENT_STUDIO_MEMORY_LIMIT, else half the machine', () => {
    expect(memoryLimit({ SEGMENT_STUDIO_MEMORY_LIMIT: '4GB' })).toBe('4GB');
    expect(memoryLimit({ SEGMENT_STUDIO_MEMORY_LIMIT: '512 mib' })).toBe('512MiB');
    expect(memoryLimit({})).toBe(defaultMemoryLimit());
    expect(() => memoryLimit({ SEGMENT_STUDIO_MEMORY_LIMIT: 'lots' })).toThrow(/"lots" is not a size such as 4GB/);
  });
});
