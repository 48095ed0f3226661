/** Builds the app's state around an engine whose worker is already starting, and mounts the page. */
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { AppState } from './state/app-state.svelte';
import { createBrowserConnector } from './data/browser-connector';
import { createBrowserDecoders } from './data/browser-decoders';
import { browserDataSources } from './data/browser-data-sources';
import type { StartedDuckDBWorker } from './data/duckdb-worker-start';
import { registerServiceWorker } from './offline/register-service-worker';

export function startApp(duckdb: StartedDuckDBWorker): void {
  const engine = createBrowserConnector(duckdb);
  engine.catch(() => undefined);
  const app = new AppState({ createConnector: () => engine, createDecoders: createBrowserDecoders, ...browserDataSources() });
  // End-to-end tests read state through this handle; nothing in the app uses it.
  (window as unknown as { segmentStudio: AppState }).segmentStudio = app;
  mount(App, { target: document.getElementById('app')!, props: { app } });
  void app.start();
  // The offline cache downloads every built file: it waits until the first counts are on screen.
  void app.data.firstScreen.then(registerServiceWorker);
}
