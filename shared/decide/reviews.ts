import type { StaffConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import { own } from '../records.ts';
import { addWorkingDays } from '../time.ts';
import type { Rating, Review, ReviewStep, ReviewStepKind, Ticket, Visit } from '../types.ts';
import type { Draft } from './draft.ts';
import { exportReviewStep } from './outbox.ts';

/** A bad rating (1 or 2) opens a review, due a number of working days after the visit's date. */
export function openReview(d: Draft, t: Ticket, rated: Visit, rating: Rating): Review {
  const config = d.model.config;
  const review: Review = {
    id: d.ids.id('rv'),
    ticketId: t.id,
    visitId: rated.id,
    number: t.number,
    businessDate: t.businessDate,
    departmentId: rated.departmentId,
    serviceId: rated.serviceId,
    windowId: rated.windowId,
    staffId: rated.staffId,
    score: rating.score as 1 | 2,
    reason: rating.reason!,
    channel: rating.source,
    createdAt: rating.at,
    dueDate: addWorkingDays(config.hall, t.businessDate, config.reviews.deadlineWorkingDays),
    status: 'open',
  };
  d.put('reviews', review.id, review);
  return review;
}

/** The step a review waits for: 整改 is skipped when 核实 found the complaint unfounded. */
export function nextReviewStep(r: Pick<Review, 'status' | 'steps'>): ReviewStepKind | undefined {
  if (r.status === 'resolved') return undefined;
  const steps = r.steps ?? [];
  const last = steps[steps.length - 1];
  if (!last) return 'verify';
  if (last.kind === 'verify') return last.valid === false ? 'reply' : 'rectify';
  if (last.kind === 'rectify') return 'reply';
  if (last.kind === 'reply') return 'revisit';
  return undefined;
}

/** One step of the follow-up, in order; the 回访 closes the review. */
export function addReviewStep(d: Draft, reviewId: string, staff: StaffConfig, step: Omit<ReviewStep, 'at' | 'by'>): Review {
  const r = own(d.model.data.reviews, reviewId) ?? fail('REVIEW_NOT_FOUND');
  if (r.status === 'resolved') fail('ALREADY_RESOLVED');
  const expected = nextReviewStep(r);
  if (step.kind !== expected) fail('STEP_OUT_OF_ORDER', `这条差评下一步是「${STEP_NAMES[expected!]}」`, 'step');
  if (step.kind === 'verify' && step.valid === undefined) fail('INVALID_INPUT', 'valid: 请说明投诉是否属实', 'valid');
  if (step.kind === 'revisit' && step.satisfied === undefined) fail('INVALID_INPUT', 'satisfied: 请说明群众是否满意', 'satisfied');
  const done: ReviewStep = { kind: step.kind, at: d.now, by: staff.id, note: step.note, ...(step.kind === 'verify' ? { valid: step.valid } : {}), ...(step.kind === 'revisit' ? { satisfied: step.satisfied } : {}) };
  const closes = step.kind === 'revisit';
  const next: Review = { ...r, steps: [...(r.steps ?? []), done], ...(closes ? { status: 'resolved' as const, resolvedAt: d.now, resolvedBy: staff.id } : {}) };
  d.put('reviews', reviewId, next);
  exportReviewStep(d, next, done);
  d.emit({ type: 'review', ticketId: r.ticketId });
  return next;
}

export const STEP_NAMES: Record<ReviewStepKind, string> = { verify: '核实', rectify: '整改', reply: '反馈', revisit: '回访' };

/** Closes a review at once with a note (the one-step resolve of SPEC §5). */
export function resolveReview(d: Draft, reviewId: string, staff: StaffConfig, note: string): Review {
  const r = own(d.model.data.reviews, reviewId) ?? fail('REVIEW_NOT_FOUND');
  if (r.status === 'resolved') fail('ALREADY_RESOLVED');
  const next: Review = { ...r, status: 'resolved', resolvedAt: d.now, resolvedBy: staff.id, note };
  d.put('reviews', reviewId, next);
  return next;
}
