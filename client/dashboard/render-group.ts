// Fills the group section from its view: the study table (header and rows) and the run table.
import type { GroupRunRow, GroupView } from './group-view.ts';

const RUN_COLUMNS: { key: keyof GroupRunRow; numeric?: boolean }[] = [
  { key: 'variant' }, { key: 'seed', numeric: true }, { key: 'status' }, { key: 'architecture' }, { key: 'testAcc', numeric: true },
];

function cell(tag: 'td' | 'th', text: string, numeric: boolean): HTMLElement {
  const node = document.createElement(tag);
  if (numeric) node.className = 'num';
  node.textContent = text;
  return node;
}

export function renderGroup(root: ParentNode, view: GroupView): void {
  const title = root.querySelector<HTMLElement>('#group-title')!;
  title.textContent = view.title;
  root.querySelector('#group-head')!.replaceChildren(row(view.header.map((text, i) => cell('th', text, view.numeric[i]!))));
  root.querySelector('#group-rows')!.replaceChildren(...view.rows.map((cells) => row(cells.map((text, i) => cell('td', text, view.numeric[i]!)))));
  root.querySelector('#group-run-rows')!.replaceChildren(...view.runs.map((run) => {
    const tr = row(RUN_COLUMNS.map(({ key, numeric }) => cell('td', run[key], numeric ?? false)));
    tr.dataset.run = run.id;
    const link = document.createElement('a');
    link.href = run.href;
    link.textContent = run.variant;
    tr.firstElementChild!.replaceChildren(link);
    return tr;
  }));
  root.querySelector<HTMLElement>('#group-note')!.textContent = view.note;
}

function row(cells: HTMLElement[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}
