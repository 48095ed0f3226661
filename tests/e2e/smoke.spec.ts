import { expect, test } from '@playwright/test';

test('the engine starts in the browser', async ({ page }) => {
  await page.goto('/');
  // The designer opens once the engine has started (it replaced the "Engine ready" placeholder).
  await expect(page.getByRole('complementary', { name: 'Segment library' })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/smoke.png' });
});
