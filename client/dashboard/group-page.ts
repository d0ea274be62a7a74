// A group of runs (a study on the coordinator): its runs read now and every REFRESH_MS, shown in
// the study's table side by side.
import type { CoordinatorClient } from '../coordinator/index.ts';
import { groupRuns } from '../study/group-runs.ts';
import { groupView } from './group-view.ts';
import { showError } from './page-status.ts';
import { renderGroup } from './render-group.ts';

const REFRESH_MS = 15_000;

export async function showGroup(api: CoordinatorClient, group: string): Promise<void> {
  document.querySelector<HTMLElement>('#group')!.hidden = false;
  document.title = `${group} · AutoGrow Fleet`;
  const refresh = async (): Promise<void> => {
    const runs = await groupRuns(api, group);
    if (!runs.ok) return showError(`Cannot read the runs of group ${group}: ${runs.error}`);
    showError(null);
    renderGroup(document, groupView(group, runs.value));
  };
  await refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}
