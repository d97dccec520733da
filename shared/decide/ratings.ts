import { fail } from '../errors.ts';
import type { HallModel } from '../hall-model.ts';
import { isBadScore, type Score } from '../ratings.ts';
import { own } from '../records.ts';
import { isServed, lastRatableVisit } from '../ticket-machine.ts';
import type { Outcome, Rating, Ticket, Visit } from '../types.ts';
import type { RatingRequest } from '../views.ts';
import type { Draft } from './draft.ts';
import { exportRating } from './outbox.ts';
import { openReview } from './reviews.ts';


/** What the window's pad shows to ask for a rating of this visit. */
export function ratingRequest(model: HallModel, t: Ticket, v: Visit): RatingRequest {
  const staff = model.staff(v.staffId);
  return {
    windowId: v.windowId,
    visitId: v.id,
    number: t.number,
    outcome: v.end === 'transferred' ? 'transferred' : (v.end as Outcome),
    ...(staff ? { staff: { name: staff.name, staffNo: staff.staffNo } } : {}),
    at: v.endedAt ?? 0,
  };
}

/**
 * The ratings a window's pad may still take, newest first: each visit served there that
 * ended less than `ratings.padSeconds` ago and is unrated — the one before the clerk's
 * current call too, so calling the next citizen at once keeps no rating off the pad.
 */
export function openRatingRequests(model: HallModel, windowId: string, now: number): RatingRequest[] {
  const padMs = model.config.ratings.padSeconds * 1000;
  const open: RatingRequest[] = [];
  for (const { ticket, visit } of model.recentVisitsAt(windowId)) {
    if (visit.endedAt === undefined) continue; // the citizen at the window now
    if (now - visit.endedAt > padMs) break;
    if (isServed(visit.end) && !visit.rating) open.push(ratingRequest(model, ticket, visit));
  }
  return open;
}

/** What the pad shows: the newest visit it may still ask about. */
export function openRatingRequest(model: HallModel, windowId: string, now: number): RatingRequest | undefined {
  return openRatingRequests(model, windowId, now)[0];
}

/**
 * The visit a phone rating is for: the ticket's last ended visit. When the page names the
 * visit it showed (`shownVisitId`) and the ticket has moved on since (a transfer's next
 * window has finished), the rating is refused rather than given to a visit the citizen
 * did not see; the page then offers the newer one.
 */
function phoneRatableVisit(t: Ticket, shownVisitId: string | undefined): Visit {
  const visit = lastRatableVisit(t) ?? fail('NOTHING_TO_RATE');
  if (shownVisitId !== undefined && shownVisitId !== visit.id) fail('NOTHING_TO_RATE', '页面上的这次办理已不是最新的，请对页面上最新一次办理评价', 'visitId');
  return visit;
}

/** A rating from the ticket holder's phone, for the ticket's last ended visit. */
export function rateFromPhone(d: Draft, ticketId: string, score: Score, reason: string | undefined, shownVisitId?: string): Visit {
  const t = own(d.model.data.tickets, ticketId) ?? fail('TICKET_NOT_FOUND');
  const visit = phoneRatableVisit(t, shownVisitId);
  return rate(d, t, visit, { score, ...(reason ? { reason } : {}), at: d.now, source: 'phone' });
}

/**
 * A phone rating of a visit whose day has closed (SPEC §10: for `ratings.phoneDays` days,
 * across midnight). The closed day is not rewritten: the rating is its own record, which
 * reports, the review and the export take from there.
 */
export function rateClosedVisit(d: Draft, t: Ticket, score: Score, reason: string | undefined, shownVisitId?: string): Visit {
  const visit = phoneRatableVisit(t, shownVisitId);
  if (visit.rating || own(d.model.data.lateRatings, visit.id)) fail('ALREADY_RATED');
  const days = d.model.config.ratings.phoneDays;
  if (d.now - (visit.endedAt ?? 0) > days * 86_400_000) fail('NOTHING_TO_RATE', `办理已超过 ${days} 天，不能再评价`);
  const rating: Rating = { score, ...(reason ? { reason } : {}), at: d.now, source: 'phone' };
  if (isBadScore(score) && !reason) fail('INVALID_INPUT', '差评请选择或填写原因', 'reason');
  const where = { windowId: visit.windowId, staffId: visit.staffId, serviceId: visit.serviceId, departmentId: visit.departmentId };
  d.put('lateRatings', visit.id, { visitId: visit.id, ticketId: t.id, businessDate: t.businessDate, number: t.number, ...where, rating });
  const rated: Visit = { ...visit, rating };
  exportRating(d, { businessDate: t.businessDate, number: t.number, visitId: visit.id, ...where, rating });
  if (isBadScore(score)) openReview(d, t, rated, rating);
  d.emit({ type: 'review', ticketId: t.id });
  return rated;
}

/** A rating from a window's pad, for a visit that ended at that window. */
export function rateFromPad(d: Draft, windowId: string, visitId: string, score: Score, reason: string | undefined): Visit {
  const t = d.model.ticketOfVisit(visitId) ?? fail('VISIT_NOT_FOUND', undefined, 'visitId');
  const visit = t.visits.find((v) => v.id === visitId) ?? fail('VISIT_NOT_FOUND', undefined, 'visitId');
  if (visit.windowId !== windowId) fail('FORBIDDEN', '这次办理不属于本窗口');
  if (visit.rating) fail('ALREADY_RATED');
  // The pad rates only visits it may still ask about: recent ones of this window.
  if (!openRatingRequests(d.model, windowId, d.now).some((r) => r.visitId === visitId)) fail('NOTHING_TO_RATE', '这次办理已不能在窗口评价');
  return rate(d, t, visit, { score, ...(reason ? { reason } : {}), at: d.now, source: 'window-pad' });
}

/** Rate a visit once; a bad rating needs a reason and opens a review. */
function rate(d: Draft, t: Ticket, visit: Visit, rating: Rating): Visit {
  if (visit.rating) fail('ALREADY_RATED');
  if (isBadScore(rating.score) && !rating.reason) fail('INVALID_INPUT', '差评请选择或填写原因', 'reason');
  const rated: Visit = { ...visit, rating };
  d.putTicket(t, { ...t, visits: t.visits.map((v) => (v.id === visit.id ? rated : v)) });
  exportRating(d, { businessDate: t.businessDate, number: t.number, visitId: rated.id, serviceId: rated.serviceId, departmentId: rated.departmentId, staffId: rated.staffId, rating });
  if (isBadScore(rating.score)) openReview(d, t, rated, rating);
  d.emit({ type: 'rating-closed', windowId: visit.windowId, visitId: visit.id });
  return rated;
}
