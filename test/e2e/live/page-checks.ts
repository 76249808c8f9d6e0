/// <reference lib="dom" />
// Reading the web page in chromium: numbers of the root table, pixels of a chart.
import type { Locator, Page } from 'playwright-core';

/** The root buffer's event count in the page's root table. */
export async function rootEvents(page: Page): Promise<number> {
  const text = await page.locator('table.roots tbody tr').first().locator('td').nth(1).textContent();
  return Number((text ?? '').replace(/,/g, '')) || 0;
}

/** The root buffer's rate as the root table shows it (`12.3k/s`). */
export async function rootRate(page: Page): Promise<string> {
  return (await page.locator('table.roots tbody tr').first().locator('td').nth(2).textContent()) ?? '';
}

/** Waits until the root table's count is above `than` and returns it. */
export async function waitForMoreEvents(page: Page, than: number, timeoutMs = 20_000): Promise<number> {
  await page.waitForFunction(
    (before) => {
      const cell = document.querySelector('table.roots tbody tr td:nth-child(2)');
      return Number((cell?.textContent ?? '').replace(/,/g, '')) > before;
    },
    than,
    { timeout: timeoutMs },
  );
  return rootEvents(page);
}

/** Pixels of a chart's canvas drawn in about `rgb` (any opacity): its curves or bars. */
export async function pixelsOfColour(
  canvas: Locator,
  rgb: readonly [number, number, number],
): Promise<number> {
  return canvas.evaluate((element, [r, g, b]) => {
    const canvas = element as HTMLCanvasElement;
    const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      canvas.width,
      canvas.height,
    ).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4)
      if (
        (data[i + 3] as number) > 0 &&
        Math.abs((data[i] as number) - r) < 30 &&
        Math.abs((data[i + 1] as number) - g) < 30 &&
        Math.abs((data[i + 2] as number) - b) < 30
      )
        count++;
    return count;
  }, rgb);
}

/** The first series colour of the charts (#1f77b4). */
export const FIRST_SERIES: readonly [number, number, number] = [31, 119, 180];
