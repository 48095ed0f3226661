import { expect, test } from '@playwright/test';

test('the engine starts in the browser', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Engine ready')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/smoke.png' });
});
