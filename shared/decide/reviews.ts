import type { StaffConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import { own } from '../records.ts';
import { addWorkingDays } from '../time.ts';
import type { Rating, Review, Ticket, Visit } from '../types.ts';
import type { Draft } from './draft.ts';

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
    createdAt: rating.at,
    dueDate: addWorkingDays(config.hall, t.businessDate, config.reviews.deadlineWorkingDays),
    status: 'open',
  };
  d.put('reviews', review.id, review);
  return review;
}

export function resolveReview(d: Draft, reviewId: string, staff: StaffConfig, note: string): Review {
  const r = own(d.model.data.reviews, reviewId) ?? fail('REVIEW_NOT_FOUND');
  if (r.status === 'resolved') fail('ALREADY_RESOLVED');
  const next: Review = { ...r, status: 'resolved', resolvedAt: d.now, resolvedBy: staff.id, note };
  d.put('reviews', reviewId, next);
  return next;
}
