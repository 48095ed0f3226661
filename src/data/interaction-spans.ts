/** The first and last interaction of each type, for the catalog browser. */
import type { Catalog } from '../engine/catalog';
import * as q from '../engine/sql/build';
import { printQuery } from '../engine/sql/print-duckdb';
import type { Connector } from './connector';

export interface TimeSpan {
  /** Epoch milliseconds; absent when the type has no rows. */
  readonly first?: number;
  readonly last?: number;
}

export async function interactionSpans(connector: Connector, catalog: Catalog): Promise<Record<string, TimeSpan>> {
  const ts = q.col(undefined, catalog.interactions.timestampField);
  const spans: Record<string, TimeSpan> = {};
  for (const [type, info] of Object.entries(catalog.interactions.types)) {
    const span = q.select([q.as(q.agg('min', ts), 'first'), q.as(q.agg('max', ts), 'last')], { from: q.table(info.table) });
    const [row] = await connector.query(printQuery(span));
    const first = row?.first;
    const last = row?.last;
    spans[type] = typeof first === 'number' && typeof last === 'number' ? { first, last } : {};
  }
  return spans;
}
