// The dashboard in headless Chromium against a stand-in coordinator that replays a recorded run:
// run list, a run page before and after data arrives, live updates over the event stream, the
// downloads, a phone-sized viewport, and an unknown run. Screenshots go to artifacts/.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parameterCount, tensorSize } from '../../shared/architecture/index.ts';
import { runSeries } from '../../client/dashboard/chart-series.ts';
import { formatCount } from '../../client/dashboard/format.ts';
import { buildDashboard } from './build-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { RUN_ID, RUN_SHAPE, snapshots, startFixtureCoordinator, type FixtureCoordinator } from './fixture-coordinator.ts';

const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts');
const START_AT = 10;
const last = snapshots.length - 1;

let buildDir: string;
let coordinator: FixtureCoordinator;
let browser: Browser;

beforeAll(async () => {
  buildDir = await buildDashboard();
  coordinator = await startFixtureCoordinator(buildDir, START_AT);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await coordinator?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const count = (page: Page, selector: string) => page.locator(selector).count();
const chartHeights = (page: Page) =>
  page.$$eval('.chart svg', (svgs) => svgs.map((svg) => Math.round(svg.getBoundingClientRect().height)));
/** Clicks and returns the file the click downloaded. */
async function download(page: Page, selector: string): Promise<Buffer> {
  const [started] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await started.path());
}
const depthValues = (page: Page) =>
  page.$$eval('#chart-depth path.depth', (paths) => paths.map((p) => p.getAttribute('data-values')));
const expectedDepthValues = (index: number) =>
  runSeries(snapshots[index]!).depths.map((d) => d.steps.map((p) => `${p.x}:${p.y}`).join(' '));

describe('dashboard', () => {
  it('lists the runs, newest first, each linking to its page', async () => {
    const page = await browser.newPage();
    await page.goto(`${coordinator.url}/dashboard/`);
    await page.waitForSelector('#run-rows tr');
    expect(await count(page, '#run-rows tr')).toBe(3);
    expect(await page.locator('#run-rows tr a').allTextContents()).toEqual(['tiny', 'mnist-demo', 'cifar10-demo']);
    expect(await page.locator(`#run-rows tr[data-run="${RUN_ID}"] a`).getAttribute('href')).toBe(`?run=${RUN_ID}`);
    await page.close();
  });

  it('follows a run live: history, growth, depths and counts, then the outcome, without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const release = coordinator.holdProgress();
    await page.goto(`${coordinator.url}/dashboard/?run=${RUN_ID}`);
    await page.waitForSelector('#run:not([hidden])');
    const heightsBefore = await chartHeights(page);
    release();

    const start = snapshots[START_AT]!;
    await page.waitForFunction((n) => document.querySelectorAll('#chart-accuracy circle.dot').length === n, start.history.length);
    expect(await chartHeights(page)).toEqual(heightsBefore);
    expect(await count(page, '#chart-loss circle.dot')).toBe(start.history.length);
    expect(await count(page, '#chart-accuracy line.marker')).toBe(start.log.length);
    expect(await text(page, '#architecture')).toBe(start.architecture.name);
    expect(await depthValues(page)).toEqual(expectedDepthValues(START_AT));
    const spec = { family: 'Basic3ResNet' as const, depths: start.architecture.depths, widths: start.architecture.widths, ...RUN_SHAPE };
    await page.waitForFunction((p) => document.querySelector('[data-field="parameters"]')?.textContent === p, formatCount(parameterCount(spec)));
    expect(await text(page, '#progress-label')).toBe(`epoch ${START_AT + 1}: 4 of 9 train shards`);
    expect(await page.locator('#volunteer-rows tr td:nth-child(2)').allTextContents()).toEqual(start.volunteers.map((v) => v.backend));

    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    for (let index = START_AT + 1; index <= last; index++) coordinator.advanceTo(index);
    const final = snapshots[last]!;
    await page.waitForFunction(() => document.querySelector('#test-acc')?.textContent !== '–');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await count(page, '#chart-accuracy circle.dot')).toBe(final.history.length);
    expect(await text(page, '#test-acc')).toBe('91.37%');
    expect(await text(page, '#architecture')).toBe('Basic3ResNet-8-7-8');
    expect(await depthValues(page)).toEqual(expectedDepthValues(last));
    expect(await page.locator('#depth-legend li').allTextContents()).toEqual(['stage 1 (frozen)', 'stage 2 (frozen)', 'stage 3 (frozen)']);
    expect(await count(page, '#chart-accuracy rect.shade')).toBe(1);
    expect(await text(page, '#progress-label')).toBe('finished');
    expect(await count(page, '#volunteer-rows tr')).toBe(0);
    // The bar eases to full; the screenshot waits for it.
    await page.waitForFunction(() => document.querySelector('#progress-fill')!.clientWidth === document.querySelector('.progress-track')!.clientWidth);
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard.png'), fullPage: true });

    const reportJson = JSON.parse((await download(page, '#download-report')).toString('utf8'));
    expect(reportJson.history).toHaveLength(final.history.length);
    expect(reportJson.finalArchitecture.counts.parameters).toBe(parameterCount({ ...spec, depths: final.architecture.depths }));

    await page.click('#build-model');
    await page.waitForSelector('#model-files a:nth-child(2)');
    expect(await page.locator('#model-files a').evaluateAll((links) => links.map((a) => a.getAttribute('download')))).toEqual(['model.json', 'weights.bin']);
    const weights = await download(page, '#model-files a:nth-child(2)');
    const modelJson = JSON.parse((await download(page, '#model-files a:nth-child(1)')).toString('utf8'));
    const values = modelJson.weightsManifest[0].weights.reduce((sum: number, w: { shape: number[] }) => sum + tensorSize(w.shape), 0);
    expect(modelJson.modelTopology.config.name).toBe('Basic3ResNet-8-7-8');
    expect(weights.length).toBe(values * 4);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    await page.goto(`${coordinator.url}/dashboard/?run=${RUN_ID}`);
    await page.waitForFunction(() => document.querySelectorAll('#chart-accuracy circle.dot').length > 0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
    await page.close();
  });

  it('says in words when a run does not exist', async () => {
    const page = await browser.newPage();
    await page.goto(`${coordinator.url}/dashboard/?run=00000000000000000000000000000000`);
    await page.waitForSelector('#error:not([hidden])');
    expect(await text(page, '#error')).toContain('no run 00000000000000000000000000000000');
    await page.close();
  });
});
