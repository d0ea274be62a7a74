// Below 1100 px a wide table is stacked (dashboard.css, table.stack): each row a card, each cell
// under its column's name, so no column is cut off or scrolled out of sight. The names come from
// the table's own header, so they cannot drift from it.
export function labelCells(table: HTMLTableElement): void {
  const names = Array.from(table.tHead?.rows[0]?.cells ?? [], (th) => th.textContent ?? '');
  for (const body of table.tBodies) {
    for (const row of body.rows) for (const cell of row.cells) cell.dataset.label = names[cell.cellIndex] ?? '';
  }
}
