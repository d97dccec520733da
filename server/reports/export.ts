import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Table } from '../../shared/reports/tables.ts';

/** UTF-8 with a byte-order mark, so Excel opens the Chinese headings correctly. */
export function toCsv(table: Table): Buffer {
  const text = stringify([table.headers, ...table.rows.map((r) => r.map((c) => (c === null ? '' : c)))]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** One sheet per table, headings bold and frozen. */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'hall-queue';
  for (const t of tables) {
    // Sheet names: at most 31 characters, none of []:*?/\
    const sheet = book.addWorksheet(t.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) sheet.addRow(r);
    sheet.columns.forEach((c, i) => {
      const widest = Math.max(...[t.headers[i], ...t.rows.map((r) => r[i])].map((v) => String(v ?? '').length));
      c.width = Math.min(40, Math.max(8, widest * 1.6 + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
