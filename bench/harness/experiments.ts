/** Measurements that try out proposed changes, beside the app's own code path. */
import type { Connector } from '../../src/data/connector';
import type { InputFile } from '../../src/data/decode-file';
import type { Catalog } from '../../src/engine/catalog';

export interface ExperimentContext {
  readonly db: Connector;
  readonly files: readonly InputFile[];
  readonly catalog: Catalog;
  readonly runs: number;
}

export async function runExperiment(name: string, _context: ExperimentContext): Promise<unknown> {
  throw new Error(`unknown experiment ${name}`);
}
