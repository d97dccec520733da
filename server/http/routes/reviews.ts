import { Router } from 'express';
import { addReviewStep, nextReviewStep, resolveReview } from '../../../shared/decide/reviews.ts';
import { z } from 'zod';
import { businessDate } from '../../../shared/time.ts';
import { REVIEW_STEPS, type Review } from '../../../shared/types.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { requireStaff } from '../guards.ts';
import { recordId } from '../params.ts';
import { parse } from '../validate.ts';

const listQuery = z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') });
const resolveBody = z.object({ note: z.string().trim().min(1).max(1000) });
const reviewParams = z.object({ id: recordId('rv') });
const stepBody = z.object({
  step: z.enum(REVIEW_STEPS),
  note: z.string().trim().min(1).max(1000),
  valid: z.boolean().optional(),
  satisfied: z.boolean().optional(),
});

/** Bad reviews (差评) to follow up; overdue once the business date passes the due date. */
export function reviewRoutes(engine: HallEngine): Router {
  const r = Router();
  // Open past its due date, or resolved after it.
  const view = (rv: Review, today: string) => ({
    ...rv,
    nextStep: nextReviewStep(rv) ?? null,
    overdue: (rv.resolvedAt !== undefined ? businessDate(rv.resolvedAt, engine.config.hall.timezone) : today) > rv.dueDate,
  });

  r.get('/reviews', (req, res) => {
    requireStaff(req, 'manager');
    const { status } = parse(listQuery, req.query, 'status');
    const today = engine.today();
    const reviews = Object.values(engine.data.reviews)
      .filter((rv) => status === 'all' || rv.status === status)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((rv) => view(rv, today));
    res.json({ reviews });
  });

  r.post('/reviews/:id/resolve', async (req, res) => {
    const staff = requireStaff(req, 'manager');
    const { id } = parse(reviewParams, req.params, 'id');
    const { note } = parse(resolveBody, req.body);
    const review = await engine.run((d) => resolveReview(d, id, staff, note));
    res.json({ review: view(review, engine.today()) });
  });

  /** The follow-up step by step: 核实 → 整改 → 反馈 (the citizen reads it on the phone page) → 回访, which closes it. */
  r.post('/reviews/:id/steps', async (req, res) => {
    const staff = requireStaff(req, 'manager');
    const { id } = parse(reviewParams, req.params, 'id');
    const { step, note, valid, satisfied } = parse(stepBody, req.body);
    const review = await engine.run((d) => addReviewStep(d, id, staff, { kind: step, note, ...(valid !== undefined ? { valid } : {}), ...(satisfied !== undefined ? { satisfied } : {}) }));
    res.json({ review: view(review, engine.today()) });
  });
  return r;
}
