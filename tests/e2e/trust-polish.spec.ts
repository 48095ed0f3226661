/** What users hit first: where focus goes, and long names. */
import { expect, test } from '@playwright/test';
import { listCounts } from './designer-library-helpers';

test('after "+ New segment" focus is in the new segment’s first control, not back on the button', async ({ page }) => {
  await page.goto('/');
  await listCounts(page);
  await page.getByRole('button', { name: '+ New segment' }).click();
  await page.getByRole('menuitem', { name: /Interaction segment/ }).click();
  await expect
    .poll(() => page.evaluate(() => !!document.activeElement?.closest('.se-editor') && !document.activeElement.closest('.se-row.top')))
    .toBe(true);
  const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
  console.log(`focused: ${label}`);
});

test('a 100-character name wraps and leaves the Rename button on one line', async ({ page }) => {
  await page.goto('/');
  await listCounts(page);
  await page.getByRole('button', { name: '+ New segment' }).click();
  await page.getByRole('menuitem', { name: /Static segment/ }).click();
  const long = `A${'b'.repeat(99)}`;
  await page.getByRole('button', { name: 'Rename NewStaticSegment' }).click();
  await page.getByRole('textbox', { name: 'Segment name' }).fill(long);
  await page.getByRole('textbox', { name: 'Segment name' }).press('Enter');
  const rename = page.getByRole('button', { name: `Rename ${long}` });
  const box = (await rename.boundingBox())!;
  expect(box.height).toBeLessThan(40);
  await page.screenshot({ path: 'test-results/trust-long-name.png' });
});
