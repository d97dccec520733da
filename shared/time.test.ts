import { describe, expect, it } from 'vitest';
import type { HallConfig, Weekday } from './config-schema.ts';
import {
  addDays,
  addWorkingDays,
  businessDate,
  compactDate,
  dateFromCompact,
  isTicketingOpen,
  isWorkingDay,
  localTime,
  openingPeriods,
  toMinutes,
  weekdayOf,
  nextTicketingOpen,
  isoInZone,
} from './time.ts';

type Hall = HallConfig['hall'];

const week: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['13:30', '17:00'],
];

/** Mon–Fri two periods, Saturday mornings, Sunday closed; Tuesday 2026-12-01 a holiday. */
function makeHall(overrides: Partial<Hall> = {}): Hall {
  return {
    id: 'hall',
    name: '测试大厅',
    timezone: 'Asia/Shanghai',
    hours: { mon: week, tue: week, wed: week, thu: week, fri: week, sat: [['09:00', '12:00']], sun: [] },
    holidays: ['2026-12-01', '2027-01-01'],
    workdays: [],
    ticketing: { openEarlyMinutes: 30, stopBeforeCloseMinutes: 15 },
    lateGraceMinutes: 5,
    noShowAfterSeconds: 30,
    ...overrides,
  };
}

const shanghai = (local: string) => Date.parse(`${local}+08:00`);

describe('the machine runs in UTC', () => {
  it('so the hall zone, not the process zone, must decide the date', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(new Date(0).getTimezoneOffset()).toBe(0);
  });
});

describe('localTime and businessDate', () => {
  it.each<{ at: string; tz: string; date: string; weekday: Weekday; hhmm: string }>([
    { at: '2026-11-26T16:30:00Z', tz: 'Asia/Shanghai', date: '2026-11-27', weekday: 'fri', hhmm: '00:30' },
    { at: '2026-11-26T15:59:59Z', tz: 'Asia/Shanghai', date: '2026-11-26', weekday: 'thu', hhmm: '23:59' },
    { at: '2026-11-26T16:00:00Z', tz: 'Asia/Shanghai', date: '2026-11-27', weekday: 'fri', hhmm: '00:00' },
    { at: '2026-11-26T02:00:00Z', tz: 'Asia/Shanghai', date: '2026-11-26', weekday: 'thu', hhmm: '10:00' },
    { at: '2026-11-26T12:00:00Z', tz: 'Asia/Shanghai', date: '2026-11-26', weekday: 'thu', hhmm: '20:00' },
    { at: '2026-12-31T16:00:00Z', tz: 'Asia/Shanghai', date: '2027-01-01', weekday: 'fri', hhmm: '00:00' },
    { at: '2026-11-28T15:59:00Z', tz: 'Asia/Shanghai', date: '2026-11-28', weekday: 'sat', hhmm: '23:59' },
    { at: '2026-11-28T16:01:00Z', tz: 'Asia/Shanghai', date: '2026-11-29', weekday: 'sun', hhmm: '00:01' },
    { at: '2026-11-26T16:30:00Z', tz: 'UTC', date: '2026-11-26', weekday: 'thu', hhmm: '16:30' },
    { at: '2026-11-27T03:00:00Z', tz: 'America/New_York', date: '2026-11-26', weekday: 'thu', hhmm: '22:00' },
    { at: '2026-07-01T23:30:00Z', tz: 'Europe/London', date: '2026-07-02', weekday: 'thu', hhmm: '00:30' },
  ])('$at in $tz is $date ($weekday) $hhmm', ({ at, tz, date, weekday, hhmm }) => {
    const now = Date.parse(at);
    expect(localTime(now, tz)).toEqual({ date, weekday, minutes: toMinutes(hhmm) });
    expect(businessDate(now, tz)).toBe(date);
  });

  it('the hall date turns at local midnight while the UTC date has not', () => {
    const now = Date.parse('2026-11-26T16:30:00Z');
    expect(new Date(now).getDate()).toBe(26);
    expect(businessDate(now, 'Asia/Shanghai')).toBe('2026-11-27');
  });
});

