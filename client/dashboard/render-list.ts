// Fills the run list's table, or says there are no runs.
import type { RunRow } from './run-list-view.ts';

const COLUMNS: { key: keyof RunRow; numeric?: boolean }[] = [
  { key: 'name' }, { key: 'status' }, { key: 'phase' }, { key: 'architecture' },
  { key: 'epoch', numeric: true }, { key: 'volunteers', numeric: true }, { key: 'bestValAcc', numeric: true }, { key: 'created' },
];

export function renderRunList(root: ParentNode, rows: RunRow[]): void {
  const body = root.querySelector<HTMLTableSectionElement>('#run-rows')!;
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.run = row.id;
      for (const { key, numeric } of COLUMNS) {
        const td = document.createElement('td');
        if (numeric) td.className = 'num';
        if (key === 'name') {
          const link = document.createElement('a');
          link.href = row.href;
          link.textContent = row.name;
          td.append(link);
        } else {
          td.textContent = row[key];
        }
        tr.append(td);
      }
      return tr;
    }),
  );
  root.querySelector<HTMLElement>('#no-runs')!.hidden = rows.length > 0;
}
