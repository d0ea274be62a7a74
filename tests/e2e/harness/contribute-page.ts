// Drives the contribute page in a browser: open it for a run, press Contribute, and read the
// state it exposes as data-* attributes on <main id="volunteer">.
import type { Browser, Page } from 'playwright-core';

export interface PageState {
  activity: string;
  backend: string;
  backendDetail: string;
  tasksDone: number;
  samplesDone: number;
  tasksByBackend: Record<string, number>;
  imagesPerSecond: number | null;
  taskKind: string;
  runPhase: string;
  runArchitecture: string;
  problem: string;
}

export interface ContributePage {
  page: Page;
  state(): Promise<PageState>;
  /** Every problem the page showed, and every console error, for the failure message. */
  problems: string[];
}

export async function openContributePage(browser: Browser, url: string, runId: string, query = ''): Promise<ContributePage> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${url}/?run=${runId}${query}`);
  await page.click('#contribute');
  return {
    page,
    problems,
    async state() {
      const data = await page.locator('#volunteer').evaluate((main: HTMLElement) => ({ ...main.dataset }));
      if (data.problem) problems.push(data.problem);
      return {
        activity: data.activity ?? '',
        backend: data.backend ?? '',
        backendDetail: data.backendDetail ?? '',
        tasksDone: Number(data.tasksDone ?? 0),
        samplesDone: Number(data.samplesDone ?? 0),
        tasksByBackend: JSON.parse(data.tasksByBackend || '{}') as Record<string, number>,
        imagesPerSecond: data.imagesPerSecond ? Number(data.imagesPerSecond) : null,
        taskKind: data.taskKind ?? '',
        runPhase: data.runPhase ?? '',
        runArchitecture: data.runArchitecture ?? '',
        problem: data.problem ?? '',
      };
    },
  };
}
