import { randomInt } from 'node:crypto';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { isIdNumber, isMobile, isNoShow, isOpenBooking, maskName, maskPhone, slotsOf } from '../../../shared/appointments.ts';
import { book, cancelBooking, checkIn } from '../../../shared/decide/appointments.ts';
import { fail } from '../../../shared/errors.ts';
import { own } from '../../../shared/records.ts';
import type { Appointment } from '../../../shared/types.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { sameSecret, ticketToken as hmacToken } from '../../ids.ts';
import { requireDevice, requireStaff } from '../guards.ts';
import { businessDateParam, configId, recordId } from '../params.ts';
import { parse } from '../validate.ts';
import { answerIssued, statusPath, type TicketRoutesDeps } from './tickets.ts';

/**
 * Bookings (预约, SPEC §11): slots and booking for the public (a phone page), the booking's
 * own page by its token, check-in at the kiosk, and each day's list for managers — phone
 * numbers masked everywhere they are shown.
 */

const slotsQuery = z.object({ serviceId: configId, date: businessDateParam });
const bookBody = z.object({
  serviceId: configId,
  start: z.number().int().positive(),
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字'),
  phone: z.string().trim().refine(isMobile, '请填写 11 位手机号码'),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || isIdNumber(v), '身份证号码不正确（18 位，末位校验码）')
    .optional(),
});
const holderParams = z.object({ id: recordId('ap') });
const tokenQuery = z.object({ token: z.string().max(200) });
const checkInBody = z.object({
  code: z.string().trim().regex(/^\d{6}$/, '预约码是 6 位数字'),
  /** The kiosk's language: the ticket's phone page opens in it. */
  lang: z.enum(['zh', 'en']).optional(),
});
const dayQuery = z.object({ date: businessDateParam });

export function appointmentRoutes(deps: TicketRoutesDeps): Router {
  const { engine, holderLimiter, issueLimiter, publicUrl } = deps;
  const r = Router();
  const tokenKey = () => engine.data.meta.tokenKey!;
  // The code rides along, so the booking's QR code scanned at a kiosk checks it in.
  const bookingPath = (a: Appointment) => `/kiosk/book.html?id=${encodeURIComponent(a.id)}&token=${encodeURIComponent(a.token)}&code=${a.code}`;

  /** The booking as its holder sees it: masked, with its ticket once checked in. */
  const holderView = (req: Request, a: Appointment) => {
    const service = engine.model.serviceEver(a.serviceId);
    const settings = engine.model.service(a.serviceId)?.appointments;
    const ticket = a.ticketId ? own(engine.data.tickets, a.ticketId) : undefined;
    return {
      id: a.id,
      code: a.code,
      serviceId: a.serviceId,
      serviceName: service?.name ?? a.serviceId,
      start: a.start,
      end: a.end,
      status: effectiveStatus(engine, a),
      ...(a.person ? { name: maskName(a.person.name), phone: maskPhone(a.person.phone) } : {}),
      cancellable: a.status === 'booked' && engine.now() <= a.start - (settings?.cancelHoursBefore ?? 2) * 3_600_000,
      ...(ticket ? { ticket: { id: ticket.id, number: ticket.number, statusUrl: `${publicUrl(req)}${statusPath(ticket)}` } } : {}),
    };
  };

  async function heldBooking(req: Request): Promise<Appointment> {
    const { id } = parse(holderParams, req.params, 'id');
    const { token } = parse(tokenQuery, req.query, 'token');
    await engine.ensureBusinessDate();
    const a = own(engine.data.appointments, id);
    // A wrong token and an unknown booking look alike.
    if (!a || !sameSecret(a.token, token)) fail('APPOINTMENT_NOT_FOUND');
    return a;
  }

  r.use('/appointments/:id', (req, res, next) => (req.params.id === 'slots' || req.params.id === 'check-in' ? next() : holderLimiter(req, res, next)));

  r.get('/appointments/slots', (req, res) => {
    const { serviceId, date } = parse(slotsQuery, req.query);
    const service = engine.model.service(serviceId) ?? fail('UNKNOWN_SERVICE', undefined, 'serviceId');
    const settings = service.appointments ?? fail('SLOT_UNAVAILABLE', `「${service.name}」不接受预约`, 'serviceId');
    const now = engine.now();
    const taken = new Map<number, number>();
    for (const a of Object.values(engine.data.appointments)) if (a.serviceId === serviceId && a.date === date && isOpenBooking(a)) taken.set(a.start, (taken.get(a.start) ?? 0) + 1);
    const slots = slotsOf(engine.config.hall, settings, date).map((s) => ({ ...s, left: s.start <= now ? 0 : Math.max(0, settings.perSlot - (taken.get(s.start) ?? 0)) }));
    res.json({ slots });
  });

  r.post('/appointments', holderLimiter, async (req, res) => {
    const input = parse(bookBody, req.body);
    const codes = Array.from({ length: 12 }, () => String(randomInt(0, 1_000_000)).padStart(6, '0'));
    const phoneKey = hmacToken(tokenKey(), `phone:${input.phone}`);
    const a = await engine.run((d) => book(d, { ...input, ...(input.idNumber ? { idNumber: input.idNumber } : {}), phoneKey, codes }));
    res.status(201).json({ appointment: { id: a.id, code: a.code, serviceId: a.serviceId, start: a.start, end: a.end, status: a.status }, statusUrl: `${publicUrl(req)}${bookingPath(a)}` });
  });

  r.post('/appointments/check-in', issueLimiter, async (req, res) => {
    const kiosk = requireDevice(req, 'kiosk');
    const { code, lang } = parse(checkInBody, req.body);
    const { ticket } = await engine.run((d) => checkIn(d, kiosk, code));
    res.status(201).json(await answerIssued(deps, req, kiosk, ticket, lang));
  });

  r.get('/appointments/:id', async (req, res) => {
    res.json({ appointment: holderView(req, await heldBooking(req)) });
  });

  r.post('/appointments/:id/cancel', async (req, res) => {
    const a = await heldBooking(req);
    const cancelled = await engine.run((d) => cancelBooking(d, a.id));
    res.json({ appointment: holderView(req, cancelled) });
  });

  /** Each day's bookings for managers: numbers masked, names to the family name. */
  r.get('/appointments', (req, res) => {
    requireStaff(req, 'manager');
    const { date } = parse(dayQuery, req.query, 'date');
    const list = Object.values(engine.data.appointments)
      .filter((a) => a.date === date)
      .sort((a, b) => a.start - b.start || a.createdAt - b.createdAt)
      .map((a) => ({
        id: a.id,
        code: a.code,
        serviceId: a.serviceId,
        start: a.start,
        end: a.end,
        status: effectiveStatus(engine, a),
        ...(a.person ? { name: maskName(a.person.name), phone: maskPhone(a.person.phone) } : {}),
        ...(a.checkedInAt !== undefined ? { checkedInAt: a.checkedInAt } : {}),
        ...(a.late ? { late: true } : {}),
        ...(a.ticketNumber ? { ticketNumber: a.ticketNumber } : {}),
      }));
    res.json({ date, appointments: list });
  });

  return r;
}

/** Booked and past its lateness allowance without a check-in: a no-show. */
function effectiveStatus(engine: HallEngine, a: Appointment): Appointment['status'] | 'no-show' {
  return isNoShow(a, engine.model.service(a.serviceId)?.appointments?.lateMinutes ?? 15, engine.now()) ? 'no-show' : a.status;
}

