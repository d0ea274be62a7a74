// Fills the run section's text from its view: the [data-field] texts, the badge, the progress bar
// and the volunteer table. The charts are run-charts.ts's.
import type { RunView, VolunteerRow } from './run-view.ts';
import { labelCells } from './stacked-table.ts';

const byId = <T extends Element>(root: ParentNode, id: string): T => {
  const node = root.querySelector<T>(`#${id}`);
  if (!node) throw new Error(`renderRun: the page has no #${id}`);
  return node;
};

export function renderRun(root: HTMLElement, view: RunView): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-field]')) {
    const value = view[node.dataset.field as keyof RunView];
    if (typeof value === 'string' && node.textContent !== value) node.textContent = value;
  }
  byId<HTMLElement>(root, 'run').querySelector('.badge')!.className = `badge ${view.status}`;
  byId<HTMLElement>(root, 'progress-fill').style.width = `${(view.progress.fraction * 100).toFixed(1)}%`;
  byId<HTMLElement>(root, 'progress-label').textContent = view.progress.label;
  renderFleet(root, view.fleet);
}

const FLEET_COLUMNS: { key: keyof VolunteerRow; numeric?: boolean }[] = [
  { key: 'id' }, { key: 'backend' }, { key: 'samples', numeric: true }, { key: 'reports', numeric: true }, { key: 'lastSeen' },
];

function renderFleet(root: HTMLElement, fleet: VolunteerRow[]): void {
  const body = byId<HTMLTableSectionElement>(root, 'volunteer-rows');
  body.replaceChildren(
    ...fleet.map((volunteer) => {
      const tr = document.createElement('tr');
      for (const { key, numeric } of FLEET_COLUMNS) {
        const td = document.createElement('td');
        if (numeric) td.className = 'num';
        td.textContent = volunteer[key];
        tr.append(td);
      }
      return tr;
    }),
  );
  labelCells(body.closest('table')!);
}
