import { addDays } from '../../../shared/time.ts';

/** Report periods are business dates "YYYY-MM-DD", inclusive at both ends. */
export interface Period {
  from: string;
  to: string;
}

export const QUICK_RANGES = ['today', 'week', 'month', 'lastMonth', 'halfYear'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The period a quick-range button stands for, counted from the hall's business date `today`. */
export function quickRange(range: QuickRange, today: string): Period {
  const [y, m, d] = parts(today);
  switch (range) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      // Weeks start on Monday in China.
      const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
      return { from: addDays(today, -((weekday + 6) % 7)), to: today };
    }
    case 'month':
      return { from: ymd(y, m, 1), to: today };
    case 'lastMonth': {
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: ymd(py, pm, 1), to: ymd(py, pm, daysInMonth(py, pm)) };
    }
    case 'halfYear': {
      // Six calendar months back, the day after: 2026-11-26 → 2026-05-27.
      const total = y * 12 + (m - 1) - 6;
      const sy = Math.floor(total / 12);
      const sm = (total % 12) + 1;
      return { from: addDays(ymd(sy, sm, Math.min(d, daysInMonth(sy, sm))), 1), to: today };
    }
  }
}

export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = parts(s);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Why a period cannot be asked for, or undefined when it can. */
export function periodProblem(p: Period): 'period.invalid' | 'period.reversed' | undefined {
  if (!isDate(p.from) || !isDate(p.to)) return 'period.invalid';
  if (p.from > p.to) return 'period.reversed';
  return undefined;
}
