/** axe-core on the main screens: no serious or critical violation. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { listCounts, row } from './designer-library-helpers';

async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`,
    );
}

test('the data screen, the library with each kind of segment, members and the query view have no serious axe violation', async ({
  page,
}) => {
  await page.goto('/');
  await listCounts(page);
  const found: string[] = [];
  await page.getByRole('button', { name: 'Data', exact: true }).click();
  await expect(page.getByTestId('entity-contact')).toBeVisible();
  found.push(...(await seriousViolations(page, 'data')));
  await page.getByRole('button', { name: 'Segments', exact: true }).click();
  for (const name of ['SeattleEmailable', 'ClickedAnEmail', 'EngagedSeattle', 'Vips']) {
    await row(page, name).click();
    await expect(page.getByRole('button', { name: `Rename ${name}` })).toBeVisible();
    await page.waitForTimeout(1500);
    found.push(...(await seriousViolations(page, name)));
  }
  await row(page, 'ClickedAnEmail').click();
  await page.getByRole('tab', { name: /Members/ }).click();
  await expect(page.getByRole('table')).toBeVisible({ timeout: 60_000 });
  found.push(...(await seriousViolations(page, 'members')));
  await page.getByRole('tab', { name: 'Query' }).click();
  await page.waitForTimeout(1000);
  found.push(...(await seriousViolations(page, 'query')));
  expect(found).toEqual([]);
});
