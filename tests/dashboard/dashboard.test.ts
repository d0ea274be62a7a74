// The dashboard in headless Chromium against a stand-in coordinator that replays a recorded run:
// run list, a run page before and after data arrives, live updates over the event stream, what
// the charts plot and draw, the downloads, a run under a budget, a phone-sized viewport (the
// volunteer table stacked on it), and an unknown run. The home page is home-page.test.ts's.
// Screenshots go to artifacts/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parameterCount, tensorSize } from '../../shared/architecture/index.ts';
import { runSeries } from '../../client/dashboard/chart-series.ts';
import { formatCount } from '../../client/dashboard/format.ts';
import { STUDY_TABLE_HEADER } from '../../client/study/study-table.ts';
import { canvasPixels, plotted } from './chart-probe.ts';
import { ARTIFACTS, servedDashboard } from './served-dashboard.ts';
import runConfig from './fixtures/run-config.json' with { type: 'json' };
import { BUDGET_RUN, GROUP_RUNS, RUN_ID, RUN_SHAPE, snapshots, startFixtureCoordinator, type FixtureCoordinator } from './fixture-coordinator.ts';

const START_AT = 10;
const last = snapshots.length - 1;

const served = servedDashboard(START_AT);

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const count = (page: Page, selector: string) => page.locator(selector).count();
const chartHeights = (page: Page) =>
  page.$$eval('#run .chart .plot', (plots) => plots.map((plot) => Math.round(plot.getBoundingClientRect().height)));
/** Clicks and returns the file the click downloaded. */
async function download(page: Page, selector: string): Promise<Buffer> {
  const [started] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await started.path());
}
const waitForPoints = (page: Page, id: string, points: number[]) =>
  page.waitForSelector(`#${id}[data-points="${JSON.stringify(points)}"]`);
/** What the depth chart should plot for a snapshot: per stage, its name and its steps. */
const expectedDepth = (index: number) => {
  const { depths } = runSeries(snapshots[index]!);
  return { series: depths.map((d) => `stage ${d.stage + 1}${d.frozen ? ' (frozen)' : ''}`), points: depths.map((d) => d.steps.length) };
};
/** The chart's figure is not hidden. */
const isShown = (page: Page, id: string) => page.$eval(`#${id}`, (host) => !host.closest('figure')!.hidden);
const STAGES = ['--stage-0', '--stage-1', '--stage-2'];

