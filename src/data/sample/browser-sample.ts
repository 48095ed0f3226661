/**
 * Runs the sample generator in a web worker; cancelling ends the worker at once. The page's
 * tiny entry may start the first visit's sample before the app's code has arrived
 * (`startSampleEarly`): the generator then takes turns with DuckDB's compile from the start, and
 * the app's request for the same sample takes that worker's answer.
 */
import type { InputFile } from '../decode-file';
import type { SampleOptions, SampleProgress } from './generate-sample';
import SampleWorker from './sample-worker?worker';
import type { SampleWorkerReply } from './sample-worker';

interface StartedSample {
  readonly key: string;
  readonly worker: Worker;
  /** What the worker said before anyone asked for its sample. */
  readonly replies: SampleWorkerReply[];
}

let early: StartedSample | undefined;

function keyOf(options: SampleOptions): string {
  return JSON.stringify([options.contacts, options.interactions, options.seed, options.now, options.batchRows]);
}

function failure(event: ErrorEvent): SampleWorkerReply {
  return { kind: 'error', message: `The sample generator failed: ${event.message}` };
}

/** Starts generating a sample nobody has asked for yet; `generateSampleInWorker` with the same options takes it. */
export function startSampleEarly(options: SampleOptions): void {
  forgetEarlySample();
  const worker = new SampleWorker();
  const started: StartedSample = { key: keyOf(options), worker, replies: [] };
  worker.onmessage = (event: MessageEvent<SampleWorkerReply>) => started.replies.push(event.data);
  worker.onerror = (event) => void started.replies.push(failure(event));
  worker.postMessage(options);
  early = started;
}

/** Ends the early generator if the app did not want its sample (saved data, a link). */
export function forgetEarlySample(): void {
  early?.worker.terminate();
  early = undefined;
}

export function generateSampleInWorker(
  options: SampleOptions,
  onProgress?: (progress: SampleProgress) => void,
  signal?: AbortSignal,
): Promise<InputFile[]> {
  const taken = early?.key === keyOf(options) ? early : undefined;
  if (taken) early = undefined;
  else forgetEarlySample();
  return new Promise((resolve, reject) => {
    const worker = taken?.worker ?? new SampleWorker();
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
    const answer = (reply: SampleWorkerReply) => {
      if (reply.kind === 'progress') onProgress?.(reply.progress);
      else if (reply.kind === 'done') {
        finish();
        resolve(reply.files);
      } else {
        finish();
        reject(new Error(reply.message));
      }
    };
    worker.onmessage = (event: MessageEvent<SampleWorkerReply>) => answer(event.data);
    worker.onerror = (event) => answer(failure(event));
    if (taken) taken.replies.forEach(answer);
    else worker.postMessage(options);
  });
}
