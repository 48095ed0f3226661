/** The whole app's state, built once with its dependencies injected. */
import { DataState, type DataDependencies } from './data-state.svelte';

export class AppState {
  readonly data: DataState;
  started = $state(false);
  startError: string | undefined = $state();

  constructor(deps: DataDependencies) {
    this.data = new DataState(deps);
  }

  async start(): Promise<void> {
    try {
      await this.data.start();
      this.started = true;
    } catch (error) {
      this.startError = error instanceof Error ? error.message : String(error);
    }
  }
}
