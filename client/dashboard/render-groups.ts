// Fills the home page's group tables: one card per group, its runs in a compact table and a link
// to the group's page.
import type { GroupSection } from './group-sections.ts';
import { labelCells } from './stacked-table.ts';

const HEADER = ['Run', 'Status', 'Net', 'Test accuracy'];
const NUMERIC = [false, false, false, true];

function cell(tag: 'td' | 'th', content: string | Node, numeric: boolean): HTMLTableCellElement {
  const node = document.createElement(tag);
  if (numeric) node.className = 'num';
  node.append(content);
  return node;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

function card(section: GroupSection): HTMLElement {
  const article = document.createElement('article');
  article.className = 'group-card';
  article.dataset.group = section.group;
  const title = document.createElement('h3');
  title.append(link(section.href, section.group));
  const note = document.createElement('p');
  note.className = 'muted';
  note.append(`${section.note} · `, link(section.href, "the study's table"));
  const table = document.createElement('table');
  table.className = 'stack';
  const head = table.createTHead().insertRow();
  head.append(...HEADER.map((text, i) => cell('th', text, NUMERIC[i]!)));
  const body = table.createTBody();
  for (const run of section.runs) {
    const row = body.insertRow();
    row.dataset.run = run.id;
    row.append(...[link(run.href, run.name), run.status, run.net, run.testAcc].map((content, i) => cell('td', content, NUMERIC[i]!)));
  }
  labelCells(table);
  article.append(title, note, table);
  return article;
}

export function renderGroups(root: ParentNode, sections: GroupSection[]): void {
  root.querySelector('#group-sections')!.replaceChildren(...sections.map(card));
  root.querySelector<HTMLElement>('#groups')!.hidden = sections.length === 0;
}
