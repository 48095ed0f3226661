/* global MANIFEST */
// The offline cache (docs/OFFLINE.md). The build prepends `const MANIFEST = { version, shell,
// bundles }` (scripts/service-worker-plugin.ts). Installing caches the whole site, with the one
// DuckDB bundle this browser runs, before it takes over; every later request for one of those
// files is answered from the cache, so the app starts with the network off. Anything else (a
// ?data= folder, files.json) goes to the network as if there were no service worker.

const PREFIX = 'segment-studio-';
const CACHE = `${PREFIX}${MANIFEST.version}`;
const scope = new URL(self.registration.scope);
const INDEX = new URL('index.html', scope).href;

/** The check DuckDB-WASM's selectBundle makes: a module with try/catch_all validates. */
function wasmExceptions() {
  try {
    return WebAssembly.validate(
      new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]),
    );
  } catch {
    return false;
  }
}

const bundle = wasmExceptions() ? MANIFEST.bundles.eh : MANIFEST.bundles.mvp;
const PRECACHED = new Set([...MANIFEST.shell, ...bundle].map((name) => new URL(name, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `no-cache` revalidates with the server: a new version never caches an old build's file.
      await cache.addAll([...PRECACHED].map((url) => new Request(url, { cache: 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** The app's own page: the folder itself, index.html, with any query (?data=, a share link). */
function isAppPage(url) {
  return url.origin === scope.origin && (url.pathname === scope.pathname || url.href.split(/[?#]/)[0] === INDEX);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const key = request.mode === 'navigate' && isAppPage(url) ? INDEX : url.href.split('#')[0];
  if (!PRECACHED.has(key)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(key)) ?? fetch(request);
    })(),
  );
});
