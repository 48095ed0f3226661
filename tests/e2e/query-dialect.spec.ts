/** The Query tab's dialect choice: the open segment's SQL (its referenced segments inline) for DuckDB, PostgreSQL or ClickHouse. */
import { expect, test } from '@playwright/test';

type Studio = { segmentStudio: { data: { catalog?: unknown } } };

test('the Query tab prints the segment for the dialect chosen, by mouse or keyboard', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('complementary', { name: 'Segment library' })).toBeVisible({ timeout: 90_000 });
  await page.waitForFunction(() => Boolean((window as unknown as Partial<Studio>).segmentStudio?.data.catalog), undefined, {
    timeout: 90_000,
  });

  await page.getByTestId('segment-row').filter({ hasText: 'EngagedSeattle' }).click();
  await page.getByRole('tab', { name: 'Query' }).click();
  const sql = page.getByTestId('sql-query');
  const dialects = page.getByRole('group', { name: 'Dialect' });
  await expect(dialects.getByRole('radio', { name: 'DuckDB' })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'SQL (DuckDB)' })).toBeVisible();
  // The warehouse's table names (the sample's files), the referenced segments written inline.
  await expect(sql).toContainText('FROM "contact" AS');
  await expect(sql).toContainText('"address1_city"');
  const duckdb = await sql.innerText();

  await dialects.getByRole('radio', { name: 'ClickHouse' }).check();
  await expect(page.getByRole('heading', { name: 'SQL (ClickHouse)' })).toBeVisible();
  await expect(sql).toContainText('FROM `contact` AS');
  await expect(sql).toContainText('lowerUTF8(');
  await expect(sql).toContainText('GLOBAL IN');
  expect(await sql.innerText()).not.toBe(duckdb);
  await expect(page.getByText('Timestamps are taken as DateTime or DateTime64 in UTC')).toBeVisible();
  await page.screenshot({ path: 'test-results/query-dialect-clickhouse.png' });

  // Arrow keys move the choice, as in any radio group.
  await dialects.getByRole('radio', { name: 'ClickHouse' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(dialects.getByRole('radio', { name: 'PostgreSQL' })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'SQL (PostgreSQL)' })).toBeVisible();
  await expect(sql).toHaveAttribute('data-dialect', 'postgres');
  await expect(sql).toContainText('FROM "contact" AS');
  await expect(sql).not.toContainText('lowerUTF8(');
});
