/** Opens the engine `evaluate` was asked for. */
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
    default:
      throw new Error(`the ${name} engine is not available yet`);
  }
}
