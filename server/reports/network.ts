import { AttendanceBuilder, type AttendanceReport } from '../../shared/reports/attendance.ts';
import type { NetworkAttendance, NetworkSummary } from '../../shared/reports/network.ts';
import { SummaryBuilder } from '../../shared/reports/summary.ts';
import { type Cell, figureCells, figureColumns, summaryFlatTable, type Table } from '../../shared/reports/tables.ts';
import type { HallNetwork } from '../store/store.ts';

/**
 * Reports over every hall in the database (SPEC §9): each hall's report as its own managers
 * see it, named with its own configuration, and the network's figures over all of them
 * (counts are the sums of the halls'; medians and rates are over all the visits).
 */

interface Period {
  from: string;
  to: string;
}

export async function networkSummary(network: HallNetwork, period: Period, now: number): Promise<NetworkSummary> {
  const halls = await network.halls();
  const builders: SummaryBuilder[] = [];
  for (const h of halls) {
    const builder = new SummaryBuilder(h.config, period, { now });
    for await (const day of network.days(h.hallId, period.from, period.to)) builder.add(day);
    builders.push(builder);
  }
  const results = halls.map((h, i) => ({ hallId: h.hallId, name: h.name, ...builders[i].result() }));
  // Each hall's tickets against its own targets; medians over all the visits (see hallsTogether).
  return { scope: 'network', period, halls: results, total: SummaryBuilder.hallsTogether(builders) };
}

export async function networkAttendance(network: HallNetwork, period: Period, now: number): Promise<NetworkAttendance> {
  const halls: NetworkAttendance['halls'] = [];
  for (const h of await network.halls()) {
    const builder = new AttendanceBuilder(h.config, period, { now });
    for await (const day of network.days(h.hallId, period.from, period.to)) builder.add(day);
    halls.push({ hallId: h.hallId, name: h.name, ...builder.result() });
  }
  return { scope: 'network', period, halls };
}

/** One row per hall (its 全馆 figures) and the network's: the sheet a network manager reads first. */
export function networkSummaryTables(report: NetworkSummary): Table[] {
  const rows: Cell[][] = report.halls.map((h) => [h.hallId, h.name, ...figureCells(h.hall)]);
  rows.push(['network', '全部大厅', ...figureCells(report.total)]);
  const overview: Table = { name: '各大厅', ...figureColumns('大厅编号', '大厅'), rows };
  return [overview, ...report.halls.map((h) => ({ ...summaryFlatTable(h), name: h.name.slice(0, 31) }))];
}

/** Every hall's attendance rows in one table, a 大厅 column first. */
export function networkAttendanceTable(report: NetworkAttendance, table: (r: AttendanceReport, config: { hallId: string }) => Table): Table {
  const parts = report.halls.map((h) => ({ h, t: table(h, h) }));
  return {
    name: '考勤（全部大厅）',
    headers: ['大厅', ...(parts[0]?.t.headers ?? [])],
    rows: parts.flatMap(({ h, t }) => t.rows.map((r) => [h.name, ...r])),
  };
}
