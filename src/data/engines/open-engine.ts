/** Opens the engine `evaluate` was asked for. */
import { createClickhouseEngine } from './clickhouse-engine';
import type { Engine, EngineName } from './engine';
import { createNativeEngine } from './native-engine';
import { createPostgresEngine } from './postgres-engine';
import { createWasmEngine } from './wasm-engine';

export async function openEngine(name: EngineName, url?: string): Promise<Engine> {
  switch (name) {
    case 'wasm':
      return createWasmEngine();
    case 'native':
      return createNativeEngine();
    case 'postgres':
      if (url === undefined) throw new Error('the postgres engine needs --url');
      return createPostgresEngine(url);
    case 'clickhouse':
      return createClickhouseEngine(url ?? 'http://127.0.0.1:8123');
    default:
      throw new Error(`the ${name} engine is not available yet`);
  }
}
