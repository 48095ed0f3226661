import { mount } from 'svelte';
import App from './ui/App.svelte';
import { AppState } from './state/app-state.svelte';
import { createBrowserConnector } from './data/browser-connector';
import { createBrowserDecoders } from './data/browser-decoders';
import { browserDataSources } from './data/browser-data-sources';
import './ui/global.css';
import { registerServiceWorker } from './offline/register-service-worker';

// DuckDB-WASM's worker fetches and compiles its module, the longest step of a first visit: it
// starts before the app's state is built and its page mounted.
const engine = createBrowserConnector();
engine.catch(() => undefined);
const app = new AppState({ createConnector: () => engine, createDecoders: createBrowserDecoders, ...browserDataSources() });
// End-to-end tests read state through this handle; nothing in the app uses it.
(window as unknown as { segmentStudio: AppState }).segmentStudio = app;
mount(App, { target: document.getElementById('app')!, props: { app } });
void app.start();
// The offline cache downloads every built file: it waits until the first counts are on screen.
void app.data.firstScreen.then(registerServiceWorker);
