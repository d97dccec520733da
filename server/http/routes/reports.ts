import { type Request, type Response, Router } from 'express';
import { bookingFigures } from '../../../shared/reports/appointments.ts';
import { bulletinMarkdown, composeBulletin } from '../../../shared/reports/bulletin.ts';
import { bulletinDocx } from '../../reports/bulletin-docx.ts';
import { reviewFigures } from '../../../shared/reports/reviews.ts';
import { z } from 'zod';
import { AttendanceBuilder } from '../../../shared/reports/attendance.ts';
import type { DayFacts } from '../../../shared/reports/facts.ts';
import { computeHourly } from '../../../shared/reports/hourly.ts';
import { SummaryBuilder } from '../../../shared/reports/summary.ts';
import { attendanceTable, hourlyTable, summaryFlatTable, summaryTables, type Table } from '../../../shared/reports/tables.ts';
import { fail } from '../../../shared/errors.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { toCsv, toXlsx } from '../../reports/export.ts';
import { networkAttendance, networkAttendanceTable, networkSummary, networkSummaryTables } from '../../reports/network.ts';
import { reportDays } from '../../reports/report-days.ts';
import { requireStaff } from '../guards.ts';
import { businessDateParam } from '../params.ts';
import { parse } from '../validate.ts';
import { daysBetween } from '../../../shared/time.ts';

const date = businessDateParam;
const format = z.enum(['json', 'csv', 'xlsx']).default('json');
const periodQuery = z.object({ from: date, to: date, format, scope: z.enum(['hall', 'network']).default('hall') });
const hourlyQuery = z.object({ date, format });
const bulletinQuery = z.object({ from: date, to: date, format: z.enum(['md', 'docx', 'json']).default('md') });

/** Ten years: any real period, and no loop over millions of dates. */
const MAX_PERIOD_DAYS = 3660;

function period(query: unknown) {
  const q = parse(periodQuery, query, 'query');
  if (q.from > q.to) fail('INVALID_INPUT', 'from: must not be after to', 'from');
  if (daysBetween(q.from, q.to) > MAX_PERIOD_DAYS) fail('INVALID_INPUT', `to: a period is at most ${MAX_PERIOD_DAYS} days`, 'to');
  return q;
}

/** Sends a file under its Chinese name (and an ASCII one for clients that take no other). */
function sendFile(res: Response, type: string, filename: string, ext: string, body: string | Buffer, disposition: 'attachment' | 'inline' = 'attachment'): void {
  const ascii = filename.replace(/[^\w.-]/g, '_');
  res.setHeader('content-type', type);
  res.setHeader('content-disposition', `${disposition}; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}.${ext}`);
  res.send(body);
}

async function send(res: Response, fmt: 'csv' | 'xlsx', filename: string, tables: Table[], flat: Table): Promise<void> {
  if (fmt === 'csv') sendFile(res, 'text/csv; charset=utf-8', filename, 'csv', toCsv(flat));
  else sendFile(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename, 'xlsx', await toXlsx(tables));
}

