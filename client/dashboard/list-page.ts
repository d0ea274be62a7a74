// The home page: GET /api/runs now and every REFRESH_MS, so new runs and their progress show up.
// Each answer is also a sample of the fleet, kept in memory for the fleet chart from the moment
// the page opened.
import type { CoordinatorClient } from '../coordinator/index.ts';
import { mountFleetPanel } from './fleet-panel.ts';
import { EMPTY_FLEET, sampleFleet } from './fleet-series.ts';
import { fleetView } from './fleet-view.ts';
import { groupSections } from './group-sections.ts';
import { showError } from './page-status.ts';
import { renderGroups } from './render-groups.ts';
import { renderRunList } from './render-list.ts';
import { runRows } from './run-list-view.ts';

const REFRESH_MS = 10_000;

export async function showRunList(api: CoordinatorClient): Promise<void> {
  const section = document.querySelector<HTMLElement>('#run-list')!;
  section.hidden = false;
  const fleet = mountFleetPanel(section);
  let series = EMPTY_FLEET;
  const refresh = async (): Promise<void> => {
    const runs = await api.listRuns();
    if (!runs.ok) return showError(`Cannot list the runs: ${runs.error}`);
    showError(null);
    series = sampleFleet(series, runs.value, Date.now());
    fleet.update(fleetView(series, runs.value));
    renderRunList(section, runRows(runs.value));
    renderGroups(section, groupSections(runs.value));
  };
  await refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}