describe('dashboard', () => {
  it('lists the runs, newest first, each linking to its page', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.coordinator.url}/dashboard/`);
    await page.waitForSelector('#run-rows tr');
    expect(await count(page, '#run-rows tr')).toBe(4 + GROUP_RUNS.length);
    const group = GROUP_RUNS.map((run) => run.config.name).reverse();
    expect(await page.locator('#run-rows tr a').allTextContents()).toEqual([...group, 'tiny', 'mnist-demo', 'cifar10-budget', 'cifar10-demo']);
    expect(await page.locator(`#run-rows tr[data-run="${RUN_ID}"] a`).getAttribute('href')).toBe(`?run=${RUN_ID}`);
    await page.close();
  });

  it('follows a run live: history, growth, depths and counts, then the outcome, without a reload', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const release = served.coordinator.holdProgress();
    await page.goto(`${served.coordinator.url}/dashboard/?run=${RUN_ID}`);
    await page.waitForSelector('#run:not([hidden])');
    const heightsBefore = await chartHeights(page);
    release();

    const start = snapshots[START_AT]!;
    await waitForPoints(page, 'chart-accuracy', [start.history.length]);
    expect(await chartHeights(page)).toEqual(heightsBefore);
    expect(await plotted(page, 'chart-accuracy')).toEqual({ series: ['validation accuracy (%)'], points: [start.history.length], markers: start.log.length, fineTuneFrom: null });
    expect(await plotted(page, 'chart-loss')).toEqual({ series: ['train loss'], points: [start.history.length], markers: start.log.length, fineTuneFrom: null });
    expect(await plotted(page, 'chart-depth')).toMatchObject({ ...expectedDepth(START_AT), markers: 0 });
    // Drawn, not only handed over: each series' color is on its canvas; no freeze and no shade yet.
    const accuracyPixels = await canvasPixels(page, 'chart-accuracy', ['--accent', '--freeze']);
    expect(accuracyPixels.painted / accuracyPixels.total).toBeGreaterThan(0.02);
    expect(accuracyPixels.opaque['--accent']).toBeGreaterThan(100);
    expect(accuracyPixels.opaque['--freeze']).toBe(0);
    expect((await canvasPixels(page, 'chart-loss', ['--loss', '--accent'])).faint['--accent']).toBe(0);
    const depthPixels = await canvasPixels(page, 'chart-depth', STAGES);
    for (const stage of STAGES) expect(depthPixels.opaque[stage], stage).toBeGreaterThan(20);
    expect(await text(page, '#architecture')).toBe(start.architecture.name);
    const spec = { family: 'Basic3ResNet' as const, depths: start.architecture.depths, widths: start.architecture.widths, ...RUN_SHAPE };
    expect(await text(page, '[data-field="parameters"]')).toBe(formatCount(parameterCount(spec)));
    await page.waitForFunction(() => document.querySelector('#budget')?.textContent === 'none');
    expect(await isShown(page, 'chart-cost')).toBe(false);
    expect(await text(page, '#progress-label')).toBe(`epoch ${START_AT + 1}: 4 of 9 train shards`);
    expect(await page.locator('#volunteer-rows tr td:nth-child(2)').allTextContents()).toEqual(start.volunteers.map((v) => v.backend));

    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
    for (let index = START_AT + 1; index <= last; index++) served.coordinator.advanceTo(index);
    const final = snapshots[last]!;
    await page.waitForFunction(() => document.querySelector('#test-acc')?.textContent !== '–');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    const fineTuneFrom = runSeries(final).fineTuneFrom;
    expect(fineTuneFrom).toBe(20);
    expect(await plotted(page, 'chart-accuracy')).toEqual({ series: ['validation accuracy (%)'], points: [final.history.length], markers: final.log.length, fineTuneFrom });
    expect(await plotted(page, 'chart-depth')).toEqual({ ...expectedDepth(last), markers: 3, fineTuneFrom });
    expect(await text(page, '#test-acc')).toBe('91.37%');
    expect(await text(page, '#architecture')).toBe('Basic3ResNet-8-7-8');
    expect(await page.locator('#depth-legend li').allTextContents()).toEqual(['stage 1 (frozen)', 'stage 2 (frozen)', 'stage 3 (frozen)']);
    expect((await canvasPixels(page, 'chart-accuracy', ['--freeze'])).opaque['--freeze']).toBeGreaterThan(50);
    // The fine-tune band: four of 24 epochs of the plot, faint accent under the orange loss line.
    expect((await canvasPixels(page, 'chart-loss', ['--accent'])).faint['--accent']).toBeGreaterThan(2000);
    expect(await text(page, '#progress-label')).toBe('finished');
    expect(await count(page, '#volunteer-rows tr')).toBe(0);
    // The bar eases to full; the screenshot waits for it.
    await page.waitForFunction(() => document.querySelector('#progress-fill')!.clientWidth === document.querySelector('.progress-track')!.clientWidth);
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard.png'), fullPage: true });

    const reportJson = JSON.parse((await download(page, '#download-report')).toString('utf8'));
    expect(reportJson.history).toHaveLength(final.history.length);
    expect(reportJson.config).toEqual(runConfig);
    expect(reportJson.finalArchitecture.counts.parameters).toBe(parameterCount({ ...spec, depths: final.architecture.depths }));

    await page.click('#build-model');
    await page.waitForSelector('#model-files a:nth-child(2)');
    expect(await page.locator('#model-files a').evaluateAll((links) => links.map((a) => a.getAttribute('download')))).toEqual(['model.json', 'weights.bin']);
    const weights = await download(page, '#model-files a:nth-child(2)');
    const modelJson = JSON.parse((await download(page, '#model-files a:nth-child(1)')).toString('utf8'));
    const values = modelJson.weightsManifest[0].weights.reduce((sum: number, w: { shape: number[] }) => sum + tensorSize(w.shape), 0);
    expect(modelJson.modelTopology.config.name).toBe('Basic3ResNet-8-7-8');
    expect(modelJson.userDefinedMetadata).toMatchObject({ dataset: 'cifar10', mean: final.dataset.mean, std: final.dataset.std });
    expect(weights.length).toBe(values * 4);
    await page.close();
  });

  it('shows a run under a budget: its cost against the limit, the stages stopped at it, and the budget in both downloads', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const { progress, config } = BUDGET_RUN;
    await page.goto(`${served.coordinator.url}/dashboard/?run=${progress.id}`);
    const { cost, depths, fineTuneFrom } = runSeries(progress);
    await waitForPoints(page, 'chart-cost', [cost.length, 2]);
    expect(await isShown(page, 'chart-cost')).toBe(true);
    const stops = progress.log.filter((entry) => entry.type === 'budget');
    expect(stops.map((entry) => entry.stage)).toEqual([2, 0, 1]);
    expect(await plotted(page, 'chart-cost')).toEqual({ series: ['parameters (% of 300 k)', 'budget'], points: [cost.length, 2], markers: 3, fineTuneFrom });
    expect(await page.locator('#cost-legend li').allTextContents()).toEqual(['parameters (% of 300 k)', 'budget']);
    const found = cost.at(-1)!.parameters;
    expect(found).toBeLessThanOrEqual(300_000);
    expect(await text(page, '#budget')).toBe(`parameters ${formatCount(found)} of 300 k (${Math.round(found / 3000)}%)`);
    expect(await page.locator('#depth-legend li').allTextContents()).toEqual(depths.map((d) => `stage ${d.stage + 1} (at budget)`));
    expect(await plotted(page, 'chart-depth')).toMatchObject({ markers: 3 });
    // Drawn: the budget line and markers in their amber, the cost steps in the accent color.
    const pixels = await canvasPixels(page, 'chart-cost', ['--budget', '--accent']);
    expect(pixels.opaque['--budget']).toBeGreaterThan(100);
    expect(pixels.opaque['--accent']).toBeGreaterThan(100);
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard-budget.png'), fullPage: true });

    const reportJson = JSON.parse((await download(page, '#download-report')).toString('utf8'));
    expect(reportJson.budget).toEqual({ limits: config.budget, used: { parameters: found / 300_000, multiplyAccumulates: null }, stops });
    await page.click('#build-model');
    await page.waitForSelector('#model-files a:nth-child(2)');
    const modelJson = JSON.parse((await download(page, '#model-files a:nth-child(1)')).toString('utf8'));
    expect(modelJson.userDefinedMetadata.budget).toEqual({ limits: config.budget, used: { parameters: found / 300_000, multiplyAccumulates: null } });
    await page.close();
  });

  it("lists a group's runs side by side in the study's table, each run linking to its page", async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.coordinator.url}/dashboard/?group=fixture-study`);
    await page.waitForSelector('#group-rows tr');
    expect(await text(page, '#group-title')).toBe('Group fixture-study');
    expect(await page.locator('#group-head th').allTextContents()).toEqual(STUDY_TABLE_HEADER);
    const rows = await page.locator('#group-rows tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    expect(rows.map((row) => [row[0], row[1], row[3]])).toEqual([['K=1', '2', '91.15 ± 0.07'], ['K=2', '2', '92.15 ± 0.07']]);
    expect(await page.locator('#group-run-rows tr').count()).toBe(GROUP_RUNS.length);
    const running = GROUP_RUNS.find((run) => run.progress.status === 'running')!;
    expect(await page.locator(`#group-run-rows tr[data-run="${running.progress.id}"] a`).getAttribute('href')).toBe(`?run=${running.progress.id}`);
    expect(await text(page, '#group-note')).toBe('4 of 5 runs finished; the table counts the finished ones (mean ± std over their seeds).');
    expect(await page.locator('#run').isHidden()).toBe(true);
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard-group.png'), fullPage: true });
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await served.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    await page.goto(`${served.coordinator.url}/dashboard/?run=${RUN_ID}`);
    await waitForPoints(page, 'chart-accuracy', [snapshots[last]!.history.length]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    // Each chart's canvas fits its box at the phone's width (the cost chart is hidden: no budget).
    const widths = await page.$$eval('#run .chart:not([hidden]) .plot', (plots) => plots.map((plot) => [plot.clientWidth, plot.querySelector('canvas')!.getBoundingClientRect().width]));
    for (const [box, canvas] of widths) expect(canvas).toBeLessThanOrEqual(box!);
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
    await page.close();
  });

  it("shows every column of a running run's volunteer table on a phone", async () => {
    const page = await served.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    const running = GROUP_RUNS.find((run) => run.progress.status === 'running')!.progress;
    await page.goto(`${served.coordinator.url}/dashboard/?run=${running.id}`);
    await page.waitForSelector('#volunteer-rows tr');
    // Stacked: each volunteer a card, each cell under its column's name, inside the table's box.
    const cells = await page.$$eval('#volunteer-rows td', (tds) => {
      const box = tds[0]!.closest('.table-wrap')!;
      return { scrolls: box.scrollWidth > box.clientWidth, cut: tds.filter((td) => td.getBoundingClientRect().right > box.getBoundingClientRect().right).length, labels: tds.map((td) => td.dataset.label) };
    });
    expect(cells).toEqual({ scrolls: false, cut: 0, labels: running.volunteers.flatMap(() => ['Volunteer', 'Backend', 'Samples', 'Reports', 'Last seen']) });
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard-phone-volunteers.png'), fullPage: true });
    await page.close();
  });

  it('says in words when a run does not exist', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.coordinator.url}/dashboard/?run=00000000000000000000000000000000`);
    await page.waitForSelector('#error:not([hidden])');
    expect(await text(page, '#error')).toContain('no run 00000000000000000000000000000000');
    await page.close();
  });
});
