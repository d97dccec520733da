import type { ReportDay } from '../../shared/reports/summary.ts';
import { datesBetween } from '../../shared/time.ts';
import type { HallEngine } from '../hall/engine.ts';

/** The business dates of a period as report input: archives for closed days, the live data for today. */
export async function loadReportDays(engine: HallEngine, from: string, to: string): Promise<ReportDay[]> {
  const live = engine.data.meta.businessDate;
  const archived = new Set(await engine.store.listDays());
  const days: ReportDay[] = [];
  for (const date of datesBetween(from, to)) {
    if (date === live) {
      days.push({
        businessDate: date,
        tickets: Object.values(engine.data.tickets),
        attendance: Object.values(engine.data.attendance),
        caseCompletions: Object.values(engine.data.caseCompletions),
      });
    } else if (archived.has(date)) {
      const a = await engine.store.readDay(date);
      if (a) days.push({ businessDate: date, tickets: a.tickets, attendance: a.attendance, caseCompletions: a.caseCompletions });
    }
  }
  return days;
}
