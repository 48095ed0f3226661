/** Generates the sample data off the page's main thread, so the page stays responsive. */
import { generateSampleData, type SampleOptions, type SampleProgress } from './generate-sample';
import type { InputFile } from '../decode-file';

export type SampleWorkerReply =
  | { readonly kind: 'progress'; readonly progress: SampleProgress }
  | { readonly kind: 'done'; readonly files: InputFile[] }
  | { readonly kind: 'error'; readonly message: string };

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SampleOptions>) => void) | null;
  postMessage(message: SampleWorkerReply, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  try {
    const files = generateSampleData(event.data, (progress) => scope.postMessage({ kind: 'progress', progress }));
    const buffers = new Set(files.map((f) => f.bytes.buffer as ArrayBuffer));
    scope.postMessage({ kind: 'done', files }, [...buffers]);
  } catch (error) {
    scope.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
