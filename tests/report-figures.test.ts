import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFigures, encodeFigures } from '../server/store/report-codecs.ts';
import { computeAttendance } from '../shared/reports/attendance.ts';
import { type DayFigures, toFigures } from '../shared/reports/day-figures.ts';
import { type DayFacts, toFacts } from '../shared/reports/facts.ts';
import { computeSummary, type ReportDay, type SummaryOptions } from '../shared/reports/summary.ts';
import { addDays } from '../shared/time.ts';
import type { RetiredConfig } from '../shared/types.ts';
import { testConfig } from './support/config.ts';
import { generateMonth, type GeneratedMonth } from './support/generated-month.ts';
import { startHall, type TestHall, tempDir } from './support/harness.ts';
import { testStore } from './support/stores.ts';

/**
 * A closed day's kept figures (shared/reports/day-figures.ts) against its raw visits: over
 * a generated month, every period's summary and attendance computed from the figures —
 * written to bytes and read back as a store keeps them — equals the one computed by
 * scanning every ticket and visit, figure by figure.
 */

const FIRST = '2026-10-01';
const DAYS = 31;
const config = testConfig((c) => {
  // A department moved since: the kept figures must follow the configuration of the report, not of the day.
  c.services.find((s) => s.id === 'trader')!.departmentId = 'ly';
});
const retired: RetiredConfig = {
  departments: [{ id: 'gone-dept', name: '撤并的部门' }],
  services: [{ id: 'retired-service', departmentId: 'gone-dept', name: '已取消的事项', prefix: 'R', targetWaitMinutes: 15, defaultServiceMinutes: 5 }],
  windows: [{ id: 'w-retired', number: 99, name: '已撤窗口', serviceIds: ['company'] }],
  staff: [{ id: 'c-retired', staffNo: '1999', name: '已调离', departmentId: 'scjg', role: 'clerk' }],
};
const options: SummaryOptions = { now: Date.parse('2026-11-15T10:00:00+08:00'), retired };

function withLate<T extends ReportDay>(day: T, month: GeneratedMonth): T {
  const late = month.lateRatings.filter((r) => r.businessDate === day.businessDate);
  return late.length > 0 ? { ...day, lateRatings: late } : day;
}

function forms(month: GeneratedMonth): { facts: DayFacts[]; figures: DayFigures[] } {
  const facts = month.days.map((d) => withLate(toFacts(d), month));
  const figures = month.days.map((d) => withLate(decodeFigures(encodeFigures(toFigures(toFacts(d)))), month));
  return { facts, figures };
}

describe('kept day figures', () => {
  for (const seed of [1, 2, 3]) {
    it(`add up to the raw visits' summary and attendance over a generated month (seed ${seed})`, () => {
      const month = generateMonth(config, FIRST, DAYS, seed);
      const { facts, figures } = forms(month);
      const periods = [
        { from: FIRST, to: addDays(FIRST, DAYS - 1) },
        { from: addDays(FIRST, 9), to: addDays(FIRST, 19) },
        { from: addDays(FIRST, 12), to: addDays(FIRST, 12) },
      ];
      for (const period of periods) {
        const inPeriod = <T extends ReportDay>(days: T[]) => days.filter((d) => d.businessDate >= period.from && d.businessDate <= period.to);
        const raw = computeSummary(config, inPeriod(facts), period, options);
        expect(computeSummary(config, inPeriod(figures), period, options)).toEqual(raw);
        // The latest day as live visits and the rest as kept figures, as a period ending today is read.
        const mixed = [...inPeriod(figures).slice(0, -1), inPeriod(facts).at(-1)!];
        expect(computeSummary(config, mixed, period, options)).toEqual(raw);
        expect(computeAttendance(config, inPeriod(figures), period, options)).toEqual(computeAttendance(config, inPeriod(facts), period, options));
      }
    });
  }

  it('the generated month holds what the kept figures have to get right', () => {
    const month = generateMonth(config, FIRST, DAYS, 1);
    const { figures } = forms(month);
    const report = computeSummary(config, forms(month).facts, { from: FIRST, to: addDays(FIRST, DAYS - 1) }, options);
    const h = report.hall;
    // Cases completed on a later day of the period, not only the same day.
    expect(figures.some((d) => d.laterCompletions.length > 0)).toBe(true);
    expect(h.casesCompleted).toBeGreaterThan(h.completed + month.days.reduce((n, d) => n + d.caseCompletions.filter((c) => c.acceptedDate === d.businessDate).length, 0));
    expect(h.casesCompleted).toBeLessThan(h.cases);
    // Transfers (a ticket received at more than one window), no-shows, ratings late and on the pad, missed targets.
    expect(h.served).toBeGreaterThan(h.ticketsServed);
    expect(h.noShows).toBeGreaterThan(0);
    expect(month.lateRatings.length).toBeGreaterThan(0);
    expect(h.serviceLevel).toBeGreaterThan(0);
    expect(h.serviceLevel).toBeLessThan(1);
    expect(h.serviceLevelTickets).toBeGreaterThan(h.waitSeconds.count);
    expect(report.windows.some((w) => w.retired)).toBe(true);
    expect(report.departments.find((d) => d.id === 'ly')!.issued).toBeGreaterThan(0);
  });

  it('take the median, p90 and maximum to the second, rounded up, and the average to the tenth', () => {
    const day = generateMonth(config, FIRST, 1, 9, 40).days[0];
    const t = day.tickets.filter((x) => x.firstCalledAt !== undefined);
    const waits = t.map((x) => x.firstCalledAt! - x.issuedAt).sort((a, b) => a - b);
    const seconds = waits.map((ms) => Math.ceil(ms / 1000));
    const n = waits.length;
    const { waitSeconds } = computeSummary(config, [toFigures(toFacts(day))], { from: FIRST, to: FIRST }, options).hall;
    expect(waitSeconds).toEqual({
      count: n,
      average: Math.round(waits.reduce((a, b) => a + b, 0) / n / 100) / 10,
      median: (seconds[(n - 1) >> 1] + seconds[n >> 1]) / 2,
      p90: seconds[Math.ceil(0.9 * n) - 1],
      max: seconds[n - 1],
    });
  });
});

