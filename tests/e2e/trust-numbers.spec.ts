/**
 * Number fields apply as the user types, key by key: partial text is an error that keeps the
 * last number; switching a measure resets a threshold in other units.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './designer-library-helpers';

async function newInteractionSegment(page: Page, type: string): Promise<void> {
  await page.getByRole('button', { name: '+ New segment' }).click();
  await page.getByRole('menuitem', { name: /^Interaction segment/ }).click();
  const box = page.getByRole('combobox', { name: 'Interaction type' });
  await box.click();
  await box.fill(type);
  await page
    .getByRole('option', { name: new RegExp(`^${type}\\b`) })
    .first()
    .click();
  await page.keyboard.press('Escape');
}

async function query(page: Page): Promise<Record<string, unknown>> {
  await page.getByRole('button', { name: 'Advanced: JSON' }).click();
  const text = await page.getByRole('textbox', { name: /Edit the definition as JSON/ }).inputValue();
  await page.getByRole('button', { name: 'Back to the designer' }).click();
  return JSON.parse(text).query;
}

test('a count applies on every keystroke, and partial text keeps the last number', async ({ page }) => {
  await openApp(page);
  await newInteractionSegment(page, 'EmailOpened');
  const count = page.getByRole('spinbutton', { name: 'Count' });
  const caption = page.locator('.histogram figcaption');

  // Typed key by key, never leaving the field: each number is applied at once.
  await count.focus();
  await count.press('Control+a');
  await count.pressSequentially('2');
  await expect(caption).toContainText('have at least 2 matching');
  await count.pressSequentially('5');
  await expect(caption).toContainText('have at least 25 matching');
  await expect(count).toBeFocused();
  await expect(count).toHaveValue('25');

  // "-" is not a number yet: an error, and the segment keeps 25.
  await count.press('Control+a');
  await count.pressSequentially('-');
  await expect(page.getByText('Not a number yet')).toBeVisible();
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expect(caption).toContainText('have at least 25 matching');
  await page.screenshot({ path: `test-results/${process.env.E2E_PORT ?? 4173}/number-partial.png` });
  await count.pressSequentially('4');
  // "-4" is below zero for a count: refused, the segment still says 25.
  await expect(page.getByText('Not a number yet')).toHaveCount(0);
  await expect(page.getByText('Enter 0 or more')).toBeVisible();
  await expect(count).toHaveValue('-4');
  await expect(caption).toContainText('have at least 25 matching');
  await count.blur();
  await expect(count).toHaveValue('25');
  expect(await query(page)).toEqual({ interaction: 'EmailOpened', count: { op: 'atLeast', value: 25 } });

  // The long tail has bars of one contact, named in the singular.
  const labels = await page
    .locator('.histogram [role="button"]')
    .evaluateAll((bars) => bars.map((b) => b.getAttribute('aria-label') ?? ''));
  expect(labels.some((label) => label.startsWith('1 contact at'))).toBe(true);
  expect(labels.filter((label) => /^1 contacts/.test(label))).toEqual([]);
});

test('switching sum to a distinct count resets the threshold; a window length applies as typed', async ({ page }) => {
  await openApp(page);
  await newInteractionSegment(page, 'WebsiteVisited');
  await page.getByRole('combobox', { name: 'Measure', exact: true }).selectOption('sum');
  await page.getByRole('combobox', { name: 'Measured field' }).selectOption('VisitDuration');
  const count = page.getByRole('spinbutton', { name: 'Count' });
  await count.click();
  await count.pressSequentially('600');
  await expect
    .poll(() => query(page))
    .toEqual({
      interaction: 'WebsiteVisited',
      measure: { agg: 'sum', field: 'VisitDuration' },
      count: { op: 'atLeast', value: 600 },
    });

  await page.getByRole('combobox', { name: 'Measure', exact: true }).selectOption('countDistinct');
  await expect(count).toHaveValue('');
  await expect(page.getByText('blank = at least one')).toBeVisible();
  expect((await query(page)).count).toBeUndefined();

  await page.getByLabel('Time window').selectOption('last');
  const days = page.getByRole('spinbutton', { name: 'Sliding window: how many' });
  await days.click();
  await days.press('Control+a');
  await days.pressSequentially('7');
  await expect(days).toBeFocused();
  expect((await query(page)).window).toEqual({ last: 7, unit: 'day' });
});
