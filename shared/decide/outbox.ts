import { RATING_LEVELS } from '../ratings.ts';
import { isoInZone } from '../time.ts';
import type { OutboxEntry, Rating, RatingExport, Review, ReviewStep } from '../types.ts';
import type { Draft } from './draft.ts';

/**
 * The province's 好差评 platform is told of each rating and each review step (SPEC §10):
 * the export goes into the outbox in the same commit as the change, so a crash loses
 * none; the sender (server/outbox/) delivers it and removes it.
 */

/** What a rated visit is, for the platform: the ticket's date and number, where and by whom it was served. */
interface RatedVisit {
  businessDate: string;
  number: string;
  visitId: string;
  serviceId: string;
  departmentId: string;
  staffId: string;
  rating: Rating;
}

function payload(d: Draft, v: RatedVisit): Omit<RatingExport, 'id' | 'kind'> | undefined {
  const m = d.model;
  const target = m.config.ratingsExport;
  if (!target) return undefined;
  const service = m.serviceEver(v.serviceId);
  const department = m.departmentEver(v.departmentId);
  const staffNo = m.staff(v.staffId)?.staffNo ?? m.storedConfig?.retired.staff.find((s) => s.id === v.staffId)?.staffNo;
  const r = v.rating;
  return {
    hallId: m.config.hall.id,
    regionCode: target.regionCode,
    caseNo: `${v.businessDate.replaceAll('-', '')}-${v.number}`,
    visitId: v.visitId,
    ...(service?.code ? { serviceCode: service.code } : {}),
    ...(department?.code ? { departmentCode: department.code } : {}),
    ...(staffNo ? { staffNo } : {}),
    channel: r.source,
    score: r.score,
    level: RATING_LEVELS.find((l) => l.score === r.score)!.zh,
    ...(r.reason ? { reason: r.reason } : {}),
    ratedAt: isoInZone(r.at, m.config.hall.timezone),
  };
}

function enqueue(d: Draft, p: RatingExport): void {
  const entry: OutboxEntry = { id: p.id, createdAt: d.now, payload: p, attempts: 0, nextAttemptAt: d.now };
  d.put('outbox', entry.id, entry);
  d.emit({ type: 'outbox' });
}

export function exportRating(d: Draft, v: RatedVisit): void {
  const p = payload(d, v);
  if (p) enqueue(d, { id: d.ids.id('ex'), kind: 'rating', ...p });
}

export function exportReviewStep(d: Draft, review: Review, step: ReviewStep): void {
  const rating: Rating = { score: review.score, reason: review.reason, at: review.createdAt, source: review.channel ?? 'phone' };
  const p = payload(d, { ...review, rating });
  if (!p) return;
  const tz = d.model.config.hall.timezone;
  const detail = { ...(step.valid !== undefined ? { valid: step.valid } : {}), ...(step.satisfied !== undefined ? { satisfied: step.satisfied } : {}) };
  enqueue(d, { id: d.ids.id('ex'), kind: 'review', ...p, review: { id: review.id, step: step.kind, at: isoInZone(step.at, tz), note: step.note, ...detail } });
}

/** The platform answered 2xx: the export leaves the outbox. */
export function delivered(d: Draft, id: string): void {
  if (!d.model.data.outbox[id]) return;
  d.put('outbox', id, null);
  d.emit({ type: 'outbox-settled' });
}

/**
 * Refused, failed or no answer in time: tried again at `nextAttemptAt` (the sender's backoff),
 * or at once if a manager's 重试 came while the attempt was under way — the entry is then no
 * longer due at `dueAt`, the time it was due when the attempt began.
 */
export function failedAttempt(d: Draft, id: string, error: string, nextAttemptAt: number, dueAt: number): void {
  const e = d.model.data.outbox[id];
  if (!e) return;
  const retried = e.nextAttemptAt !== dueAt;
  d.put('outbox', id, { ...e, attempts: e.attempts + 1, lastError: error.slice(0, 300), lastAttemptAt: d.now, nextAttemptAt: retried ? d.now : nextAttemptAt });
  d.emit({ type: 'outbox-settled' });
}

/** A manager's 重试: every export is due now, one being sent included (should it fail, it goes again at once). */
export function retryAll(d: Draft): number {
  const waiting = Object.values(d.model.data.outbox).filter((e) => e.nextAttemptAt !== d.now);
  for (const e of waiting) d.put('outbox', e.id, { ...e, nextAttemptAt: d.now });
  if (waiting.length > 0) d.emit({ type: 'outbox' });
  return waiting.length;
}
