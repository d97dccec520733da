import { stringify } from 'csv-stringify/sync';
import type { Cell, NumberFormat, Table } from '../../shared/reports/tables.ts';

/** Excel's number formats: a share shows as 96.3%, minutes and scores with one decimal. */
const EXCEL_FORMAT: Record<NumberFormat, string> = { percent: '0.0%', oneDecimal: '0.0' };

/** CSV has no cell formats: a share is written as Excel would show it ("96.3%", which Excel reads back as a number). */
function csvCell(c: Cell, format: NumberFormat | undefined): string | number {
  if (c === null) return '';
  if (format === 'percent' && typeof c === 'number') return `${(c * 100).toFixed(1)}%`;
  return c;
}

/** UTF-8 with a byte-order mark, so Excel opens the Chinese headings correctly. */
export function toCsv(table: Table): Buffer {
  const rows = table.rows.map((r) => r.map((c, i) => csvCell(c, table.formats?.[i])));
  const text = stringify([table.headers, ...rows]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** One sheet per table, headings bold and frozen; numbers stay numbers, with their format; no value, an empty cell. */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  // Loaded at the first export, not at every start: it takes about 260 ms.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'hall-queue';
  for (const t of tables) {
    // Sheet names: at most 31 characters, none of []:*?/\
    const sheet = book.addWorksheet(t.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) {
      const row = sheet.addRow(r);
      t.formats?.forEach((format, i) => {
        if (format && typeof r[i] === 'number') row.getCell(i + 1).numFmt = EXCEL_FORMAT[format];
      });
    }
    sheet.columns.forEach((c, i) => {
      const widest = Math.max(...[t.headers[i], ...t.rows.map((r) => r[i])].map((v) => String(v ?? '').length));
      c.width = Math.min(40, Math.max(8, widest * 1.6 + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
