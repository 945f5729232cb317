// Tables of figures that download as CSV: the analytics and review panels build them from rows and columns.
// Cells go in as textContent; in the CSV a text cell that a spreadsheet would run as a formula (starting with =, +,
// -, @, tab or CR) is written behind a ' as the knowledge-base export does.

import { el } from '../staff/dom.js';

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when it must be, a formula-looking text defused. Numbers stay numbers. */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of rows under columns ({key, title, csv?}): a header line, then one line per row, CRLF. */
export function toCsv(columns, rows) {
  const lines = [columns.map((c) => csvCell(c.title))];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.csv ? c.csv(row) : row[c.key])));
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/** Hands text to the browser as a download named name. */
export function download(name, text, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { attrs: { href: url, download: name } });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A titled table with an Export CSV button: columns are {key, title, show?(row), csv?(row)}; show formats the cell
 * on screen, csv the value in the file (the raw value by default, so rates export as fractions).
 */
export function figureTable(id, title, columns, rows, { file = `${id}.csv` } = {}) {
  const button = el('button', { className: 'quiet', text: 'Export CSV',
    attrs: { type: 'button', 'data-testid': `${id}-csv` } });
  button.addEventListener('click', () => download(file, toCsv(columns, rows)));
  const body = rows.length === 0
    ? [el('tr', {}, [el('td', { text: 'Nothing in this period.', attrs: { colspan: String(columns.length) } })])]
    : rows.map((row) => el('tr', { attrs: { 'data-testid': `${id}-row` } }, columns.map((c) =>
      el('td', { text: c.show ? c.show(row) : row[c.key], attrs: { 'data-column': c.key } }))));
  return el('section', { className: 'figure-table', attrs: { 'data-testid': id } }, [
    el('div', { className: 'table-head' }, [el('h4', { text: title }), button]),
    el('table', {}, [
      el('thead', {}, [el('tr', {}, columns.map((c) => el('th', { text: c.title })))]),
      el('tbody', {}, body),
    ]),
  ]);
}
