/** DuckDB-WASM's rows give a DECIMAL as its value, as native DuckDB does (a trace showed 2500000.0 as "25000000"). */
import { expect, it } from 'vitest';
import { createNodeConnector } from '../src/data/node-connector';

it('reads DECIMAL columns as numbers, negative and null included', async () => {
  const db = await createNodeConnector();
  try {
    const rows = await db.query(
      'SELECT CAST(2500000.0 AS DECIMAL(8,1)) AS d, CAST(-1.25 AS DECIMAL(10,2)) AS e, CAST(NULL AS DECIMAL(8,1)) AS n, CAST(7 AS DECIMAL(4,0)) AS w',
    );
    expect(rows).toEqual([{ d: 2500000, e: -1.25, n: null, w: 7 }]);
  } finally {
    await db.close();
  }
});
