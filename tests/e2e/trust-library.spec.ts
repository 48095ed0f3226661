/** Bad input to the library in the browser: nothing crashes, nothing is lost, and the app says why. */
import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { listCounts, previewCount, row } from './designer-library-helpers';

/** Errors the page throws; every test here expects none. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function importLibrary(page: Page, library: unknown): Promise<void> {
  await page.getByTestId('library-import').setInputFiles({
    name: 'library.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(library)),
  });
  await page.getByRole('button', { name: 'Replace my library' }).click();
}

test('a static segment whose members repeat an id lists it once, and deleting it leaves a working designer', async ({ page }) => {
  const errors = pageErrors(page);
  await page.goto('/');
  await listCounts(page);
  await importLibrary(page, {
    version: 1,
    segments: [
      { name: 'Repeats', kind: 'static', status: 'live', members: ['CT-0000001', 'CT-0000002', 'CT-0000001'] },
      { name: 'Other', kind: 'static', status: 'live', members: ['CT-0000003'] },
    ],
  });
  await row(page, 'Repeats').click();
  await expect(page.getByRole('list', { name: 'Member ids' }).getByRole('listitem')).toHaveCount(2);
  expect(await previewCount(page)).toBe(2);
  await page.getByRole('button', { name: 'Delete Repeats' }).click();
  await expect(page.getByRole('button', { name: 'Delete Repeats' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete Other' })).toBeVisible();
  expect(await previewCount(page)).toBe(1);
  expect(await listCounts(page)).toEqual({ Other: 1 });
  await page.reload();
  await expect(page.getByTestId('preview-count')).toHaveText('1', { timeout: 90_000 });
  expect(errors).toEqual([]);
});

/** A library whose one condition is wrapped in 1,500 nots: an 810-character link. */
function deepLink(): string {
  const depth = 1500;
  const where = JSON.parse('{"not":'.repeat(depth) + '{"field":"address1_city","op":"isNull"}' + '}'.repeat(depth)) as unknown;
  const text = JSON.stringify({
    version: 1,
    segments: [{ name: 'Deep', kind: 'profile', status: 'draft', query: { groups: [{ entity: 'contact', where }] } }],
  });
  return `/#library=${LZString.compressToEncodedURIComponent(text)}`;
}

test('a share link nested too deeply: a first visit starts with the example segments and says why, and a reload is clean', async ({
  page,
}) => {
  const errors = pageErrors(page);
  await page.goto(deepLink());
  await expect(page.getByTestId('notice')).toContainText('conditions nest more than 64 levels deep', { timeout: 90_000 });
  expect(Object.keys(await listCounts(page)).length).toBeGreaterThan(3);
  expect(new URL(page.url()).hash).toBe('');
  await page.screenshot({ path: 'test-results/trust-deep-link.png' });
  await page.reload();
  expect(Object.keys(await listCounts(page)).length).toBeGreaterThan(3);
  expect(errors).toEqual([]);
});

test('a share link nested too deeply: a returning visitor is asked, and Replace says why and keeps the library', async ({ page }) => {
  const errors = pageErrors(page);
  await page.goto('/');
  const before = await listCounts(page);
  await page.goto(deepLink());
  await page.getByRole('button', { name: 'Replace my library' }).click();
  await expect(page.getByTestId('notice')).toContainText('conditions nest more than 64 levels deep');
  expect(await listCounts(page)).toEqual(before);
  expect(errors).toEqual([]);
});
