/** The built app opened from disk says how to start it instead of showing a blank page. */
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

test('dist/index.html opened from file:// explains how to serve it', async ({ page }) => {
  const port = Number(process.env.E2E_PORT ?? 4173);
  await page.goto(pathToFileURL(path.resolve(`.e2e-dist/${port}/index.html`)).href);
  await expect(page.getByRole('heading', { name: /needs to be served/ })).toBeVisible();
  await expect(page.getByText('python3 -m http.server')).toBeVisible();
});
