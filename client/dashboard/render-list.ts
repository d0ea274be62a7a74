// Fills the run list's table (each run's group under its name, its progress with a bar for the
// epoch, its volunteers with what it can use), or says there are no runs.
import type { RunRow } from './run-list-view.ts';
import { labelCells } from './stacked-table.ts';

type Fill = (td: HTMLTableCellElement, row: RunRow) => void;

const text = (key: 'status' | 'architecture' | 'bestValAcc' | 'testAcc' | 'created'): Fill => (td, row) => (td.textContent = row[key]);

/** A second, smaller line in a cell. */
function note(content: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'cell-note';
  span.textContent = content;
  return span;
}

const COLUMNS: { fill: Fill; numeric?: boolean }[] = [
  {
    fill: (td, row) => {
      const link = document.createElement('a');
      link.href = row.href;
      link.textContent = row.name;
      td.append(link);
      if (row.group) td.append(note(row.group));
    },
  },
  { fill: text('status') },
  {
    fill: (td, row) => {
      td.textContent = row.progress;
      if (row.epochShare === null) return;
      const bar = document.createElement('span');
      bar.className = 'cell-bar';
      const fill = document.createElement('span');
      fill.style.width = `${(100 * row.epochShare).toFixed(1)}%`;
      bar.append(fill);
      td.append(bar);
    },
  },
  {
    fill: (td, row) => {
      td.textContent = row.volunteers;
      if (row.useful) td.append(note(row.useful));
    },
  },
  { fill: text('architecture') },
  { fill: text('bestValAcc'), numeric: true },
  { fill: text('testAcc'), numeric: true },
  { fill: text('created') },
];

export function renderRunList(root: ParentNode, rows: RunRow[]): void {
  const body = root.querySelector<HTMLTableSectionElement>('#run-rows')!;
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.run = row.id;
      for (const { fill, numeric } of COLUMNS) {
        const td = document.createElement('td');
        if (numeric) td.className = 'num';
        fill(td, row);
        tr.append(td);
      }
      return tr;
    }),
  );
  labelCells(body.closest('table')!);
  root.querySelector<HTMLElement>('#no-runs')!.hidden = rows.length > 0;
}
