import { Router } from 'express';
import { z } from 'zod';
import { rateFromPad } from '../../../shared/decide/ratings.ts';
import * as tickets from '../../../shared/decide/tickets.ts';
import * as windows from '../../../shared/decide/windows.ts';
import { isManager } from '../../../shared/config-schema.ts';
import { fail } from '../../../shared/errors.ts';
import { OUTCOMES, PAUSE_REASONS, type Ticket } from '../../../shared/types.ts';
import { staffTicketView, windowView } from '../../../shared/views.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { windowSnapshot } from '../../hall/window-snapshot.ts';
import { requireDevice, requireStaff } from '../guards.ts';
import { configId, visitId } from '../params.ts';
import { parse } from '../validate.ts';
import type { Request } from 'express';

const number = z.string().max(16).trim().toUpperCase().regex(/^[A-Z]{1,2}\d{3,9}$/, 'must be a ticket number such as "A001"');
const numberBody = z.object({ number });
const pauseBody = z.object({ reason: z.enum(PAUSE_REASONS) });
const finishBody = z.object({ outcome: z.enum(OUTCOMES), note: z.string().trim().max(500).optional() });
const windowParams = z.object({ id: configId });
const transferNote = z.string().trim().max(200).optional();
const transferBody = z.union([z.object({ serviceId: configId, note: transferNote }).strict(), z.object({ windowId: configId, note: transferNote }).strict()], {
  error: 'give either serviceId or windowId',
});
const ratingBody = z.object({
  visitId,
  score: z.number().int().min(1).max(5),
  reason: z.string().trim().min(1).max(200).optional(),
});

/** The clerk's actions at a window, and the window pad's rating. */
export function windowRoutes(engine: HallEngine): Router {
  const r = Router();
  const ticket = (t: Ticket | null) => ({ ticket: t ? staffTicketView(t) : null });
  const windowOut = (id: string) => ({ window: windowView(engine.model, id) ?? null });
  const windowIdOf = (req: Request) => parse(windowParams, req.params, 'id').id;

  /** Its own screen, the clerk signed in there and managers; no other clerk. */
  r.get('/windows/:id', (req, res) => {
    const id = windowIdOf(req);
    const who = req.identity;
    if (!who) fail('UNAUTHENTICATED');
    if (!engine.model.windowConfig(id)) fail('UNKNOWN_WINDOW');
    let audience: 'staff' | 'screen';
    if (who.kind === 'device') {
      if (who.device.kind !== 'window-display' || who.device.windowId !== id) fail('FORBIDDEN');
      audience = 'screen';
    } else {
      if (!isManager(who.staff) && engine.windowOf(who.staff.id)?.windowId !== id) fail('FORBIDDEN', '只能查看您签到的窗口');
      audience = 'staff';
    }
    res.json(windowSnapshot(engine, id, audience) ?? fail('UNKNOWN_WINDOW'));
  });

  r.post('/windows/:id/sign-in', async (req, res) => {
    const staff = requireStaff(req);
    await engine.signIn(windowIdOf(req), staff);
    res.json(windowOut(windowIdOf(req)));
  });
  r.post('/windows/:id/sign-out', async (req, res) => {
    const staff = requireStaff(req);
    await engine.run((d) => windows.signOut(d, windowIdOf(req), staff));
    res.json(windowOut(windowIdOf(req)));
  });
  r.post('/windows/:id/pause', async (req, res) => {
    const staff = requireStaff(req);
    const { reason } = parse(pauseBody, req.body);
    await engine.run((d) => windows.pause(d, windowIdOf(req), staff, reason));
    res.json(windowOut(windowIdOf(req)));
  });
  r.post('/windows/:id/resume', async (req, res) => {
    const staff = requireStaff(req);
    await engine.run((d) => windows.resume(d, windowIdOf(req), staff));
    res.json(windowOut(windowIdOf(req)));
  });

  r.post('/windows/:id/call-next', async (req, res) => {
    const staff = requireStaff(req);
    res.json(ticket(await engine.run((d) => tickets.callNext(d, windowIdOf(req), staff))));
  });
  r.post('/windows/:id/call', async (req, res) => {
    const staff = requireStaff(req);
    const body = parse(numberBody, req.body);
    res.json(ticket(await engine.run((d) => tickets.callNumber(d, windowIdOf(req), staff, body.number))));
  });
  r.post('/windows/:id/requeue', async (req, res) => {
    const staff = requireStaff(req);
    const body = parse(numberBody, req.body);
    res.json(ticket(await engine.run((d) => tickets.requeue(d, windowIdOf(req), staff, body.number))));
  });
  r.post('/windows/:id/recall', async (req, res) => {
    const staff = requireStaff(req);
    res.json(ticket(await engine.run((d) => tickets.recall(d, windowIdOf(req), staff))));
  });
  r.post('/windows/:id/start', async (req, res) => {
    const staff = requireStaff(req);
    res.json(ticket(await engine.run((d) => tickets.start(d, windowIdOf(req), staff))));
  });
  r.post('/windows/:id/no-show', async (req, res) => {
    const staff = requireStaff(req);
    res.json(ticket(await engine.run((d) => tickets.noShow(d, windowIdOf(req), staff))));
  });
  r.post('/windows/:id/finish', async (req, res) => {
    const staff = requireStaff(req);
    const { outcome, note } = parse(finishBody, req.body);
    res.json(ticket(await engine.run((d) => tickets.finish(d, windowIdOf(req), staff, outcome, note))));
  });
  r.post('/windows/:id/transfer', async (req, res) => {
    const staff = requireStaff(req);
    const { note, ...to } = parse(transferBody, req.body);
    res.json(ticket(await engine.run((d) => tickets.transfer(d, windowIdOf(req), staff, to, note || undefined))));
  });

  r.post('/windows/:id/rating', async (req, res) => {
    const device = requireDevice(req, 'window-display');
    const id = windowIdOf(req);
    if (device.windowId !== id) fail('FORBIDDEN', '这块评价屏不属于该窗口');
    const { visitId, score, reason } = parse(ratingBody, req.body);
    const visit = await engine.run((d) => rateFromPad(d, id, visitId, score as 1 | 2 | 3 | 4 | 5, reason));
    res.status(201).json({ rating: { visitId: visit.id, ...visit.rating } });
  });

  return r;
}
