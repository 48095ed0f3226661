import { expect, test, type Page } from '@playwright/test';
import { openApp } from './designer-library-helpers';

async function newSegment(page: Page, kind: 'Profile' | 'Interaction' | 'Compound' | 'Static'): Promise<void> {
  await page.getByRole('button', { name: '+ New segment' }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${kind} segment`) }).click();
  await expect(page.locator('.se-editor')).toBeVisible();
}

/** The definition as the editors produced it, read from the "Advanced: JSON" view. */
async function definition(page: Page): Promise<Record<string, unknown> & { query?: Record<string, unknown>; members?: string[] }> {
  await page.getByRole('button', { name: 'Advanced: JSON' }).click();
  const text = await page.getByRole('textbox', { name: /Edit the definition as JSON/ }).inputValue();
  await page.getByRole('button', { name: 'Back to the designer' }).click();
  return JSON.parse(text);
}

/** Picks an option of a bits-ui combobox by typing into it. */
async function pick(page: Page, input: string, typed: string, option: RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: input }).last();
  await box.click();
  await box.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

test.describe('segment definition editors', () => {
  test('the Dynamics seed interaction segments, built without JSON', async ({ page }) => {
    await openApp(page);

    await newSegment(page, 'Interaction');
    const type = page.getByRole('combobox', { name: 'Interaction type' });
    await type.click();
    await type.fill('email');
    const options = page.getByRole('option');
    await expect(options.filter({ hasText: 'EmailOpened' })).toBeVisible();
    await expect(options.filter({ hasText: 'WebsiteVisited' })).toHaveCount(0);
    await options.filter({ hasText: 'EmailOpened' }).click();
    await page.getByLabel('Count test').selectOption('atLeast');
    await page.getByRole('spinbutton', { name: 'Count' }).fill('3');
    await page.getByRole('spinbutton', { name: 'Count' }).press('Tab');
    await expect(page.locator('.histogram figcaption')).toContainText('of 10,000 contacts have at least 3 matching interactions');
    await expect(page.locator('.histogram svg').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/designer-editors-opens.png' });
    expect((await definition(page)).query).toEqual({ interaction: 'EmailOpened', count: { op: 'atLeast', value: 3 } });

    await newSegment(page, 'Interaction');
    await pick(page, 'Interaction type', 'registration', /^EventRegistration\b/);
    await expect(page.getByLabel('Whose interaction (relation to contacts)')).toHaveValue('');
    await page.getByLabel('Count test').selectOption('exactly');
    await page.getByRole('spinbutton', { name: 'Count' }).fill('1');
    await page.getByRole('spinbutton', { name: 'Count' }).press('Tab');
    expect((await definition(page)).query).toEqual({ interaction: 'EventRegistration', count: { op: 'exactly', value: 1 } });

    await newSegment(page, 'Interaction');
    await pick(page, 'Interaction type', 'clicked', /^EmailClicked\b/);
    await page.getByLabel('Time window').selectOption('last');
    await page.getByLabel('Sliding window: how many').fill('2');
    await page.getByLabel('Sliding window: how many').press('Tab');
    await page.getByLabel('Sliding window: unit').selectOption('week');
    await page.getByText('Only count EmailClicked interactions where…').click();
    await pick(page, 'Add a condition on EmailClicked', 'messageid', /^MessageId\b/);
    const value = page.getByRole('combobox', { name: 'Value of MessageId' });
    await value.click();
    // Message ids come with the message names from the reference table, and their counts.
    const first = page
      .getByRole('option')
      .filter({ hasText: /EM-\d+/ })
      .first();
    await expect(first).toContainText(/records/);
    const chosen = (await first.textContent())!.match(/EM-\d+/)![0];
    await first.click();
    await expect(page.locator('.se-editor')).toContainText(/in the last 2 weeks/);
    const query = (await definition(page)).query!;
    expect(query).toEqual({
      interaction: 'EmailClicked',
      count: { op: 'atLeast', value: 1 },
      window: { last: 2, unit: 'week' },
      where: { field: 'MessageId', op: 'eq', value: chosen },
    });
    await page.screenshot({ path: 'test-results/designer-editors-clicks.png', fullPage: true });
  });

  test('a profile segment with nested groups, a related entity and a behaviour, by keyboard and mouse', async ({ page }) => {
    await openApp(page);
    await newSegment(page, 'Profile');

    // Keyboard only: type in the add box, pick with the arrow keys and Enter.
    const add = page.getByRole('combobox', { name: 'Add a condition on contact' }).first();
    await add.focus();
    await page.keyboard.type('address1_city');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const city = page.getByRole('combobox', { name: 'Value of address1_city' });
    await city.click();
    await expect(
      page
        .getByRole('option')
        .filter({ hasText: /records/ })
        .first(),
    ).toBeVisible();
    await city.fill('seattle');
    await page.getByRole('option', { name: /Use “seattle”/ }).click();

    await pick(page, 'Add a condition on contact', 'account', /^account\b/);
    await expect(page.getByText('The same account must match all of these conditions.')).toHaveCount(0);
    await pick(page, 'Add a condition on account', 'revenue', /^revenue\b/);
    await expect(page.getByText('The same account must match all of these conditions.')).toBeVisible();
    await page.getByLabel('Operator for revenue').selectOption('gte');
    const revenue = page.getByRole('combobox', { name: 'Value of revenue' });
    await revenue.fill('1000000');
    await page.getByRole('option', { name: /Use “1000000”/ }).click();

    await pick(page, 'Add a condition on contact', 'opened', /^EmailOpened\b/);
    await expect(page.getByRole('group', { name: 'Behaviour: EmailOpened' })).toBeVisible();

    // Group the city clause and the related condition as OR, then ungroup again.
    await page.getByLabel('Select condition on address1_city').check();
    await page.getByLabel('Select related account condition').check();
    await page.getByRole('button', { name: 'Group (OR)' }).click();
    const where = ((await definition(page)).query as { groups: { where: { and: unknown[] } }[] }).groups[0]!.where;
    expect(where.and).toHaveLength(2);
    expect(where.and[0]).toEqual({
      or: [
        { field: 'address1_city', op: 'eq', value: 'seattle' },
        { related: 'account', via: 'contact_account', where: { field: 'revenue', op: 'gte', value: 1000000 } },
      ],
    });
    expect(where.and[1]).toEqual({ interaction: 'EmailOpened' });

    await page.getByRole('button', { name: 'Show as sentence' }).first().click();
    await expect(page.getByText('At least one of these is true:')).toBeVisible();
    await page.getByRole('button', { name: 'Show as tree' }).first().click();

    await page.getByRole('button', { name: '+ Add group' }).click();
    await page.getByLabel('How group 2 combines with the groups before it').selectOption('exclude');
    await pick(page, 'Add a condition on contact', 'donotemail', /^donotemail\b/);
    const groups = ((await definition(page)).query as { groups: unknown[] }).groups;
    expect(groups[1]).toEqual({ combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } });
    // A lookup value pasted as a Dynamics record URL becomes the record id, shown with its name.
    const [account] = await page.evaluate(async () => {
      const app = (
        window as unknown as {
          segmentStudio: { services: { distinctValues: (s: unknown, f: string) => Promise<{ value: string; label?: string }[]> } };
        }
      ).segmentStudio;
      return app.services.distinctValues({ entity: 'contact' }, 'parentcustomerid');
    });
    await pick(page, 'Add a condition on contact', 'parentcustomerid', /^parentcustomerid\b/);
    const lookup = page.getByRole('combobox', { name: 'Value of parentcustomerid' });
    await lookup.click();
    await lookup.fill(`https://org.crm.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=account&id=%7B${account!.value}%7D`);
    await page.getByRole('option', { name: new RegExp(`Use “${account!.value}”`) }).click();
    await expect(lookup).toHaveValue(account!.value);
    await expect(page.getByText(account!.label!, { exact: true })).toBeVisible();
    const group2 = ((await definition(page)).query as { groups: { where: unknown }[] }).groups[1]!.where;
    expect(group2).toEqual({
      and: [
        { field: 'donotemail', op: 'isTrue' },
        { field: 'parentcustomerid', op: 'eq', value: account!.value },
      ],
    });

    // The Flow shows what each group adds or removes once the preview has counted.
    await expect(page.locator('.flow li').nth(1)).toContainText(/\d contacts? [−+±]/, { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/designer-editors-profile.png', fullPage: true });
  });

  test('compound and static segments', async ({ page }) => {
    await openApp(page);
    await newSegment(page, 'Compound');
    await page.getByRole('button', { name: '+ Add step' }).click();
    await page.getByLabel('How step 2 combines with the steps before it').selectOption('exclude');
    const query = (await definition(page)).query as { steps: { segment: string; combine?: string }[] };
    expect(query.steps).toHaveLength(2);
    expect(query.steps[1]!.combine).toBe('exclude');
    const offered = await page.getByLabel('Segment of step 1').locator('option').allTextContents();
    expect(offered.length).toBeGreaterThan(1);
    expect(offered.some((o) => o.includes('NewCompoundSegment'))).toBe(false);

    await newSegment(page, 'Static');
    const search = page.getByRole('combobox', { name: /Search contacts/ });
    await search.fill('smith');
    const found = page
      .getByRole('option')
      .filter({ hasText: /CT-\d+/ })
      .first();
    const id = (await found.textContent())!.match(/CT-\d+/)![0];
    await found.click();
    await expect(page.getByLabel('Member ids')).toContainText(id);

    await page
      .getByLabel('Contact ids, one per line')
      .fill(`nobody-1\nhttps://org.crm.dynamics.com/main.aspx?etn=contact&pagetype=entityrecord&id=${id}\nCT-0000001`);
    await page.getByRole('button', { name: 'Add ids' }).click();
    await expect(page.getByText(/not found among the contacts, so not added/)).toContainText('1 id');
    await expect(page.getByText('nobody-1')).toBeVisible();

    await pick(page, 'Add a condition on contact', 'address1_city', /^address1_city\b/);
    const city = page.getByRole('combobox', { name: 'Value of address1_city' });
    await city.fill('seattle');
    await page.getByRole('option', { name: /Use “seattle”/ }).click();
    await page.getByRole('button', { name: 'Add matching contacts' }).click();
    await expect(page.getByText(/^Query: \d+ added/)).toBeVisible();
    const members = (await definition(page)).members!;
    expect(members).toContain(id);
    expect(members).toContain('CT-0000001');
    expect(members).not.toContain('nobody-1');
    expect(members.length).toBeGreaterThan(10);
    // The JSON view keeps the designer's work in progress: the query and its report are still there.
    await expect(page.getByText(/^Query: \d+ added/)).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Value of address1_city' })).toHaveValue('seattle');
    await page.screenshot({ path: 'test-results/designer-editors-static.png', fullPage: true });
  });
});
