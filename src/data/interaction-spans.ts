/** The first and last interaction of each type, for the catalog browser. */
import type { Catalog } from '../engine/catalog';
import { quoteIdentifier as id } from '../engine/sql/quote';
import type { Connector } from './connector';

export interface TimeSpan {
  /** Epoch milliseconds; absent when the type has no rows. */
  readonly first?: number;
  readonly last?: number;
}

export async function interactionSpans(connector: Connector, catalog: Catalog): Promise<Record<string, TimeSpan>> {
  const ts = id(catalog.interactions.timestampField);
  const spans: Record<string, TimeSpan> = {};
  for (const [type, info] of Object.entries(catalog.interactions.types)) {
    const [row] = await connector.query(`SELECT min(${ts}) AS first, max(${ts}) AS last FROM ${id(info.table)}`);
    const first = row?.first;
    const last = row?.last;
    spans[type] = typeof first === 'number' && typeof last === 'number' ? { first, last } : {};
  }
  return spans;
}
