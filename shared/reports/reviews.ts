import { businessDate } from '../time.ts';
import type { Review } from '../types.ts';
import type { Period } from './summary.ts';

/**
 * The bad reviews (差评) of a period — those of visits on its dates — and how they were
 * followed up (SPEC §10): resolved on time (by the due date, counted in working days),
 * overdue, and what the citizens said at the 回访.
 */
export interface ReviewFigures {
  badReviews: number;
  resolved: number;
  resolvedOnTime: number;
  /** Resolved on time ÷ bad reviews; null without any. */
  onTimeRate: number | null;
  /** Still open past the due date, or resolved after it. */
  overdue: number;
  revisited: number;
  revisitSatisfied: number;
  /** Satisfied at the 回访 ÷ revisited; null without any. */
  revisitSatisfaction: number | null;
}

export function reviewFigures(reviews: Iterable<Review>, period: Period, timeZone: string, today: string): ReviewFigures {
  const f: ReviewFigures = { badReviews: 0, resolved: 0, resolvedOnTime: 0, onTimeRate: null, overdue: 0, revisited: 0, revisitSatisfied: 0, revisitSatisfaction: null };
  for (const r of reviews) {
    if (r.businessDate < period.from || r.businessDate > period.to) continue;
    f.badReviews++;
    const closedOn = r.resolvedAt !== undefined ? businessDate(r.resolvedAt, timeZone) : undefined;
    if (closedOn !== undefined) {
      f.resolved++;
      if (closedOn <= r.dueDate) f.resolvedOnTime++;
    }
    if ((closedOn ?? today) > r.dueDate) f.overdue++;
    const revisit = r.steps?.find((s) => s.kind === 'revisit');
    if (revisit) {
      f.revisited++;
      if (revisit.satisfied) f.revisitSatisfied++;
    }
  }
  f.onTimeRate = f.badReviews > 0 ? f.resolvedOnTime / f.badReviews : null;
  f.revisitSatisfaction = f.revisited > 0 ? f.revisitSatisfied / f.revisited : null;
  return f;
}
