/**
 * CSV as RFC 4180 writes it, for spreadsheets: comma-separated, CRLF line ends, every cell quoted (a quote
 * inside doubled), and a UTF-8 byte order mark first, without which Excel reads UTF-8 as the system's legacy
 * code page and garbles accents ("MÃ¼ller").
 */
export const CSV_BOM = '\uFEFF';

/**
 * A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before one) is a
 * formula to Excel, LibreOffice and Google Sheets: a member's email such as `=HYPERLINK(…)@x.example` would run
 * in the admin's spreadsheet (CSV injection). OWASP's defence: an apostrophe before it, which spreadsheets
 * show as text and which keeps the value readable.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
