/** Opens the engine `evaluate` was asked for. */
import type { Engine, EngineName } from './engine';
import { createWasmEngine } from './wasm-engine';

export async function openEngine(name: EngineName, _url?: string): Promise<Engine> {
  switch (name) {
    case 'wasm':
      return createWasmEngine();
    default:
      throw new Error(`the ${name} engine is not available yet`);
  }
}
