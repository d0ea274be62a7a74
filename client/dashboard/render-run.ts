// Fills the run section from its view and charts: the [data-field] texts, the progress bar, the
// three charts, the stage legend and the volunteer table.
import { chartLayout } from './chart-layout.ts';
import type { RunCharts } from './chart-specs.ts';
import type { RunView, VolunteerRow } from './run-view.ts';
import { renderChart } from './svg-chart.ts';

const byId = <T extends Element>(root: ParentNode, id: string): T => {
  const node = root.querySelector<T>(`#${id}`);
  if (!node) throw new Error(`renderRun: the page has no #${id}`);
  return node;
};

export function renderRun(root: HTMLElement, view: RunView, charts: RunCharts): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-field]')) {
    const value = view[node.dataset.field as keyof RunView];
    if (typeof value === 'string' && node.textContent !== value) node.textContent = value;
  }
  byId<HTMLElement>(root, 'run').querySelector('.badge')!.className = `badge ${view.status}`;
  byId<HTMLElement>(root, 'progress-fill').style.width = `${(view.progress.fraction * 100).toFixed(1)}%`;
  byId<HTMLElement>(root, 'progress-label').textContent = view.progress.label;

  renderChart(byId(root, 'chart-accuracy'), chartLayout(charts.accuracy));
  renderChart(byId(root, 'chart-loss'), chartLayout(charts.loss));
  const depth = chartLayout(charts.depth);
  renderChart(byId(root, 'chart-depth'), depth);
  byId<HTMLElement>(root, 'depth-legend').replaceChildren(
    ...depth.lines.map((line) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch ${line.className.replace('depth ', '')}`;
      item.append(swatch, line.label);
      return item;
    }),
  );
  renderFleet(root, view.fleet);
}

const FLEET_COLUMNS: { key: keyof VolunteerRow; numeric?: boolean }[] = [
  { key: 'id' }, { key: 'backend' }, { key: 'samples', numeric: true }, { key: 'reports', numeric: true }, { key: 'lastSeen' },
];

function renderFleet(root: HTMLElement, fleet: VolunteerRow[]): void {
  byId<HTMLElement>(root, 'volunteer-rows').replaceChildren(
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
}
