import { type Request, Router } from 'express';
import { rateClosedVisit, rateFromPhone } from '../../../shared/decide/ratings.ts';
import type { Score } from '../../../shared/ratings.ts';
import { recordPrinterFault } from '../../../shared/decide/sessions.ts';
import { cancel, issue } from '../../../shared/decide/tickets.ts';
import { z } from 'zod';
import { fail } from '../../../shared/errors.ts';
import { buildSlip } from '../../../shared/slip.ts';
import type { DeviceConfig } from '../../../shared/config-schema.ts';
import type { Ticket } from '../../../shared/types.ts';
import { ticketView, windowsFor } from '../../../shared/views.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { type NetworkSlipPrinter, printSlip } from '../../printing/printer.ts';
import { requireDevice } from '../guards.ts';
import { configId, ticketId, ticketToken } from '../params.ts';
import { parse } from '../validate.ts';
import type { RequestHandler } from 'express';

const issueBody = z.object({
  serviceId: configId,
  priority: z.boolean().optional(),
  /** Chosen by the kiosk per tap and sent again on a retry, so a lost answer never costs a second number. */
  requestId: z.string().regex(/^[\w-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"').optional(),
  /** The kiosk's language when the ticket was taken: the phone page opens in it. */
  lang: z.enum(['zh', 'en']).optional(),
});
const ratingBody = z.object({
  score: z.number().int().min(1).max(5),
  reason: z.string().trim().min(1).max(200).optional(),
  /** The visit the page showed; a page a moment stale is refused, not answered with another visit's rating. */
  visitId: z.string().min(1).max(64).optional(),
});
const holderParams = z.object({ id: ticketId });
/** A token of the wrong shape is a wrong token: the same answer as an unknown ticket. */
const tokenQuery = z.object({ token: z.string().max(200) });

export interface TicketRoutesDeps {
  engine: HallEngine;
  issueLimiter: RequestHandler;
  holderLimiter: RequestHandler;
  publicUrl: (req: Request) => string;
  networkPrinter?: NetworkSlipPrinter;
}

export function statusPath(t: Ticket): string {
  return `/kiosk/ticket.html?id=${encodeURIComponent(t.id)}&token=${encodeURIComponent(t.token)}`;
}

/**
 * What a kiosk is told of a ticket it issued (a walk-in or a booking's check-in): the
 * ticket, its place and wait, its status URL, and how its slip was printed.
 */
export async function answerIssued(deps: TicketRoutesDeps, req: Request, kiosk: DeviceConfig, issued: Ticket, lang?: 'zh' | 'en') {
  const { engine, publicUrl, networkPrinter } = deps;
  const model = engine.model;
  const ticket = model.data.tickets[issued.id] ?? issued;
  const ahead = model.ahead(ticket, engine.now());
  const estimatedWaitMinutes = model.estimateFor(ticket.serviceId, ahead + (ticket.appointment ? 0 : model.dueBookings(ticket.serviceId, engine.now())));
  const windowsOpen = windowsFor(model, ticket);
  const statusUrl = `${publicUrl(req)}${statusPath(ticket)}${lang === 'en' ? '&lang=en' : ''}`;
  const service = model.service(ticket.serviceId)!;
  const slip = buildSlip(engine.config.hall, {
    number: ticket.number,
    priority: ticket.priority,
    ...(ticket.appointment ? { booked: true } : {}),
    issuedAt: ticket.issuedAt,
    serviceName: service.name,
    departmentName: model.department(service.departmentId)?.name ?? '',
    ahead,
    estimatedWaitMinutes,
    windowsOpen,
    statusUrl,
    ...(service.guide ? { guide: service.guide } : {}),
  });
  const print = await printSlip(networkPrinter, kiosk.printer, slip);
  if (print.status === 'failed') await engine.run((d) => recordPrinterFault(d, kiosk.id, print.message, ticket.number)).catch(() => undefined);
  const booking = { ...(ticket.appointment ? { appointment: true } : {}), ...(ticket.appointmentLate ? { appointmentLate: true } : {}) };
  return {
    ticket: { id: ticket.id, number: ticket.number, serviceId: ticket.serviceId, priority: ticket.priority, issuedAt: ticket.issuedAt, ahead, estimatedWaitMinutes, windowsOpen, statusUrl, ...booking },
    print,
  };
}

export function ticketRoutes(deps: TicketRoutesDeps): Router {
  const { engine, issueLimiter, holderLimiter } = deps;
  const r = Router();
  r.use('/tickets/:id', holderLimiter);

  /** The ticket holder proves it with the token from the QR code; a phone sees only its own ticket. */
  async function holderTicket(req: Request): Promise<{ ticket: Ticket; live: boolean }> {
    const { id } = parse(holderParams, req.params, 'id');
    const { token } = parse(tokenQuery, req.query, 'token');
    // Live or closed is decided on the day in force: a first request after midnight closes the day first.
    await engine.ensureBusinessDate();
    const found = ticketToken.safeParse(token).success ? await engine.findHeldTicket(id, token) : undefined;
    return found ?? fail('TICKET_NOT_FOUND');
  }

  r.post('/tickets', issueLimiter, async (req, res) => {
    const kiosk = requireDevice(req, 'kiosk');
    const { lang, ...input } = parse(issueBody, req.body);
    const issued = await engine.run((d) => issue(d, kiosk, input));
    res.status(201).json(await answerIssued(deps, req, kiosk, issued, lang));
  });

  r.get('/tickets/:id', async (req, res) => {
    const { ticket } = await holderTicket(req);
    res.json({ ticket: ticketView(engine.model, ticket, undefined, engine.now()) });
  });

  r.post('/tickets/:id/cancel', async (req, res) => {
    const { ticket, live } = await holderTicket(req);
    if (!live) fail('INVALID_STATE');
    const cancelled = await engine.run((d) => cancel(d, ticket.id));
    res.json({ ticket: ticketView(engine.model, cancelled) });
  });

  r.post('/tickets/:id/rating', async (req, res) => {
    const { ticket, live } = await holderTicket(req);
    const { score, reason, visitId } = parse(ratingBody, req.body);
    const visit = await engine.run((d) => (live ? rateFromPhone(d, ticket.id, score as Score, reason, visitId) : rateClosedVisit(d, ticket, score as Score, reason, visitId)));
    res.status(201).json({ rating: { visitId: visit.id, ...visit.rating } });
  });

  return r;
}
