import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { sampleSource, temporaryFile, writeSampleFolder } from './designer-library-helpers';

interface Studio {
  started: boolean;
  data: { catalog?: unknown };
  clock: { now: number };
  library: {
    create(kind: string): { id: string };
    updateDraft(id: string, definition: unknown): void;
    entries: { id: string; live?: { name: string } }[];
    select(id: string): void;
  };
  preview: { status: string; stale: boolean; total?: number };
  funnel: { status: string };
}

async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(
    () => {
      const app = (window as unknown as { segmentStudio?: Studio }).segmentStudio;
      return app?.started && app.data.catalog && app.library.entries.length > 0;
    },
    null,
    { timeout: 120_000 },
  );
}

/** Members of each segment of `segments`, from `npm run evaluate` on the same sample at the app's instant. */
async function evaluateMembers(page: Page, segments: unknown[]): Promise<Record<string, string[]>> {
  const now = await page.evaluate(() => (window as unknown as { segmentStudio: Studio }).segmentStudio.clock.now);
  const dir = writeSampleFolder(await sampleSource(page));
  const file = temporaryFile('library.json', JSON.stringify({ version: 1, segments }));
  const stdout = execFileSync(
    'npm',
    ['run', '--silent', 'evaluate', '--', '--data', dir, '--segments', file, '--now', new Date(now).toISOString(), '--members'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const output = JSON.parse(stdout) as { segments: { name: string; members: string[] }[] };
  return Object.fromEntries(output.segments.map((s) => [s.name, s.members]));
}

async function openDraft(page: Page, definition: Record<string, unknown>): Promise<void> {
  await page.evaluate((d) => {
    const { library } = (window as unknown as { segmentStudio: Studio }).segmentStudio;
    const entry = library.create(d.kind as string);
    library.updateDraft(entry.id, d);
  }, definition);
  await page.waitForFunction(() => {
    const app = (window as unknown as { segmentStudio: Studio }).segmentStudio;
    return app.preview.status === 'ready' && !app.preview.stale && app.funnel.status === 'ready';
  });
}

function openSegment(page: Page, name: string) {
  return page.locator(`[data-testid="segment-row"][data-name="${name}"]`).click();
}

const city = { field: 'address1_city', op: 'eq', value: 'Seattle' };
const emailable = { field: 'donotemail', op: 'isFalse' };
const clicked = { interaction: 'EmailClicked' };

test.describe('explaining the numbers', () => {
  test('each group shows where its conditions lose people, with the numbers evaluate gives', async ({ page }) => {
    await openApp(page);
    const conditions = [city, emailable, clicked];
    await openDraft(page, { name: 'FunnelCheck', kind: 'profile', query: { groups: [{ where: { and: conditions } }] } });
    const prefix = (k: number) => ({ name: `P${k}`, kind: 'profile', query: { groups: [{ where: { and: conditions.slice(0, k + 1) } }] } });
    const alone = (k: number) => ({ name: `A${k}`, kind: 'profile', query: { groups: [{ where: conditions[k] }] } });
    const expected = await evaluateMembers(
      page,
      [0, 1, 2].flatMap((k) => [prefix(k), alone(k)]),
    );
    const table = page.getByRole('table', { name: 'Contacts left after each condition of group 1' });
    await expect(table).toBeVisible();
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(3);
    for (const k of [0, 1, 2]) {
      const cells = rows.nth(k).locator('td.n');
      await expect(cells.nth(0)).toHaveText(expected[`P${k}`]!.length.toLocaleString('en-US'));
      await expect(cells.nth(2)).toHaveText(expected[`A${k}`]!.length.toLocaleString('en-US'));
    }
    expect(expected.P0!.length).toBeGreaterThan(expected.P2!.length);
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/insight-funnel.png', fullPage: true });
  });

  test('clicking a member shows why it is in, with a verdict on every part', async ({ page }) => {
    await openApp(page);
    await openSegment(page, 'SeattleEmailable');
    await page.getByRole('tab', { name: /^Members/ }).click();
    const first = page.locator('table button.key').first();
    await expect(first).toBeVisible({ timeout: 60_000 });
    const key = (await first.textContent())!.trim();
    await first.click();
    const answer = page.locator('section.answer');
    await expect(answer.getByRole('heading')).toContainText(`${key} is in SeattleEmailable`);
    await expect(answer.getByText(/Group 1/)).toBeVisible();
    await expect(answer.locator('.verdict.holds').first()).toBeVisible();
    await expect(answer).toContainText('the value is "Seattle"');
    await expect(answer).toContainText('Exclude');
    await page.screenshot({ path: 'test-results/insight-explain-member.png', fullPage: true });

    // A contact that is not a member, looked up by key.
    const outsider = (
      await evaluateMembers(page, [
        { name: 'Out', kind: 'profile', query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'Paris' } }] } },
      ])
    ).Out![0]!;
    await page.getByLabel(/Look up a contact/).fill(outsider);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await expect(answer.getByRole('heading')).toContainText(`${outsider} is not in SeattleEmailable`);
    await expect(answer.locator('.verdict:not(.holds)').first()).toBeVisible();
  });

  test('three segments overlap: every intersection counted, its members listed, a compound started', async ({ page }) => {
    await openApp(page);
    await openSegment(page, 'SeattleEmailable');
    await page.getByRole('tab', { name: 'Overlap' }).click();
    const names = ['SeattleEmailable', 'ClickedAnEmail', 'Vips'];
    for (const name of names) await page.getByRole('checkbox', { name }).check();
    const columns = page.getByRole('list', { name: 'Intersections, largest first' }).getByRole('button');
    await expect(columns.first()).toBeVisible({ timeout: 60_000 });

    const library = await page.evaluate(() =>
      (window as unknown as { segmentStudio: Studio }).segmentStudio.library.entries.map((e) => e.live).filter(Boolean),
    );
    const members = await evaluateMembers(
      page,
      library.filter((s) => names.includes(s!.name)),
    );
    const sets = names.map((n) => new Set(members[n]));
    const sizes = new Map<string, number>();
    for (const id of new Set(names.flatMap((n) => members[n]!))) {
      const inside = names.filter((_, i) => sets[i]!.has(id)).join(' and ');
      sizes.set(inside, (sizes.get(inside) ?? 0) + 1);
    }
    await expect(columns).toHaveCount(sizes.size);
    for (const [inside, size] of sizes) {
      const contacts = size === 1 ? '1 contact' : `${size.toLocaleString('en-US')} contacts`;
      await expect(page.getByRole('button', { name: `${contacts} in ${inside} only` })).toBeVisible();
    }
    const both = [...sets[0]!].filter((id) => sets[1]!.has(id)).length;
    await expect(
      page
        .getByRole('table', { name: /Pairwise overlap/ })
        .locator('tbody tr')
        .first()
        .locator('td')
        .nth(1),
    ).toContainText(both.toLocaleString('en-US'));
    await columns.first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Members of the chosen intersection' }).locator('li').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/insight-overlap.png', fullPage: true });
    await page.getByRole('button', { name: 'Start a compound segment of exactly these' }).click();
    await page.getByRole('tab', { name: 'Definition' }).click();
    await expect(page.locator('.se-editor')).toContainText(names[0]!);
  });

  test('a click on a histogram bar sets the threshold there', async ({ page }) => {
    await openApp(page);
    await openDraft(page, {
      name: 'HistogramCheck',
      kind: 'interaction',
      query: { interaction: 'EmailOpened', count: { op: 'atLeast', value: 1 } },
    });
    const bars = page.locator('.histogram g.bar rect');
    await expect(bars.nth(3)).toBeVisible({ timeout: 60_000 });
    const label = (await bars.nth(3).getAttribute('aria-label'))!;
    const value = Number(/at (\d+) matching/.exec(label)![1]);
    await bars.nth(3).click();
    await expect(page.getByRole('spinbutton', { name: 'Count' })).toHaveValue(String(value));
    await page.getByLabel('Log scale').check();
    await bars.nth(1).focus();
    await page.keyboard.press('Enter');
    const second = Number(/at (\d+) matching/.exec((await bars.nth(1).getAttribute('aria-label'))!)![1]);
    await expect(page.getByRole('spinbutton', { name: 'Count' })).toHaveValue(String(second));
    await page.screenshot({ path: 'test-results/insight-histogram.png', fullPage: true });
  });

  test('membership over time: a point per week, and a click lists who entered and left', async ({ page }) => {
    await openApp(page);
    await openSegment(page, 'ClickedLastTwoWeeks');
    await page.getByRole('tab', { name: 'Over time' }).click();
    const table = page.getByRole('table', { name: 'Members at each point' });
    await expect(table.locator('tbody tr')).toHaveCount(13, { timeout: 90_000 });
    await expect(page.locator('.chart svg').first()).toBeVisible();
    const last = table.locator('tbody tr').last();
    const members = Number((await last.locator('td').first().textContent())!.replaceAll(',', ''));
    const total = await page.evaluate(() => (window as unknown as { segmentStudio: Studio }).segmentStudio.preview.total);
    expect(members).toBe(total);
    await page.locator('.chart g.point circle').nth(12).click();
    const changes = page.getByRole('region', { name: 'Who entered and who left' });
    await expect(changes.getByRole('heading', { name: /^Entered \(/ })).toBeVisible({ timeout: 60_000 });
    const entered = Number(
      /\((\d[\d,]*)\)/.exec((await changes.getByRole('heading', { name: /^Entered/ }).textContent())!)![1]!.replaceAll(',', ''),
    );
    await expect(last.locator('td').nth(1)).toHaveText(`+${entered.toLocaleString('en-US')}`);
    await table.locator('tbody tr').nth(5).getByRole('button').press('Enter');
    await expect(table.locator('tbody tr').nth(5).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: 'test-results/insight-timeline.png', fullPage: true });
  });
});
