// The dashboard's home page in headless Chromium against the stand-in coordinator, at a laptop's
// and a phone's width: the fleet chart over two refreshes of the run list (the page's clock is
// Playwright's, so a refresh is a step of it, not a 10 s wait), each run's progress, the group
// tables, and that every cell is in sight. Screenshots go to artifacts/.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/protocol/index.ts';
import { canvasPixels, plotted } from './chart-probe.ts';
import { ARTIFACTS, servedDashboard } from './served-dashboard.ts';
import runs from './fixtures/runs.json' with { type: 'json' };
import { GROUP_RUNS, startFixtureCoordinator, type FixtureCoordinator } from './fixture-coordinator.ts';

const REFRESH_MS = 10_000;
const listed = runs as RunSummary[];
const LAST_SEED = '23cccccccccccccccccccccccccccccc';
const MNIST = '0a9b8c7d6e5f40312233445566778899';
const TINY = 'ffeeddccbbaa99887766554433221100';
const SAMPLES = 30;
/** The two CIFAR-10 runs, listed here as a second group so the page has two to show. */
const PAIR = new Set(['5f1c0a3e9b2d4c6f8a7e1d0c3b5a6978', '7a6b5c4d3e2f10011223344556677889']);
/** The budget run's name here: long enough that it has to wrap at both widths. */
const LONG_NAME = 'cifar10-budget-300k-parameters-seed-1';
/**
 * The list at refresh i (10 s apart): the group's last seed works with 4, then 5 volunteers and
 * finishes at the 12th; its volunteers go to mnist-demo; tiny resumes at the 18th.
 */
function listAt(i: number): RunSummary[] {
  return listed.map((run) => {
    if (PAIR.has(run.id)) return { ...run, group: 'cifar10-pair', name: run.name === 'cifar10-budget' ? LONG_NAME : run.name };
    if (run.id === LAST_SEED) {
      if (i < 12) return { ...run, volunteers: i < 6 ? 4 : 5 };
      return { ...run, status: 'done', phase: 'done', volunteers: 0, testAcc: 92.3, architecture: 'Basic3ResNet-4-4-3' };
    }
    if (run.id === MNIST && i >= 12) return { ...run, volunteers: 6, epochProgress: { done: 9, total: 12 } };
    if (run.id === TINY && i >= 18) return { ...run, status: 'running', volunteers: 3 };
    return run;
  });
}

const served = servedDashboard(0);

const cellText = (page: Page, run: string, column: string) => page.locator(`#run-rows tr[data-run="${run}"] td[data-label="${column}"]`).textContent();
const waitForPoints = (page: Page, points: number[]) => page.waitForSelector(`#chart-fleet[data-points="${JSON.stringify(points)}"]`);

/** Cells that reach past the viewport's right edge or past a box that clips them, by their text. */
const cutOff = (page: Page) =>
  page.$$eval('#run-list td, #run-list th', (cells) =>
    cells.flatMap((cell) => {
      if (getComputedStyle(cell.closest('thead') ?? cell).display === 'none') return [];
      const { right } = cell.getBoundingClientRect();
      const box = cell.closest('.table-wrap, .group-card')!.getBoundingClientRect();
      return right > Math.min(document.documentElement.clientWidth, box.right) + 0.5 ? [cell.textContent] : [];
    }),
  );

const WIDTHS = [
  { name: 'laptop', viewport: { width: 1280, height: 900 }, screenshot: 'dashboard-home.png', stacked: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, screenshot: 'dashboard-home-phone.png', stacked: true },
];

