/** Drives the harness page in headless Chromium (playwright-core) and calls its API. */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HarnessApi } from './protocol';

export interface HarnessPage {
  call<K extends keyof HarnessApi>(method: K, ...args: Parameters<HarnessApi[K]>): Promise<Awaited<ReturnType<HarnessApi[K]>>>;
  /** Page errors and crashes seen so far (an out-of-memory tab shows up here). */
  readonly problems: string[];
  close(): Promise<void>;
}

export async function openHarness(url: string): Promise<HarnessPage> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  const problems: string[] = [];
  const page: Page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('crash', () => problems.push('the tab crashed (out of memory?)'));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  return {
    problems,
    call: (method, ...args) =>
      page.evaluate(
        ([name, params]) => {
          const target = (window as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }).bench;
          return target[name as string]!(...(params as unknown[]));
        },
        [method, args] as const,
      ) as never,
    close: () => browser.close(),
  };
}
