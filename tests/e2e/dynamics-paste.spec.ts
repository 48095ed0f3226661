/** Paste-to-import: a Dynamics 365 query typed into the dialog, its preview and count, a located error, Create. */
import { expect, test } from '@playwright/test';

type Studio = {
  segmentStudio: {
    clock: { now: number };
    data: {
      catalog?: { entities: Record<string, { table: string }>; interactions: { types: Record<string, { table: string }> } };
      connector: { query(sql: string): Promise<Record<string, unknown>[]> };
    };
  };
};

test('a pasted Dynamics query is previewed with its size, a bad one is refused at its place, and Create adds it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('complementary', { name: 'Segment library' })).toBeVisible({ timeout: 90_000 });
  await page.waitForFunction(() => Boolean((window as unknown as Partial<Studio>).segmentStudio?.data.catalog), undefined, {
    timeout: 90_000,
  });

  await page.getByRole('button', { name: '+ New segment' }).click();
  await page.getByRole('menuitem', { name: /Paste a Dynamics query/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste a Dynamics 365 query' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Create/ })).toBeDisabled();

  const area = dialog.getByRole('textbox', { name: 'Dynamics query' });
  await area.click();
  await area.pressSequentially('PastedOpeners = INTERACTION(EmailOpened, EmailOpened_ContactLink).HAVING(COUNT()>0)\n');
  await area.pressSequentially("PROFILE(contact, contact_1).FILTER(contact_1.address1_city == 'Seattle')\nEXCEPT SEGMENT(PastedOpeners)");
  await expect(dialog.getByTestId('paste-description')).toContainText('Members of Imported_1');
  await expect(dialog.getByText('Also adds, live: Imported_1, PastedOpeners')).toBeVisible();
  await expect(dialog.getByTestId('paste-count')).toHaveText(/^\d[\d,]*$/, { timeout: 60_000 });
  const count = Number((await dialog.getByTestId('paste-count').textContent())!.replaceAll(',', ''));
  // The same contacts counted with SQL of our own: in Seattle (any case), and no email opened by now.
  const expected = await page.evaluate(async () => {
    const app = (window as unknown as Studio).segmentStudio;
    const contact = app.data.catalog!.entities.contact!.table;
    const opened = app.data.catalog!.interactions.types.EmailOpened!.table;
    const now = new Date(app.clock.now).toISOString().replace('T', ' ').slice(0, 23);
    const rows = await app.data.connector.query(
      `SELECT count(*)::INTEGER AS n FROM "${contact}" WHERE lower(address1_city) = 'seattle' AND contactid NOT IN ` +
        `(SELECT "ContactId" FROM "${opened}" WHERE "ContactId" IS NOT NULL AND "Timestamp" <= TIMESTAMP '${now}')`,
    );
    return Number(rows[0]!.n);
  });
  expect(count).toBe(expected);
  expect(count).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/dynamics-paste-preview.png' });

  // A typo in a field name: refused at its line and column with the closest name.
  await area.press('ControlOrMeta+a');
  await area.pressSequentially("PROFILE(contact)\n  .FILTER(adress1_city == 'Seattle')");
  await expect(dialog.getByTestId('paste-problems')).toContainText(
    'Line 2, column 11: unknown field "adress1_city" of contact; did you mean "address1_city"?',
  );
  await expect(dialog.getByRole('button', { name: /^Create/ })).toBeDisabled();
  await expect(area).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/dynamics-paste-error.png' });

  // Back to the good query; Create adds the draft and the live segments it uses, and opens it.
  await area.press('ControlOrMeta+a');
  await area.pressSequentially(
    "PastedOpeners = INTERACTION(EmailOpened, EmailOpened_ContactLink).HAVING(COUNT()>0) PROFILE(contact).FILTER(address1_city == 'Seattle') EXCEPT SEGMENT(PastedOpeners)",
  );
  await expect(dialog.getByTestId('paste-count')).toHaveText(count.toLocaleString('en-US'), { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Create Imported' }).click();
  await expect(dialog).toBeHidden();
  const rows = page.getByTestId('segment-row');
  await expect(rows.filter({ hasText: 'Imported_1' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'PastedOpeners' })).toHaveCount(1);
  await expect(page.getByTestId('preview-count')).toHaveText(count.toLocaleString('en-US'), { timeout: 60_000 });

  // Its Query tab writes Dynamics text again.
  await page.getByRole('tab', { name: 'Query' }).click();
  await expect(page.getByTestId('dynamics-query')).toContainText('SEGMENT(Imported_1)\nEXCEPT SEGMENT(PastedOpeners)');
  await page.screenshot({ path: 'test-results/dynamics-paste-created.png' });

  // A static segment has no Dynamics equivalent: the tab says which part and why, and writes no text.
  await rows.filter({ hasText: 'Vips' }).click();
  await page.getByRole('tab', { name: 'Query' }).click();
  await expect(page.getByTestId('dynamics-reasons')).toContainText('members: a static segment is a list of contacts');
  await expect(page.getByTestId('dynamics-query')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/dynamics-query-reasons.png' });
});