describe('toMinutes', () => {
  it.each([
    ['00:00', 0],
    ['09:00', 540],
    ['13:30', 810],
    ['23:59', 1439],
  ] as const)('%s → %i', (hhmm, m) => {
    expect(toMinutes(hhmm)).toBe(m);
  });
});

describe('weekdayOf', () => {
  it.each<[string, Weekday]>([
    ['2026-11-23', 'mon'],
    ['2026-11-24', 'tue'],
    ['2026-11-25', 'wed'],
    ['2026-11-26', 'thu'],
    ['2026-11-27', 'fri'],
    ['2026-11-28', 'sat'],
    ['2026-11-29', 'sun'],
    ['2027-01-01', 'fri'],
    ['2024-02-29', 'thu'],
    ['2026-03-29', 'sun'],
  ])('%s is %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe('openingPeriods and isWorkingDay', () => {
  it.each<{ date: string; periods: Array<[number, number]> }>([
    { date: '2026-11-26', periods: [[540, 720], [810, 1020]] },
    { date: '2026-11-28', periods: [[540, 720]] },
    { date: '2026-11-29', periods: [] },
    { date: '2026-12-01', periods: [] },
    { date: '2026-12-02', periods: [[540, 720], [810, 1020]] },
  ])('$date → $periods', ({ date, periods }) => {
    const hall = makeHall();
    expect(openingPeriods(hall, date)).toEqual(periods);
    expect(isWorkingDay(hall, date)).toBe(periods.length > 0);
  });

  it('an extra working day (调休) opens a closed Sunday with a weekday’s hours; a holiday stays closed', () => {
    const hall = makeHall({ workdays: ['2026-11-29', '2026-12-01'] });
    expect(openingPeriods(hall, '2026-11-29')).toEqual([[540, 720], [810, 1020]]);
    expect(isWorkingDay(hall, '2026-11-29')).toBe(true);
    // A Saturday has its own hours already; a holiday wins over a listed working day.
    expect(openingPeriods(makeHall({ workdays: ['2026-11-28'] }), '2026-11-28')).toEqual([[540, 720]]);
    expect(openingPeriods(hall, '2026-12-01')).toEqual([]);
  });
});

describe('isTicketingOpen', () => {
  // Opens 09:00 / 13:30, kiosks 30 minutes early; closes 12:00 / 17:00, kiosks stop 15 minutes before.
  it.each<{ local: string; open: boolean; why: string }>([
    { local: '2026-11-26T08:29:00', open: false, why: 'one minute before the early opening' },
    { local: '2026-11-26T08:29:59', open: false, why: 'the last second before the early opening' },
    { local: '2026-11-26T08:30:00', open: true, why: 'exactly openEarlyMinutes before 09:00' },
    { local: '2026-11-26T09:00:00', open: true, why: 'opening time' },
    { local: '2026-11-26T11:44:00', open: true, why: 'the last open minute of the morning' },
    { local: '2026-11-26T11:44:59', open: true, why: 'the last second of the morning' },
    { local: '2026-11-26T11:45:00', open: false, why: 'exactly stopBeforeCloseMinutes before 12:00' },
    { local: '2026-11-26T12:00:00', open: false, why: 'closing time' },
    { local: '2026-11-26T12:30:00', open: false, why: 'lunch break' },
    { local: '2026-11-26T12:59:00', open: false, why: 'lunch break, before the early afternoon opening' },
    { local: '2026-11-26T13:00:00', open: true, why: '30 minutes before 13:30' },
    { local: '2026-11-26T16:44:00', open: true, why: 'the last open minute of the afternoon' },
    { local: '2026-11-26T16:45:00', open: false, why: '15 minutes before 17:00' },
    { local: '2026-11-26T17:00:00', open: false, why: 'after hours' },
    { local: '2026-11-26T00:00:00', open: false, why: 'midnight' },
    { local: '2026-11-26T23:59:00', open: false, why: 'late night' },
    { local: '2026-11-28T08:30:00', open: true, why: 'Saturday morning, early opening' },
    { local: '2026-11-28T11:44:00', open: true, why: 'Saturday, last open minute' },
    { local: '2026-11-28T13:30:00', open: false, why: 'Saturday afternoon: no period' },
    { local: '2026-11-29T10:00:00', open: false, why: 'Sunday: a weekday with no periods' },
    { local: '2026-12-01T10:00:00', open: false, why: 'a holiday on a Tuesday' },
    { local: '2026-12-01T08:30:00', open: false, why: 'a holiday, early opening' },
    { local: '2026-12-02T10:00:00', open: true, why: 'the Wednesday after the holiday' },
    { local: '2027-01-01T10:00:00', open: false, why: "New Year's Day holiday" },
  ])('$local Shanghai → $open ($why)', ({ local, open }) => {
    expect(isTicketingOpen(makeHall(), shanghai(local))).toBe(open);
  });

  it.each<{ local: string; open: boolean }>([
    { local: '2026-11-26T08:59:00', open: false },
    { local: '2026-11-26T09:00:00', open: true },
    { local: '2026-11-26T11:59:00', open: true },
    { local: '2026-11-26T12:00:00', open: false },
    { local: '2026-11-26T13:29:00', open: false },
    { local: '2026-11-26T13:30:00', open: true },
    { local: '2026-11-26T16:59:00', open: true },
    { local: '2026-11-26T17:00:00', open: false },
  ])('without early opening or early stop: $local → $open', ({ local, open }) => {
    const hall = makeHall({ ticketing: { openEarlyMinutes: 0, stopBeforeCloseMinutes: 0 } });
    expect(isTicketingOpen(hall, shanghai(local))).toBe(open);
  });

  it.each<{ utc: string; open: boolean; why: string }>([
    { utc: '2026-11-26T06:00:00Z', open: true, why: 'Thursday 14:00 in Shanghai (06:00 in UTC)' },
    { utc: '2026-11-26T10:00:00Z', open: false, why: 'Thursday 18:00 in Shanghai (10:00 in UTC)' },
    { utc: '2026-11-27T01:00:00Z', open: true, why: 'Friday 09:00 in Shanghai' },
    { utc: '2026-11-28T01:00:00Z', open: true, why: 'Saturday 09:00 in Shanghai' },
    { utc: '2026-11-29T01:00:00Z', open: false, why: 'Sunday 09:00 in Shanghai' },
    { utc: '2026-11-30T00:30:00Z', open: true, why: 'Monday 08:30 in Shanghai, still Monday 00:30 in UTC' },
    { utc: '2026-11-29T23:59:00Z', open: false, why: 'Monday 07:59 in Shanghai' },
  ])('reads the hall zone, not the machine zone: $utc → $open ($why)', ({ utc, open }) => {
    expect(isTicketingOpen(makeHall(), Date.parse(utc))).toBe(open);
  });

  it('uses the hall timezone setting', () => {
    const now = Date.parse('2026-11-26T06:00:00Z'); // 14:00 Shanghai, 06:00 UTC
    expect(isTicketingOpen(makeHall(), now)).toBe(true);
    expect(isTicketingOpen(makeHall({ timezone: 'UTC' }), now)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-11-26', 1, '2026-11-27'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-26', 0, '2026-11-26'],
  ] as const)('%s + %i → %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    { from: '2026-11-26', n: 0, to: '2026-11-26', why: 'zero days' },
    { from: '2026-11-26', n: 1, to: '2026-11-27', why: 'Thu → Fri' },
    { from: '2026-11-26', n: 2, to: '2026-11-28', why: 'Saturday is open in this hall' },
    { from: '2026-11-26', n: 3, to: '2026-11-30', why: 'skips the closed Sunday' },
    { from: '2026-11-26', n: 4, to: '2026-12-02', why: 'skips the Tuesday holiday' },
    { from: '2026-11-26', n: 5, to: '2026-12-03', why: 'then on' },
    { from: '2026-11-28', n: 1, to: '2026-11-30', why: 'Saturday + 1 skips Sunday' },
    { from: '2026-11-29', n: 1, to: '2026-11-30', why: 'from a closed day' },
    { from: '2026-11-30', n: 1, to: '2026-12-02', why: 'Monday + 1 skips the holiday' },
    { from: '2026-12-31', n: 1, to: '2027-01-02', why: "skips New Year's Day, Saturday is open" },
  ])('$from + $n → $to ($why)', ({ from, n, to }) => {
    expect(addWorkingDays(makeHall(), from, n)).toBe(to);
  });

  it('a five-day week: Friday + 1 is Monday', () => {
    const hall = makeHall({ hours: { mon: week, tue: week, wed: week, thu: week, fri: week, sat: [], sun: [] } });
    expect(addWorkingDays(hall, '2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays(hall, '2026-11-26', 5)).toBe('2026-12-04');
  });

  it('a hall with no working day at all does not loop forever', () => {
    const hall = makeHall({ hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(addWorkingDays(hall, '2026-11-26', 5)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('compact dates', () => {
  it.each([
    ['2026-11-26', '20261126'],
    ['2027-01-01', '20270101'],
  ])('%s ⇄ %s', (date, compact) => {
    expect(compactDate(date)).toBe(compact);
    expect(dateFromCompact(compact)).toBe(date);
  });

  it.each(['2026112', '202611260', '2026-11-26', 'abcdefgh', ''])('%s is not a compact date', (s) => {
    expect(dateFromCompact(s)).toBeUndefined();
  });
});

describe('nextTicketingOpen', () => {
  const hall = makeHall({ ticketing: { openEarlyMinutes: 30, stopBeforeCloseMinutes: 15 } });
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['before opening: today, 30 minutes early', '2026-11-26T07:00:00+08:00', false, '2026-11-26T08:30:00+08:00'],
    ['at lunch: the afternoon period', '2026-11-26T12:10:00+08:00', false, '2026-11-26T13:00:00+08:00'],
    ['after closing on Friday: Saturday morning', '2026-11-27T18:00:00+08:00', false, '2026-11-28T08:30:00+08:00'],
    ['Saturday afternoon: Sunday is closed, so Monday', '2026-11-28T13:00:00+08:00', false, '2026-11-30T08:30:00+08:00'],
    ['Monday evening: Tuesday is a holiday, so Wednesday', '2026-11-30T18:00:00+08:00', false, '2026-12-02T08:30:00+08:00'],
    ['the next working day, asked while open', '2026-11-26T10:00:00+08:00', true, '2026-11-27T08:30:00+08:00'],
  ] as const)('%s', (_what, now, laterDay, expected) => {
    expect(nextTicketingOpen(hall, at(now), laterDay)).toBe(at(expected));
  });
});

describe('isoInZone', () => {
  it.each([
    { at: Date.parse('2026-11-26T10:06:07.890+08:00'), tz: 'Asia/Shanghai', iso: '2026-11-26T10:06:07+08:00' },
    { at: Date.parse('2026-11-26T23:59:59+08:00'), tz: 'Asia/Shanghai', iso: '2026-11-26T23:59:59+08:00' },
    { at: Date.parse('2026-07-01T12:00:00Z'), tz: 'Europe/Berlin', iso: '2026-07-01T14:00:00+02:00' },
    { at: Date.parse('2026-01-15T03:30:05Z'), tz: 'America/New_York', iso: '2026-01-14T22:30:05-05:00' },
  ])('$iso', ({ at, tz, iso }) => {
    expect(isoInZone(at, tz)).toBe(iso);
    expect(Date.parse(iso)).toBe(Math.floor(at / 1000) * 1000);
  });
});
