/** Runs the sample generator in a web worker; cancelling ends the worker at once. */
import type { InputFile } from '../decode-file';
import type { SampleOptions, SampleProgress } from './generate-sample';
import SampleWorker from './sample-worker?worker';
import type { SampleWorkerReply } from './sample-worker';

export function generateSampleInWorker(
  options: SampleOptions,
  onProgress?: (progress: SampleProgress) => void,
  signal?: AbortSignal,
): Promise<InputFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new SampleWorker();
    const stop = () => {
      worker.terminate();
      reject(new DOMException('The load was cancelled', 'AbortError'));
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<SampleWorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') onProgress?.(reply.progress);
      else if (reply.kind === 'done') {
        finish();
        resolve(reply.files);
      } else {
        finish();
        reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`The sample generator failed: ${event.message}`));
    };
    worker.postMessage(options);
  });
}
