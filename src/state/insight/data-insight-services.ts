/** The insight views' questions, answered by the headless functions on the app's connector. */
import type { Connector } from '../../data/connector';
import { connectorRunner } from '../../data/engines/engine';
import { explainContact } from '../../data/explain-contact';
import type { Catalog } from '../../engine/catalog';
import type { Explanation } from '../../engine/explain/trace';
import type { Library } from '../../engine/library-schema';
import type { DataState } from '../data/data-state.svelte';
import type { InsightServices } from './insight-services';

export class DataInsightServices implements Pick<InsightServices, 'explain'> {
  /** The headless functions keep results in fixed temporary tables: one job at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly data: Pick<DataState, 'connector' | 'catalog'>) {}

  private exclusive<T>(job: (connector: Connector, catalog: Catalog) => Promise<T>): Promise<T> {
    const { connector, catalog } = this.data;
    if (!connector || !catalog) return Promise.reject(new Error('Load data first: the answer is read from the loaded data.'));
    const result = this.queue.then(() => job(connector, catalog));
    this.queue = result.catch(() => undefined);
    return result;
  }

  explain(library: Library, segment: string, contact: string, now: number): Promise<Explanation> {
    return this.exclusive((connector, catalog) => explainContact(connectorRunner(connector), catalog, library, { now, segment, contact }));
  }
}
