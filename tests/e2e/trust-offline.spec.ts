/**
 * Offline: after one visit over http the built app starts with the network off (its service
 * worker serves the shell, the DuckDB and Parquet wasm and the sample's worker); a new build
 * replaces the old cache; opened from disk it says what to do instead of showing a blank page.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const port = Number(process.env.E2E_PORT ?? 4173);
const DIST = path.resolve(`.e2e-dist/${port}`);

async function waitForSample(page: Page): Promise<void> {
  await expect(page.getByTestId('contact-count')).toHaveText('10,000', { timeout: 90_000 });
  await expect(page.getByTestId('interaction-count')).toHaveText('300,000');
}

/** Waits until the service worker controls the page and its cache is complete. */
async function waitForOfflineCache(page: Page): Promise<string[]> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 90_000 });
  return page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names[0]!);
    return [...names, ...(await cache.keys()).map((request) => new URL(request.url).pathname)];
  });
}

test.use({ serviceWorkers: 'allow' });

test('after a first visit the app starts offline and shows the sample', async ({ page, context }) => {
  await page.goto('/');
  await waitForSample(page);
  const cached = await waitForOfflineCache(page);
  expect(cached[0]).toMatch(/^segment-studio-[0-9a-f]{16}$/);
  expect(cached).toContain('/index.html');
  expect(cached.some((name) => /\/assets\/duckdb-eh-.*\.wasm$/.test(name))).toBe(true);
  expect(cached.some((name) => /\/assets\/parquet_wasm_bg-.*\.wasm$/.test(name))).toBe(true);
  expect(cached.some((name) => /\/assets\/sample-worker-.*\.js$/.test(name))).toBe(true);
  // The browser runs the exception-handling bundle; the other one is not stored.
  expect(cached.some((name) => /duckdb-mvp/.test(name))).toBe(false);

  await context.setOffline(true);
  await page.reload();
  await waitForSample(page);
  // A link with a query (a share link, ?data=) is the same page, so it opens offline too.
  await page.goto('/?from=offline');
  await waitForSample(page);
  await page.screenshot({ path: `test-results/${port}/offline-reload.png` });
});

/** Serves the built site with `sw.js` and `index.html` replaceable, as a redeployment would. */
function serveBuild(overrides: Map<string, string>): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = createServer((request, response) => {
    let name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).slice(1) || 'index.html';
    if (name.includes('..')) name = 'missing';
    const file = path.join(DIST, name);
    const body = overrides.get(name) ?? (statSync(file, { throwIfNoEntry: false })?.isFile() ? readFileSync(file) : undefined);
    if (body === undefined) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[path.extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    response.end(body);
  });
  return new Promise((resolve) =>
    server.listen(port + 1000, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${port + 1000}` })),
  );
}

test('a new build replaces the old cache: the new version activates and the old cache is deleted', async ({ page, context }) => {
  const overrides = new Map<string, string>();
  const { server, origin } = await serveBuild(overrides);
  try {
    await page.goto(`${origin}/`);
    await waitForSample(page);
    const [first] = await waitForOfflineCache(page);
    const version = first!.replace('segment-studio-', '');

    // Redeploy: a new index.html and the service worker of its new version.
    const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    expect(sw).toContain(`"version":"${version}"`);
    overrides.set('sw.js', sw.replace(`"version":"${version}"`, `"version":"${version}-next"`));
    overrides.set(
      'index.html',
      readFileSync(path.join(DIST, 'index.html'), 'utf8').replace('<title>Segment Studio</title>', '<title>Segment Studio (next)</title>'),
    );
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 90_000 }).toEqual([`segment-studio-${version}-next`]);

    await context.setOffline(true);
    await page.reload();
    await expect(page).toHaveTitle('Segment Studio (next)');
    await waitForSample(page);
  } finally {
    await context.setOffline(false);
    server.close();
  }
});

test('dist/index.html opened from file:// explains how to serve it', async ({ page }) => {
  await page.goto(pathToFileURL(path.join(DIST, 'index.html')).href);
  await expect(page.getByRole('heading', { name: /needs to be served/ })).toBeVisible();
  await expect(page.getByText('python3 -m http.server')).toBeVisible();
  await expect(page.getByText(/works offline/)).toBeVisible();
  // No service worker on a file:// page (browsers refuse to register one there).
  expect(await page.evaluate(() => 'serviceWorker' in navigator && navigator.serviceWorker.controller)).toBeFalsy();
});