describe('kept day figures in the store', () => {
  let hall: TestHall | undefined;
  /** Data dirs made here: a hall started on a given dir leaves it to its maker. */
  const dirs: string[] = [];
  const dataDirOf = async (prefix: string) => {
    const dir = await tempDir(prefix);
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await hall?.close();
    hall = undefined;
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('a month imported into the store reports through the server exactly as its raw visits add up', async () => {
    const month = generateMonth(config, FIRST, DAYS, 4, 150);
    const dataDir = await dataDirOf('figures-');
    const store = testStore(dataDir, config);
    await store.open();
    for (const day of month.days) await store.importClosedDay(day);
    await store.close();
    hall = await startHall({ dataDir, config });
    const manager = await hall.api.login('9001');
    const period = { from: FIRST, to: addDays(FIRST, DAYS - 1) };
    const r = await hall.api.get(`/reports/summary?from=${period.from}&to=${period.to}`, manager);
    expect(r.status).toBe(200);
    const raw = computeSummary(config, month.days.map((d) => toFacts(d)), period, { now: hall.clock.now() });
    for (const key of ['hall', 'departments', 'windows', 'services', 'clerks', 'zeroVolume', 'rankings'] as const) expect(r.body[key]).toEqual(JSON.parse(JSON.stringify(raw[key])));
    const a = await hall.api.get(`/reports/attendance?from=${period.from}&to=${period.to}`, manager);
    expect(a.body).toEqual(JSON.parse(JSON.stringify(computeAttendance(config, month.days.map((d) => toFacts(d)), period, { now: hall.clock.now() }))));
  });

  it('a closed day dated after the live one (history brought over) still reports, latest first', async () => {
    const dataDir = await dataDirOf('figures-later-');
    hall = await startHall({ dataDir, config });
    const live = hall.hall.engine.data.meta.businessDate!;
    await hall.stop();
    const before = generateMonth(config, addDays(live, -3), 1, 5, 40).days[0];
    const after = generateMonth(config, addDays(live, 2), 1, 6, 30).days[0];
    const store = testStore(dataDir, config);
    await store.open();
    for (const day of [before, after]) await store.importClosedDay(day);
    await store.close();
    hall = await startHall({ dataDir, config });
    const manager = await hall.api.login('9001');
    const period = { from: addDays(live, -3), to: addDays(live, 2) };
    const r = await hall.api.get(`/reports/summary?from=${period.from}&to=${period.to}`, manager);
    expect(r.status).toBe(200);
    const raw = computeSummary(config, [before, after].map((d) => toFacts(d)), period, { now: hall.clock.now() });
    expect(r.body.hall).toEqual(JSON.parse(JSON.stringify(raw.hall)));
    expect(r.body.hall.issued).toBe(before.tickets.length + after.tickets.length);
  });
});
