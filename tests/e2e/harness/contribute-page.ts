// Drives the contribute page in a browser: open it for a run (or for none: the coordinator assigns
// one), press Contribute, and read the state it exposes as data-* attributes on <main id="volunteer">.
//
// A problem stays in data-problem only until the next task is accepted (a WASM re-run after a
// lost device took 217 ms here), so polling the attribute can miss it: a MutationObserver in the
// page records every value it takes, and each state() read drains that record.
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
  runId: string;
  runPhase: string;
  runArchitecture: string;
  /** Why the coordinator gave it its run ('first', 'moved: run finished', 'no room', ...); '' for a named run. */
  assignment: string;
  problem: string;
}

export interface ContributePage {
  page: Page;
  state(): Promise<PageState>;
  /** Every problem the page showed, in order, and every console error. */
  problems: string[];
}

/** `query` is more of the URL's query, each parameter as "&name=value"; runId null names no run. */
export async function openContributePage(browser: Browser, url: string, runId: string | null, query = ''): Promise<ContributePage> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(recordProblemsShown);
  await page.goto(`${url}/?${runId === null ? query.slice(1) : `run=${runId}${query}`}`);
  await page.click('#contribute');
  return {
    page,
    problems,
    async state() {
      const { data, shown } = await page.locator('#volunteer').evaluate((main: HTMLElement) => ({
        data: { ...main.dataset },
        shown: (window as unknown as ProblemRecord).problemsShown.splice(0),
      }));
      problems.push(...shown);
      return {
        activity: data.activity ?? '',
        backend: data.backend ?? '',
        backendDetail: data.backendDetail ?? '',
        tasksDone: Number(data.tasksDone ?? 0),
        samplesDone: Number(data.samplesDone ?? 0),
        tasksByBackend: JSON.parse(data.tasksByBackend || '{}') as Record<string, number>,
        imagesPerSecond: data.imagesPerSecond ? Number(data.imagesPerSecond) : null,
        taskKind: data.taskKind ?? '',
        runId: data.runId ?? '',
        runPhase: data.runPhase ?? '',
        runArchitecture: data.runArchitecture ?? '',
        assignment: data.assignment ?? '',
        problem: data.problem ?? '',
      };
    },
  };
}

interface ProblemRecord {
  problemsShown: string[];
}

/** Runs in the page before its scripts: appends every non-empty value data-problem takes to window.problemsShown. */
function recordProblemsShown(): void {
  const record = window as unknown as ProblemRecord;
  record.problemsShown = [];
  document.addEventListener('DOMContentLoaded', () => {
    const main = document.getElementById('volunteer');
    if (!main) return;
    // Each record's oldValue is the value before its change, so the values taken are the old
    // values after the first record, then the value now. Every status update writes the
    // attribute again, so a value is recorded when it differs from the one before.
    let last: string | null = null;
    new MutationObserver((records) => {
      const values = [...records.slice(1).map((entry) => entry.oldValue), main.getAttribute('data-problem')];
      for (const value of values) {
        if (value && value !== last) record.problemsShown.push(value);
        last = value;
      }
    }).observe(main, { attributes: true, attributeFilter: ['data-problem'], attributeOldValue: true });
  });
}
