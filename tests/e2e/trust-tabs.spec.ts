/** Two tabs of one browser on one saved library: an edit in one never silently undoes the other's. */
import { expect, test } from '@playwright/test';
import { listCounts, row } from './designer-library-helpers';

test("one tab's new segment survives a rename in the other, in both tabs and after a reload", async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await listCounts(first);
  const second = await context.newPage();
  await second.goto('/');
  await listCounts(second);

  await first.getByRole('button', { name: '+ New segment' }).click();
  await first.getByRole('menuitem', { name: /Static segment/ }).click();
  await expect(row(first, 'NewStaticSegment')).toBeVisible();
  await expect(row(second, 'NewStaticSegment')).toBeVisible();

  await row(second, 'Vips').click();
  await second.getByRole('button', { name: 'Rename Vips' }).click();
  await second.getByRole('textbox', { name: 'Segment name' }).fill('VipsRenamed');
  await second.getByRole('textbox', { name: 'Segment name' }).press('Enter');

  for (const page of [first, second]) {
    await expect(row(page, 'VipsRenamed')).toBeVisible();
    await expect(row(page, 'NewStaticSegment')).toBeVisible();
    await expect(row(page, 'Vips')).toHaveCount(0);
  }
  await first.screenshot({ path: 'test-results/trust-tabs.png' });
  await first.waitForTimeout(800);
  await first.reload();
  await expect(row(first, 'VipsRenamed')).toBeVisible({ timeout: 90_000 });
  await expect(row(first, 'NewStaticSegment')).toBeVisible();
});
