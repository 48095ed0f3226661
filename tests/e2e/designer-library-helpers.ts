/** Shared steps of the designer library tests: the sample data in Node, `npm run evaluate`, counts in the list. */
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSampleData } from '../../src/data/sample/generate-sample';

export interface SampleParameters {
  readonly contacts: number;
  readonly interactions: number;
  readonly seed: number;
  readonly now: number;
}

export interface EvaluateOutput {
  readonly now: string;
  readonly segments: { readonly name: string; readonly count: number }[];
}

/** The sample the app generated, as read from the app's state. */
export async function sampleSource(page: Page): Promise<SampleParameters> {
  const source = await page.evaluate(
    () => (window as unknown as { segmentStudio: { data: { source?: unknown } } }).segmentStudio.data.source,
  );
  const sample = source as SampleParameters & { kind: string };
  expect(sample.kind).toBe('sample');
  return sample;
}

/** The same sample written as a data folder, for `npm run evaluate`. */
export function writeSampleFolder(parameters: SampleParameters): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-data-'));
  for (const file of generateSampleData(parameters)) writeFileSync(path.join(dir, file.name), file.bytes);
  return dir;
}

export function temporaryFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'library-')), name);
  writeFileSync(file, text);
  return file;
}

export function evaluate(dataDir: string, libraryFile: string, now: number): EvaluateOutput {
  const stdout = execFileSync(
    'npm',
    ['run', '--silent', 'evaluate', '--', '--data', dataDir, '--segments', libraryFile, '--now', new Date(now).toISOString()],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as EvaluateOutput;
}

/** Waits until the background counts are done (none pending), then reads name → count from the list. */
export async function listCounts(page: Page): Promise<Record<string, number>> {
  await expect(page.getByTestId('segment-row').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('segment-row').filter({ hasText: '…' })).toHaveCount(0, { timeout: 60_000 });
  await page.waitForFunction(
    () => !(window as unknown as { segmentStudio: { counts: { running: boolean } } }).segmentStudio.counts.running,
  );
  const rows = page.getByTestId('segment-row');
  const counts: Record<string, number> = {};
  for (const row of await rows.all()) {
    const name = (await row.getAttribute('data-name'))!;
    const count = row.getByTestId('segment-count');
    if ((await count.count()) === 1) counts[name] = Number(await count.textContent());
  }
  return counts;
}

/** Clicks Export and returns the downloaded library text. */
export async function exportLibrary(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  return readFileSync(file, 'utf8');
}

export async function setAsOf(page: Page, instant: number): Promise<void> {
  await page.getByTestId('as-of').fill(new Date(instant).toISOString().slice(0, 16));
  await page.getByTestId('as-of').blur();
}

export function row(page: Page, name: string) {
  return page.locator(`[data-testid="segment-row"][data-name="${name}"]`);
}

/** The open segment's size once the preview has caught up with the last edit. */
export async function previewCount(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const preview = (window as unknown as { segmentStudio: { preview: { status: string; stale: boolean } } }).segmentStudio.preview;
    return preview.status === 'ready' && !preview.stale;
  });
  return Number((await page.getByTestId('preview-count').textContent())!.replaceAll(',', ''));
}

/** Opens the app on its sample data, once the engine has started and the catalog is there. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(
    () => {
      const app = (window as unknown as { segmentStudio?: { started: boolean; data: { catalog?: unknown } } }).segmentStudio;
      return app?.started && app.data.catalog;
    },
    null,
    { timeout: 120_000 },
  );
}
