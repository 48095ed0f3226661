import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_DATA, FIXTURE_LIBRARY } from '../helpers/examples';

const EXAMPLES = FIXTURE_DATA;
const EXAMPLE_FILES = ['contact.parquet', 'account.parquet', 'interactions.parquet', 'catalog.json'].map((f) => path.join(EXAMPLES, f));

async function openDataTab(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Data', exact: true }).click();
}

async function waitForSample(page: Page): Promise<void> {
  await expect(page.getByTestId('contact-count')).toHaveText('10,000', { timeout: 60_000 });
}

async function loadExamples(page: Page): Promise<void> {
  await page.getByTestId('load-data').setInputFiles(EXAMPLE_FILES);
  await expect(page.getByTestId('contact-count')).toHaveText('6', { timeout: 60_000 });
}

test('a first visit opens with the sample data, counts visible', async ({ page }) => {
  const started = Date.now();
  await page.goto('/');
  await waitForSample(page);
  console.log(`sample data visible after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId('interaction-count')).toHaveText('300,000');
  await openDataTab(page);
  await expect(page.getByTestId('data-description')).toContainText('Sample data: 10,000 contacts, 300,000 interactions');
  const types = page.getByTestId('interaction-types');
  for (const type of ['EmailOpened', 'EmailClicked', 'EventCheckIn', 'SegmentUnsubscribed', 'WebsiteVisited'])
    await expect(types.getByRole('cell', { name: type, exact: true })).toBeVisible();
  await expect(page.getByTestId('entity-contact')).toContainText('10,000 records');
  await expect(page.getByTestId('entity-message')).toContainText('messageid');
  await page.screenshot({ path: 'test-results/data-sample.png', fullPage: true });
});

test('loads the example data folder through the file input, with its catalog', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  await loadExamples(page);
  await expect(page.getByTestId('interaction-count')).toHaveText('14');
  await expect(page.getByTestId('data-description')).toContainText(
    '4 files (contact.parquet, account.parquet, interactions.parquet, catalog.json)',
  );
  await expect(page.getByTestId('entity-account')).toContainText('3 records');
  // catalog.json's relation, both directions, and its second contact link.
  await expect(page.getByTestId('entity-contact')).toContainText('one account via parentcustomerid');
  await expect(page.getByTestId('entity-account')).toContainText('many contact whose parentcustomerid points here');
  await expect(page.getByTestId('interaction-types').getByRole('row', { name: /EventRegistration/ })).toContainText(
    'ContactId, ReferrerContactId',
  );
  await expect(page.getByTestId('load-warnings')).toContainText('EmailOpened: 1 interaction whose');
  await page.screenshot({ path: 'test-results/data-examples.png', fullPage: true });
});

test('a folder can be picked as a whole', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  await page.getByTestId('load-folder').setInputFiles(EXAMPLES);
  await expect(page.getByTestId('contact-count')).toHaveText('6', { timeout: 60_000 });
  await expect(page.getByTestId('data-description')).toContainText('Folder data');
});

test('a bad file is named in the error and the data loaded before stays', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  await loadExamples(page);

  const parquet = readFileSync(path.join(EXAMPLES, 'contact.parquet'));
  await page.getByTestId('load-data').setInputFiles([
    { name: 'contact.parquet', mimeType: 'application/octet-stream', buffer: parquet.subarray(0, Math.floor(parquet.length / 2)) },
    {
      name: 'interactions.parquet',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(path.join(EXAMPLES, 'interactions.parquet')),
    },
  ]);
  await expect(page.getByTestId('load-error')).toContainText('contact.parquet', { timeout: 30_000 });
  await expect(page.getByTestId('load-error')).toContainText('Parquet');
  await expect(page.getByTestId('contact-count')).toHaveText('6');
  await expect(page.getByTestId('data-description')).toContainText(
    '4 files (contact.parquet, account.parquet, interactions.parquet, catalog.json)',
  );
  await page.screenshot({ path: 'test-results/data-bad-parquet.png' });

  const csv = 'contactid,firstname\nc-1,Ana\nc-2,Ben\nc-1,Chloe\n';
  await page.getByTestId('load-data').setInputFiles([{ name: 'contact.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
  await expect(page.getByTestId('load-error')).toContainText(
    'contact.csv: key "c-1" in column "contactid" appears twice: line 2 and line 4',
  );
  await expect(page.getByTestId('contact-count')).toHaveText('6');
  // The engine still answers on the data loaded before.
  const contacts = await page.evaluate(async () => {
    const data = (
      window as unknown as {
        segmentStudio: {
          data: { connector: { query(sql: string): Promise<{ n: number }[]> }; catalog: { entities: { contact: { table: string } } } };
        };
      }
    ).segmentStudio.data;
    const rows = await data.connector.query(`SELECT count(*) AS n FROM "${data.catalog.entities.contact.table}"`);
    return Number(rows[0]!.n);
  });
  expect(contacts).toBe(6);
  await page.screenshot({ path: 'test-results/data-bad-csv.png' });
});

test('loaded data survives a reload, and clearing brings the sample back', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  await loadExamples(page);
  await expect(page.getByTestId('save-note')).toContainText('Saved in browser storage', { timeout: 30_000 });

  await page.reload();
  await expect(page.getByTestId('contact-count')).toHaveText('6', { timeout: 60_000 });
  await openDataTab(page);
  await expect(page.getByTestId('data-description')).toContainText(
    '4 files (contact.parquet, account.parquet, interactions.parquet, catalog.json)',
  );
  await expect(page.getByTestId('save-note')).toContainText('Restored from browser storage');
  await page.screenshot({ path: 'test-results/data-after-reload.png' });

  await page.getByRole('button', { name: 'Clear saved data' }).click();
  await expect(page.getByTestId('save-note')).toContainText('Nothing saved');
  await page.reload();
  await waitForSample(page);
});

test('a long load shows progress and can be cancelled, keeping the data before', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  await page.getByTestId('sample-size').selectOption({ label: '100,000 contacts / 3,000,000 interactions' });
  await page.getByRole('button', { name: 'Load sample' }).click();
  const progress = page.getByTestId('load-progress');
  await expect(progress).toContainText(/Generating interactions.*rows/, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/data-progress.png' });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('load-error')).toContainText('cancelled');
  await expect(page.getByTestId('contact-count')).toHaveText('10,000');
});

test('?data= loads a folder served next to the app; with saved data it asks first; a missing one is reported and the saved data stays', async ({
  page,
}) => {
  const names = ['contact.parquet', 'account.parquet', 'interactions.parquet', 'catalog.json'];
  await page.route('**/served/**', async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
    if (name === 'files.json') return route.fulfill({ json: names });
    if (!names.includes(name)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ body: readFileSync(path.join(EXAMPLES, name)), contentType: 'application/octet-stream' });
  });
  await page.goto('/?data=served/');
  await expect(page.getByTestId('contact-count')).toHaveText('6', { timeout: 60_000 });
  await openDataTab(page);
  await expect(page.getByTestId('data-description')).toContainText('/served/');

  // Saved data is there now: a link asks before it replaces it, and "Keep my data" keeps it.
  await page.goto('/?data=served/account.parquet');
  await expect(page.getByRole('alertdialog')).toContainText('Load the data from this link?', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/data-url-ask.png' });
  await page.getByRole('button', { name: 'Keep my data' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('6');
  expect(new URL(page.url()).search).toBe('');
  await page.reload();
  await expect(page.getByTestId('contact-count')).toHaveText('6', { timeout: 60_000 });
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  await page.goto('/?data=served/missing.parquet');
  await page.getByRole('button', { name: 'Load the linked data' }).click();
  await openDataTab(page);
  await expect(page.getByTestId('load-error')).toContainText('missing.parquet: the server answered 404', { timeout: 60_000 });
  // What was saved from the first visit loads instead.
  await expect(page.getByTestId('contact-count')).toHaveText('6');
  await page.screenshot({ path: 'test-results/data-url-missing.png' });
});

test('files dropped on the drop zone load', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  const files = ['contact.parquet', 'interactions.parquet'].map((name) => ({
    name,
    bytes: [...readFileSync(path.join(EXAMPLES, name))],
  }));
  await page.evaluate((dropped) => {
    const transfer = new DataTransfer();
    for (const f of dropped) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
    const zone = document.querySelector('[aria-label="Drop data files here"]')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
  await expect(page.getByTestId('contact-count')).toHaveText('6', { timeout: 60_000 });
  await expect(page.getByTestId('data-description')).toContainText('2 files (contact.parquet, interactions.parquet)');
});

test('the relation editor saves catalog.json and the data loads again with it', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  await loadExamples(page);
  const editor = page.getByTestId('relation-editor');
  await editor
    .getByRole('row', { name: /contact_account/ })
    .getByRole('button', { name: 'Remove' })
    .click();
  await editor.getByRole('button', { name: 'Save and reload' }).click();
  await expect(page.getByTestId('entity-contact')).not.toContainText('one account via parentcustomerid', { timeout: 30_000 });

  await editor.getByLabel('From entity').selectOption('contact');
  await editor.getByLabel('Lookup column').selectOption('parentcustomerid');
  await editor.getByLabel('To entity').selectOption('account');
  await editor.getByLabel('Relation name').fill('works_for');
  await editor.getByRole('button', { name: 'Add' }).click();
  await page.screenshot({ path: 'test-results/data-relation-editor.png', fullPage: true });
  const download = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Download catalog.json' }).click();
  const saved = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { relations: { name: string }[] };
  expect(saved.relations).toEqual([{ name: 'works_for', from: 'contact.parentcustomerid', to: 'account.accountid' }]);
  await editor.getByRole('button', { name: 'Save and reload' }).click();
  await expect(page.getByTestId('entity-contact')).toContainText('one account via parentcustomerid', { timeout: 30_000 });
  await expect(page.getByTestId('entity-contact')).toContainText('works_for');
  // The edited catalog.json is what is saved for the next visit.
  await expect(page.getByTestId('save-note')).toContainText('Saved in', { timeout: 30_000 });
  await page.reload();
  await openDataTab(page);
  await expect(page.getByTestId('entity-contact')).toContainText('works_for', { timeout: 60_000 });
});

test('a segment library is imported from the header', async ({ page }) => {
  await page.goto('/');
  await waitForSample(page);
  await openDataTab(page);
  await loadExamples(page);
  await page.getByTestId('import-library').setInputFiles(FIXTURE_LIBRARY);
  // The starter library is there, so the import asks whether to replace it or add to it.
  await expect(page.getByRole('alertdialog')).toContainText('Import the library file?');
  await page.getByRole('button', { name: 'Replace my library' }).click();
  await expect(page.getByTestId('notice')).toContainText('Imported');
  await expect(page.getByTestId('import-library-message')).toHaveCount(0);
});