/** SPEC §6 reports, for managers: JSON, CSV (UTF-8 with BOM) or XLSX (one sheet per breakdown). */
export function reportRoutes(engine: HallEngine): Router {
  const r = Router();
  const departmentName = (id: string) => engine.model.departmentEver(id)?.name ?? id;

  /** Every hall of the database, for a network manager; refused on a store of one hall. */
  const network = (req: Request) => {
    requireStaff(req, 'network-manager');
    return engine.store.network ?? fail('NETWORK_NEEDS_DATABASE');
  };

  r.get('/reports/summary', async (req, res) => {
    requireStaff(req, 'manager');
    const q = period(req.query);
    if (q.scope === 'network') {
      const report = await networkSummary(network(req), { from: q.from, to: q.to }, engine.now());
      if (q.format === 'json') res.json(report);
      else {
        const tables = networkSummaryTables(report);
        await send(res, q.format, `服务统计_全部大厅_${q.from}_${q.to}`, tables, tables[0]);
      }
      return;
    }
    const builder = new SummaryBuilder(engine.config, { from: q.from, to: q.to }, { now: engine.now(), retired: engine.model.storedConfig?.retired });
    for await (const day of reportDays(engine, q.from, q.to, 'figures')) builder.add(day);
    const report = builder.result();
    if (q.format === 'json') {
      const period = { from: q.from, to: q.to };
      res.json({
        ...report,
        reviews: reviewFigures(Object.values(engine.data.reviews), period, engine.config.hall.timezone, engine.today()),
        appointments: bookingFigures(engine.config, Object.values(engine.data.appointments), period, engine.now(), (id) => engine.model.serviceEver(id)?.name ?? id),
      });
      return;
    }
    await send(res, q.format, `服务统计_${q.from}_${q.to}`, summaryTables(report), summaryFlatTable(report));
  });

  /** 通报 (SPEC §12): the period's bulletin written from its figures, as Markdown, Word or its structure. */
  r.get('/reports/bulletin', async (req, res) => {
    requireStaff(req, 'manager');
    const q = parse(bulletinQuery, req.query, 'query');
    const p = period({ from: q.from, to: q.to });
    const options = { now: engine.now(), retired: engine.model.storedConfig?.retired };
    const summary = new SummaryBuilder(engine.config, p, options);
    const attendance = new AttendanceBuilder(engine.config, p, { ...options, leave: Object.values(engine.data.leave) });
    for await (const day of reportDays(engine, p.from, p.to, 'figures')) {
      summary.add(day);
      attendance.add(day);
    }
    const reviews = reviewFigures(Object.values(engine.data.reviews), p, engine.config.hall.timezone, engine.today());
    const bulletin = composeBulletin(engine.config, summary.result(), attendance.result(), reviews);
    const filename = `运行情况通报_${p.from}_${p.to}`;
    if (q.format === 'json') res.json({ bulletin });
    else if (q.format === 'md') sendFile(res, 'text/markdown; charset=utf-8', filename, 'md', bulletinMarkdown(bulletin), 'inline');
    else sendFile(res, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename, 'docx', await bulletinDocx(bulletin));
  });

  r.get('/reports/attendance', async (req, res) => {
    requireStaff(req, 'manager');
    const q = period(req.query);
    if (q.scope === 'network') {
      const net = network(req);
      const report = await networkAttendance(net, { from: q.from, to: q.to }, engine.now());
      if (q.format === 'json') res.json(report);
      else {
        const configs = new Map((await net.halls()).map((h) => [h.hallId, h.config]));
        const table = networkAttendanceTable(report, (r, h) => attendanceTable(r, (id) => configs.get(h.hallId)?.departments.find((d) => d.id === id)?.name ?? id));
        await send(res, q.format, `考勤_全部大厅_${q.from}_${q.to}`, [table], table);
      }
      return;
    }
    const builder = new AttendanceBuilder(engine.config, { from: q.from, to: q.to }, { now: engine.now(), leave: Object.values(engine.data.leave) });
    for await (const day of reportDays(engine, q.from, q.to, 'figures')) builder.add(day);
    const report = builder.result();
    if (q.format === 'json') {
      res.json(report);
      return;
    }
    const table = attendanceTable(report, departmentName);
    await send(res, q.format, `考勤_${q.from}_${q.to}`, [table], table);
  });

  r.get('/reports/hourly', async (req, res) => {
    requireStaff(req, 'manager');
    const q = parse(hourlyQuery, req.query, 'query');
    let day: DayFacts | undefined;
    for await (const d of reportDays(engine, q.date, q.date, 'facts')) day = d;
    const hours = computeHourly(day, q.date, engine.config.hall.timezone, engine.now());
    if (q.format === 'json') {
      res.json({ date: q.date, hours });
      return;
    }
    const table = hourlyTable(q.date, hours);
    await send(res, q.format, `分时_${q.date}`, [table], table);
  });

  return r;
}
