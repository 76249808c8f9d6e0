/// <reference lib="dom" />
// The web page in Debian's chromium (playwright-core): a run of the simple example's workers,
// watched through a proxy whose connections the test can cut.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchChromium } from '../../helpers/browser.js';
import { E2E_FIXTURES, REPO_ROOT } from '../../helpers/cli.js';
import { newSession, useLiveSessions, waitUntilGone, type LiveSession } from '../../helpers/live-run.js';
import { waitForExit, waitForLine, type TrackedChild } from '../../helpers/processes.js';
import { TcpProxy } from '../../helpers/tcp-proxy.js';
import { SIMPLE_ENDLESS } from './live-commands.js';
import { FIRST_SERIES, pixelsOfColour, rootEvents, rootRate, waitForMoreEvents } from './page-checks.js';

useLiveSessions();

const unavailable = browserUnavailable();
if (unavailable !== undefined) console.log(`skipped the browser tests: ${unavailable}`);
/** Set to write the page's picture in the docs (docs/images/web-page.png). */
const SCREENSHOT_VARIABLE = 'MIMOCORB2_WRITE_SCREENSHOT';

let browser: Browser;
beforeAll(async () => {
  if (unavailable === undefined) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Starts a setup headless with --http and returns the CLI and the page's port. */
async function startRun(session: LiveSession, setup: string): Promise<{ child: TrackedChild; port: number }> {
  const child = session.cli([
    'run',
    setup,
    '--ui',
    'none',
    '--http',
    '127.0.0.1:0',
    '--target-dir',
    session.targetDir,
  ]);
  const port = Number((await waitForLine(child, /^web page: http:\/\/127\.0\.0\.1:(\d+)\//, 30_000))[1]);
  return { child, port };
}

/** A page that records every console error and uncaught exception. */
async function openPage(problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return page;
}

/** Answers the page's confirmation dialog with its action button. */
async function confirm(page: Page, question: string | RegExp): Promise<void> {
  const dialog = page.locator('dialog.confirm');
  await dialog.waitFor();
  expect(await dialog.locator('p').textContent()).toMatch(question);
  await dialog.locator('button.danger').click();
  await dialog.waitFor({ state: 'detached' });
}

describe.skipIf(unavailable !== undefined)('the web page in chromium', () => {
  it('shows the run live: charts, counts, the histogram display; survives a reload and a dropped connection; pauses, kills, finishes', async () => {
    const session = newSession();
    const run = await startRun(session, SIMPLE_ENDLESS);
    const proxy = await TcpProxy.start(run.port);
    const problems: string[] = [];
    try {
      const page = await openPage(problems);
      const response = await page.goto(`http://127.0.0.1:${proxy.port}/?token=${session.token}`);
      expect(response?.status()).toBe(200);
      expect(page.url()).toBe(`http://127.0.0.1:${proxy.port}/`);
      await page.locator('h1', { hasText: /^web\/simple-endless\.yaml · run_/ }).waitFor();

      const first = await waitForMoreEvents(page, 0);
      await waitForMoreEvents(page, first);
      await page.waitForFunction(
        () => document.querySelectorAll('#rates canvas, #cpu canvas, #fill canvas').length === 3,
      );
      expect(
        await pixelsOfColour(page.locator('#rates canvas'), FIRST_SERIES),
        'the rates drawn',
      ).toBeGreaterThan(100);
      const histogram = page.locator('article.display', { hasText: 'print_pulse_heights[0]: pulse heights' });
      await histogram.locator('canvas').waitFor();
      await expect
        .poll(() => pixelsOfColour(histogram.locator('canvas'), FIRST_SERIES), { timeout: 10_000 })
        .toBeGreaterThan(2000);
      expect(await histogram.locator('h4').textContent()).toBe('pulse heights');
      await page.locator('img.data-flow').waitFor();
      await page.waitForFunction(
        () => (document.querySelector('img.data-flow') as HTMLImageElement).naturalWidth > 0,
      );

      const screenshot =
        process.env[SCREENSHOT_VARIABLE] === '1'
          ? join(REPO_ROOT, 'docs', 'images', 'web-page.png')
          : join(session.scratch, 'page.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(20_000);

      await page.reload();
      await waitForMoreEvents(page, await rootEvents(page));

      const beforeCut = problems.length;
      proxy.cut();
      await page.locator('.banner.lost').waitFor({ timeout: 20_000 });
      expect(await page.locator('.banner').textContent()).toBe(
        'The connection to control was lost: reconnecting…',
      );
      proxy.restore();
      // Live again: the banner is empty (hidden) once the stream is back.
      await page.locator('.banner.live').waitFor({ state: 'attached', timeout: 20_000 });
      // The cut itself is what chromium reports meanwhile: the stream broken off, reconnections refused.
      const duringCut = problems.splice(beforeCut);
      expect(
        duringCut.filter(
          (p) => !/net::ERR_(INCOMPLETE_CHUNKED_ENCODING|CONNECTION_\w+|EMPTY_RESPONSE)/.test(p),
        ),
      ).toEqual([]);
      await waitForMoreEvents(page, await rootEvents(page));

      await page.getByRole('button', { name: 'Pause roots' }).click();
      await page.waitForFunction(
        () => document.querySelector('.state')?.textContent === 'roots paused',
        null,
        { timeout: 10_000 },
      );
      await expect.poll(() => rootRate(page), { timeout: 10_000 }).toBe('0/s');
      await page.getByRole('button', { name: 'Resume roots' }).click();
      await expect.poll(() => rootRate(page), { timeout: 10_000 }).not.toBe('0/s');

      const row = page.locator('table.processes tr', { hasText: 'filter[1]' });
      await row.getByRole('button', { name: 'kill' }).click();
      await confirm(page, /^Kill process 1 of 'filter' \(pid \d+\)\?$/);
      await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 20_000 }).toBe('exited');
      expect(await row.locator('td').nth(7).textContent()).toBe('killed by SIGTERM');

      await page.getByRole('button', { name: 'Stop roots' }).click();
      await confirm(page, /^Stop the roots\?/);
      await page.locator('.banner.finished').waitFor({ timeout: 30_000 });
      expect(await waitForExit(run.child, 30_000)).toEqual({ code: 1, signal: null });
      expect(await page.locator('.banner strong').textContent()).toBe(
        'The run has finished; this page keeps its last state.',
      );
      expect(await page.locator('.banner pre').textContent()).toMatch(/exit code 1\)/);
      expect(await page.locator('.state').textContent()).toBe('finished');
      expect(await page.getByRole('button', { name: 'Pause roots' }).isDisabled()).toBe(true);
      expect(problems).toEqual([]);
      await page.context().close();
    } finally {
      proxy.close();
    }
    await waitUntilGone(session);
  }, 240_000); // a dozen steps with their own deadlines, on a shared 2-core machine

  it("shows a worker's restarts in the processes table", async () => {
    const session = newSession();
    const run = await startRun(session, join(E2E_FIXTURES, 'web', 'restart-endless.yaml'));
    const problems: string[] = [];
    const page = await openPage(problems);
    await page.goto(`http://127.0.0.1:${run.port}/?token=${session.token}`);
    const table = page.locator('table.processes');
    await expect.poll(() => table.locator('th').allTextContents(), { timeout: 20_000 }).toContain('restarts');
    const cellsOf = async (name: string) =>
      (
        await table
          .locator('tr', { has: page.getByText(name, { exact: true }) })
          .locator('td')
          .allTextContents()
      ).map((cell) => cell.trim());
    // worker / process, state, pid, CPU, memory, uptime, restarts: the restart comes after counter 2000.
    await expect.poll(async () => (await cellsOf('filter[0]'))[6], { timeout: 30_000 }).toBe('1');
    expect((await cellsOf('filter'))[6]).toBe('1');
    expect((await cellsOf('source[0]'))[6]).toBe('0');
    expect(problems).toEqual([]);
    await page.context().close();
    run.child.process.kill('SIGINT');
    expect((await waitForExit(run.child, 30_000)).code).toBe(130);
    await waitUntilGone(session);
  });

  it('answers 401 without the token, and shows markup from the run as text', async () => {
    const session = newSession();
    const run = await startRun(session, join(E2E_FIXTURES, 'web', 'html.yaml'));
    const base = `http://127.0.0.1:${run.port}/`;
    // Refused in a page of its own: chromium logs the refusals (and a late favicon request) as errors.
    const refusedPage = await openPage([]);
    expect((await refusedPage.goto(base))?.status()).toBe(401);
    expect(await refusedPage.locator('body').textContent()).toContain("this page needs the run's token");
    expect((await refusedPage.goto(`${base}?token=not-the-token-at-all`))?.status()).toBe(401);
    await refusedPage.context().close();

    const problems: string[] = [];
    const page = await openPage(problems);
    await page.goto(`${base}?token=${session.token}`);
    const markup = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    await page
      .locator('.log-lines .line', { hasText: `${markup} after` })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.locator('article.display h3', { hasText: `shower[0]: ${markup} display` }).waitFor();
    await page.locator('article.display pre', { hasText: markup }).waitFor();
    expect(
      await page.locator('main b, main img:not(.data-flow)').count(),
      'elements made from the markup',
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.context().close();
    run.child.process.kill('SIGINT');
    expect((await waitForExit(run.child, 30_000)).code).toBe(130);
    await waitUntilGone(session);
  });
});