describe('dashboard home page', () => {
  for (const { name, viewport, screenshot, stacked } of WIDTHS) {
    it(`shows the fleet over time, each run's progress and the group tables on a ${name} (${viewport.width} px)`, async () => {
      served.coordinator.setRunList(listAt(0));
      const page = await served.browser.newPage({ viewport, ...(stacked ? { deviceScaleFactor: 2, isMobile: true } : {}) });
      await page.clock.install();
      await page.goto(`${served.coordinator.url}/dashboard/`);

      // The first sample: the two running runs, one point each, and their total.
      await waitForPoints(page, [1, 1, 1]);
      expect((await plotted(page, 'chart-fleet')).series).toEqual(['K=2', 'mnist-demo', 'all runs']);
      expect(await page.textContent('#fleet-summary')).toBe('6 volunteers at work on 2 running runs; 1 paused, 6 done');

      for (let i = 1; i < SAMPLES; i++) {
        served.coordinator.setRunList(listAt(i));
        await page.clock.runFor(REFRESH_MS);
        await page.waitForFunction((samples) => JSON.parse(document.querySelector<HTMLElement>('#chart-fleet')!.dataset.points!).at(-1) === samples, i + 1);
      }
      // K=2's line ends where it finished; mnist-demo's goes on; tiny's starts when it resumed.
      expect(await plotted(page, 'chart-fleet')).toEqual({ series: ['K=2', 'mnist-demo', 'tiny', 'all runs'], points: [12, SAMPLES, 12, SAMPLES], markers: 0, fineTuneFrom: null });
      expect(await page.locator('#fleet-legend li').allTextContents()).toEqual(['K=2', 'mnist-demo', 'tiny', 'all runs']);
      expect(await page.textContent('#fleet-summary')).toBe('9 volunteers at work on 2 running runs; 7 done');
      // Drawn: mnist-demo's step line (its second color) and the total's.
      const pixels = await canvasPixels(page, 'chart-fleet', ['--run-1', '--text']);
      expect(pixels.opaque['--run-1']).toBeGreaterThan(50);
      expect(pixels.opaque['--text']).toBeGreaterThan(50);

      expect(await cellText(page, MNIST, 'Progress')).toBe('growing · epoch 5 · 75%');
      expect(await page.$eval(`#run-rows tr[data-run="${MNIST}"] .cell-bar > span`, (bar) => (bar as HTMLElement).style.width)).toBe('75%');
      expect(await cellText(page, MNIST, 'Volunteers')).toBe('6can use about 7 volunteers');
      expect(await cellText(page, TINY, 'Volunteers')).toBe('3noise scale not measured yet');
      expect(await cellText(page, LAST_SEED, 'Progress')).toBe('done after 10 epochs');
      expect(await cellText(page, LAST_SEED, 'Test acc')).toBe('92.30%');
      expect(await cellText(page, LAST_SEED, 'Run')).toBe('K=2fixture-study');

      const group = page.locator('.group-card[data-group="fixture-study"]');
      expect(await page.locator('.group-card h3').allTextContents()).toEqual(['fixture-study', 'cifar10-pair']);
      expect(await group.locator('h3 a').getAttribute('href')).toBe('?group=fixture-study');
      expect(await group.locator('tbody tr').count()).toBe(GROUP_RUNS.length);
      expect(await group.locator(`tr[data-run="${LAST_SEED}"] td`).allTextContents()).toEqual(['K=2', 'done', 'Basic3ResNet-4-4-3', '92.30%']);
      expect(await group.locator('p').textContent()).toBe("5 of 5 runs done · the study's table");
      expect(await page.locator('.group-card[data-group="cifar10-pair"] td').allTextContents()).toEqual(['cifar10-demo', 'done', 'Basic3ResNet-8-7-8', '91.37%', LONG_NAME, 'done', 'Basic3ResNet-4-4-3', '90.12%']);

      // Nothing scrolls sideways or is cut off; on the phone each cell carries its column's name.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      expect(await cutOff(page)).toEqual([]);
      const canvas = await page.$eval('#chart-fleet', (host) => [host.clientWidth, host.querySelector('canvas')!.getBoundingClientRect().width]);
      expect(canvas[1]).toBeLessThanOrEqual(canvas[0]!);
      const labels = await page.$$eval(`#run-rows tr[data-run="${MNIST}"] td`, (cells) => cells.map((td) => getComputedStyle(td, '::before').content));
      expect(labels).toEqual(stacked ? ['"Run"', '"Status"', '"Progress"', '"Volunteers"', '"Architecture"', '"Best val acc"', '"Test acc"', '"Created (UTC)"'] : Array(8).fill('none'));

      await page.screenshot({ path: resolve(ARTIFACTS, screenshot), fullPage: true });
      await page.close();
    });
  }
});
