/**
 * Registers the offline cache (`sw.js`, written by the build from service-worker.js) when the
 * built app is served over http(s). The dev server and file:// pages have none.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
    // Without it the app still runs online; only an offline reload would fail.
    console.warn('Segment Studio: the offline cache could not be installed', error);
  });
}
