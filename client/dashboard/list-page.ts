// The run list: GET /api/runs now and every REFRESH_MS, so new runs and their progress show up.
import type { CoordinatorClient } from '../coordinator/index.ts';
import { showError } from './page-status.ts';
import { renderRunList } from './render-list.ts';
import { runRows } from './run-list-view.ts';

const REFRESH_MS = 10_000;

export async function showRunList(api: CoordinatorClient): Promise<void> {
  document.querySelector<HTMLElement>('#run-list')!.hidden = false;
  const refresh = async (): Promise<void> => {
    const runs = await api.listRuns();
    if (!runs.ok) return showError(`Cannot list the runs: ${runs.error}`);
    showError(null);
    renderRunList(document, runRows(runs.value));
  };
  await refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}
