/** The one piece of loading work running now: busy, its progress, its cancel signal, and the last failure. */
import type { Progress } from '../../data/progress';
import { describeFailure } from './load-failure';

export class LoadActivity {
  progress: Progress | undefined = $state.raw();
  /** True while files are read, generated or loaded. */
  busy = $state(false);
  error: string | undefined = $state();
  private controller: AbortController | undefined;

  /** Runs one step with a cancel signal (cancelling any step before it); a failure lands in `error`. */
  async track<T>(step: string, run: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.busy = true;
    this.progress = { step, done: 0, total: 0, unit: 'steps' };
    try {
      return await run(controller.signal);
    } catch (error) {
      this.error = describeFailure(error);
      return undefined;
    } finally {
      if (this.controller === controller) {
        this.busy = false;
        this.progress = undefined;
      }
    }
  }

  readonly report = (progress: Progress): void => {
    this.progress = progress;
  };

  cancel(): void {
    this.controller?.abort();
  }
}
