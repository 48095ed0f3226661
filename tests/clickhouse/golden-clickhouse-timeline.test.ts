/**
 * The statements `--timeline` sends to ClickHouse, pinned (tests/clickhouse/golden/timeline-*.sql):
 * the series and pair tables, the counts and the members kept from one instant to the next, in
 * the form ClickHouse 18.16 runs (one JOIN per SELECT, equalities only in ON). That they select
 * what DuckDB-WASM selects is checked on the cluster by tests/engine/insight-engines.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlRunner } from '../../src/data/engines/engine';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { evaluateTimeline } from '../../src/data/timeline';
import type { Catalog } from '../../src/engine/catalog';
import { fixtureFiles } from '../helpers/fixture-data';
import { TIMELINE_LIBRARY } from '../helpers/insight-libraries';

/** A ClickHouse runner that keeps what it is sent and returns no rows. */
function recordingRunner(): { runner: SqlRunner; sent: string[] } {
  const sent: string[] = [];
  const runner: SqlRunner = {
    dialect: 'clickhouse',
    execute: async (sql) => void sent.push(sql),
    query: async (sql) => (sent.push(sql), []),
  };
  return { runner, sent };
}

const SERIES = { from: Date.parse('2026-03-20T05:00:00Z'), to: Date.parse('2026-03-22T05:00:00Z'), step: 'day' } as const;

describe('golden ClickHouse timeline SQL', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    const db = await createNodeConnector();
    catalog = (await loadData(db, fixtureFiles(), nodeDecoders)).catalog;
    await db.close();
  });

  // An interaction condition under a profile condition (joins of instants, contacts and members)
  // and one whose count holds at zero (a LEFT JOIN on instant and contact).
  for (const [segment, file] of [
    ['SeattleOpeners', 'timeline-profile-interaction'],
    ['QuietSeattle', 'timeline-profile-interaction-zero'],
  ] as const)
    it(`${segment}: every statement`, async () => {
      const { runner, sent } = recordingRunner();
      await evaluateTimeline(runner, catalog, TIMELINE_LIBRARY, { ...SERIES, only: segment });
      // The statements name their tables after a counter of runs: the same in every run of this file alone.
      const text = sent.map((sql) => sql.replace(/timeline:\d+:/g, 'timeline:N:')).join(';\n\n');
      expect(text).not.toMatch(/ON TRUE|ON 1\b/);
      await expect(`${text};\n`).toMatchFileSnapshot(`golden/${file}.sql`);
    });
});
