/** The paste dialog refuses deeply nested or huge text with a message; the app stays usable. */
import { expect, test } from '@playwright/test';

test('a paste nested 20,000 deep or 200,000 characters long is refused at once, and the app goes on', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.waitForFunction(
    // The app's code loads after the tiny entry, so the hook may not be there yet.
    () => Boolean((window as unknown as { segmentStudio?: { data: { catalog?: unknown } } }).segmentStudio?.data.catalog),
    undefined,
    {
      timeout: 90_000,
    },
  );
  await page.getByRole('button', { name: '+ New segment' }).click();
  await page.getByRole('menuitem', { name: /Paste a Dynamics query/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste a Dynamics 365 query' });
  const area = dialog.getByRole('textbox', { name: 'Dynamics query' });

  await area.fill(`PROFILE(contact).FILTER(${'('.repeat(20_000)}address1_city == 'x'${')'.repeat(20_000)})`);
  await expect(dialog.getByText(/parentheses nest more than 100 levels deep here/)).toBeVisible({ timeout: 5_000 });
  await expect(dialog.getByRole('button', { name: /^Create/ })).toBeDisabled();

  await area.fill(`PROFILE(contact).FILTER(address1_city == '${'x'.repeat(200_000)}')`);
  await expect(dialog.getByText(/the text is 200,044 characters long; a pasted query may have at most 100,000/)).toBeVisible({
    timeout: 5_000,
  });

  await area.fill('PROFILE(contact)');
  await expect(dialog.getByTestId('paste-count')).toHaveText('10,000', { timeout: 60_000 });
  expect(errors).toEqual([]);
});
