/** What the app's evaluations run in: the loaded DuckDB-WASM data, a library and an instant, for the `SegmentEvaluator`. */
import type { Catalog } from '../../engine/catalog';
import type { Library } from '../../engine/library-schema';
import type { Connector } from '../../data/connector';
import { connectorRunner } from '../../data/engines/engine';
import { epochOf, type EvaluationContext } from '../../data/segment-evaluator';

export function evaluationContext(
  data: { readonly version: number },
  db: Connector,
  catalog: Catalog,
  library: Library,
  now: number,
): EvaluationContext {
  return { runner: connectorRunner(db), catalog, library, now, epoch: epochOf(data, now) };
}
