import type { ServiceGuide } from './config-schema.ts';
import type { HallModel } from './hall-model.ts';
import { own } from './records.ts';
import { currentVisit, lastRatableVisit } from './ticket-machine.ts';
import { isTicketingOpen, nextTicketingOpen } from './time.ts';
import { type Outcome, OUTCOMES, type PauseReason, type Ticket, type TicketStatus, type Visit, type VisitEnd } from './types.ts';

/**
 * Projections: what each audience may see of the hall, and nothing more. The wall
 * display and kiosks see counts and numbers; a ticket holder sees their own ticket;
 * a window sees its own current ticket.
 */

/** The English name, where the configuration gives one (English screens fall back to `name`). */
function english(x: { nameEn?: string } | undefined, key = 'nameEn'): Record<string, string> {
  return x?.nameEn ? { [key]: x.nameEn } : {};
}

/** One message to the hall's screens (the `hall:changes` event): see shared/events.ts. */
export interface HallChanges {
  calls: CallView[];
  windows: WindowView[];
  counts: QueueCount[];
}

export interface QueueCount {
  serviceId: string;
  waiting: number;
  estimatedWaitMinutes: number;
  /** Windows serving it right now (signed in, not paused): with none, nobody will be called. */
  windowsOpen: number;
  open: boolean;
  /** Why a service cannot be chosen now. */
  closedReason?: 'hours' | 'cap';
}

export interface ServiceView extends QueueCount {
  id: string;
  departmentId: string;
  name: string;
  nameEn?: string;
  prefix: string;
  windowNumbers: number[];
  /** 办事指南: what to bring, what to know, how many working days (一次告知). */
  guide?: ServiceGuide;
  /** Takes bookings (预约): slots of this length, up to this many days ahead, and its check-in and cancel allowances. */
  appointments?: { slotMinutes: number; daysAhead: number; earlyMinutes: number; lateMinutes: number; cancelHoursBefore: number };
}

export type WindowStatus = 'closed' | 'open' | 'paused';

export interface WindowView {
  id: string;
  number: number;
  name: string;
  nameEn?: string;
  departmentId?: string;
  serviceIds: string[];
  status: WindowStatus;
  pauseReason?: PauseReason;
  pausedSince?: number;
  staff?: { name: string; staffNo: string };
  currentNumber?: string;
  currentStatus?: 'called' | 'serving';
}

export interface CallView {
  /** Unique per announcement: a recall gets a new id. */
  id: string;
  visitId: string;
  number: string;
  windowId: string;
  windowNumber: number;
  windowName: string;
  windowNameEn?: string;
  serviceId: string;
  callCount: number;
  at: number;
}

export interface HallView {
  /** The server's clock when this was built: screens count time from it, not from their own clock. */
  serverNow: number;
  name: string;
  nameEn?: string;
  /** IANA zone of the hall: screens show its local time, not the machine's. */
  timezone: string;
  businessDate: string;
  ticketingOpen: boolean;
  /** While ticketing is closed: when it opens next (a kiosk says so). */
  ticketingOpensAt?: number;
  /** When ticketing opens on the next working day (for a service whose numbers are gone today). */
  nextDayOpensAt?: number;
  departments: Array<{ id: string; name: string; nameEn?: string }>;
  services: ServiceView[];
  windows: WindowView[];
  recentCalls: CallView[];
}

export interface TicketVisitView {
  id: string;
  windowNumber: number;
  windowName: string;
  windowNameEn?: string;
  calledAt: number;
  endedAt?: number;
  end?: VisitEnd;
  rated: boolean;
}

export interface TicketView {
  id: string;
  number: string;
  businessDate: string;
  hallName: string;
  hallNameEn?: string;
  serviceId: string;
  serviceName: string;
  serviceNameEn?: string;
  departmentName: string;
  departmentNameEn?: string;
  /** The service's 办事指南, to read while waiting and, after a 退回, what to bring next time. */
  guide?: ServiceGuide;
  priority: boolean;
  status: TicketStatus;
  issuedAt: number;
  ahead: number;
  estimatedWaitMinutes: number;
  /** Windows that would call it now (its service's, or the one it was sent to): 0 means nobody will yet. */
  windowsOpen: number;
  /** The window the holder should go to, while called or serving. */
  window?: { id: string; number: number; name: string; nameEn?: string; callCount: number; calledAt: number };
  visits: TicketVisitView[];
  /** The visit the holder may rate now, if any. */
  ratableVisitId?: string;
  cancelReason?: 'citizen' | 'day-closed';
  /** How the visit that ended the ticket ended, and what the clerk wrote for the citizen (一次告知). */
  outcome?: { end: Outcome; note?: string };
  /** The hall's reply to the holder's bad review (反馈), when a manager has written one. */
  reply?: { text: string; at: number };
  /** Waiting again after a transfer: from which window, and to a window (or else to `serviceName`). */
  transfer?: { fromWindowNumber: number; toWindow?: { number: number; name: string; nameEn?: string } };
}

/** The current ticket at a window, as its clerk and its window screen see it. */
export interface CurrentTicketView {
  id: string;
  number: string;
  serviceId: string;
  priority: boolean;
  status: 'called' | 'serving';
  issuedAt: number;
  visitId: string;
  calledAt: number;
  callCount: number;
  startedAt?: number;
  /** For its clerk: the booking it was checked in for (slot, phone masked), or that it came late for it. */
  appointment?: { start?: number; end?: number; phone?: string; late?: boolean };
}

export interface RatingRequest {
  windowId: string;
  visitId: string;
  number: string;
  outcome: Outcome | 'transferred';
  staff?: { name: string; staffNo: string };
  at: number;
}

export function queueCount(model: HallModel, serviceId: string, now: number): QueueCount {
  const s = model.service(serviceId);
  const waiting = model.waitingCount(serviceId);
  const hoursOpen = isTicketingOpen(model.config.hall, now);
  const capped = s?.dailyCap !== undefined && model.issuedCount(serviceId) >= s.dailyCap;
  return {
    serviceId,
    waiting,
    estimatedWaitMinutes: model.estimateFor(serviceId, waiting + model.dueBookings(serviceId, now)),
    windowsOpen: model.openWindowsServing(serviceId),
    open: hoursOpen && !capped,
    ...(!hoursOpen ? { closedReason: 'hours' as const } : capped ? { closedReason: 'cap' as const } : {}),
  };
}

/** A window of the configuration; stored data may name windows the configuration no longer has. */
export function windowView(model: HallModel, windowId: string): WindowView | undefined {
  const w = model.windowConfig(windowId);
  if (!w) return undefined;
  const s = own(model.data.windows, windowId);
  const staff = s?.staffId ? model.staff(s.staffId) : undefined;
  const current = s?.currentTicketId ? own(model.data.tickets, s.currentTicketId) : undefined;
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    ...english(w),
    ...(w.departmentId ? { departmentId: w.departmentId } : {}),
    serviceIds: w.serviceIds,
    status: !staff ? 'closed' : s?.pause ? 'paused' : 'open',
    ...(s?.pause ? { pauseReason: s.pause.reason, pausedSince: s.pause.since } : {}),
    ...(staff ? { staff: { name: staff.name, staffNo: staff.staffNo } } : {}),
    ...(current && (current.status === 'called' || current.status === 'serving') ? { currentNumber: current.number, currentStatus: current.status } : {}),
  };
}

/** A call, to a window the configuration has or had: a removed window's calls keep its number. */
export function callView(model: HallModel, call: { visitId: string; number: string; windowId: string; serviceId: string; callCount: number; at: number }): CallView | undefined {
  const w = model.windowEver(call.windowId);
  if (!w) return undefined;
  // Field by field: the call record also knows the ticket, which the hall must not see.
  return {
    id: `${call.visitId}#${call.callCount}`,
    visitId: call.visitId,
    number: call.number,
    windowId: call.windowId,
    windowNumber: w.number,
    windowName: w.name,
    ...english(w, 'windowNameEn'),
    serviceId: call.serviceId,
    callCount: call.callCount,
    at: call.at,
  };
}

export function hallView(model: HallModel, now: number, show?: { windowIds?: string[]; serviceIds?: string[] }): HallView {
  const services = model.config.services.filter((s) => !show?.serviceIds || show.serviceIds.includes(s.id));
  const windows = model.config.windows.filter((w) => !show?.windowIds || show.windowIds.includes(w.id));
  return {
    serverNow: now,
    name: model.config.hall.name,
    ...english(model.config.hall),
    timezone: model.config.hall.timezone,
    businessDate: model.data.meta.businessDate ?? '',
    ticketingOpen: isTicketingOpen(model.config.hall, now),
    ...openings(model.config.hall, now),
    departments: model.config.departments.map((d) => ({ id: d.id, name: d.name, ...english(d) })),
    services: services.map((s) => ({
      id: s.id,
      departmentId: s.departmentId,
      name: s.name,
      ...english(s),
      prefix: s.prefix,
      ...(s.guide ? { guide: s.guide } : {}),
      ...(s.appointments ? { appointments: (({ perSlot: _places, ...shown }) => shown)(s.appointments) } : {}),
      windowNumbers: model.config.windows.filter((w) => w.serviceIds.includes(s.id)).map((w) => w.number),
      ...queueCount(model, s.id, now),
    })),
    windows: windows.flatMap((w) => windowView(model, w.id) ?? []),
    recentCalls: model.recentCalls.filter((c) => !show?.windowIds || show.windowIds.includes(c.windowId)).flatMap((c) => callView(model, c) ?? []),
  };
}

/** `ahead` may be given when the caller has already ordered the ticket's queue. */
/** `now`, when given, closes the phone's rating of a visit older than `ratings.phoneDays`. */
export function ticketView(model: HallModel, t: Ticket, knownAhead?: number, now?: number): TicketView {
  // Names as they were, for a service or department removed since.
  const service = model.serviceEver(t.serviceId);
  const department = service ? model.departmentEver(service.departmentId) : undefined;
  // Without a time given, bookings count as begun from the ticket's own place in the line.
  const ahead = t.status === 'waiting' ? (knownAhead ?? model.ahead(t, now ?? t.enqueuedAt)) : 0;
  const cur = currentVisit(t);
  const curWindow = cur ? model.windowEver(cur.windowId) : undefined;
  const ratable = lastRatableVisit(t);
  return {
    id: t.id,
    number: t.number,
    businessDate: t.businessDate,
    hallName: model.config.hall.name,
    ...english(model.config.hall, 'hallNameEn'),
    serviceId: t.serviceId,
    serviceName: service?.name ?? t.serviceId,
    ...english(service, 'serviceNameEn'),
    departmentName: department?.name ?? '',
    ...english(department, 'departmentNameEn'),
    ...(service?.guide ? { guide: service.guide } : {}),
    priority: t.priority,
    status: t.status,
    issuedAt: t.issuedAt,
    ahead,
    estimatedWaitMinutes: t.status === 'waiting' ? model.estimateFor(t.serviceId, ahead + (t.appointment ? 0 : model.dueBookings(t.serviceId, now ?? t.enqueuedAt))) : 0,
    windowsOpen: windowsFor(model, t),
    ...(cur && curWindow ? { window: { id: curWindow.id, number: curWindow.number, name: curWindow.name, ...english(curWindow), callCount: cur.callCount, calledAt: cur.lastCalledAt } } : {}),
    visits: t.visits.map((v) => {
      const w = model.windowEver(v.windowId);
      return {
        id: v.id,
        windowNumber: w?.number ?? 0,
        windowName: w?.name ?? '',
        ...english(w, 'windowNameEn'),
        calledAt: v.calledAt,
        ...(v.endedAt !== undefined ? { endedAt: v.endedAt, end: v.end } : {}),
        rated: v.rating !== undefined || own(model.data.lateRatings, v.id) !== undefined,
      };
    }),
    ...(ratable && stillRatable(model, ratable, now) ? { ratableVisitId: ratable.id } : {}),
    ...(t.cancelReason ? { cancelReason: t.cancelReason } : {}),
    ...outcomeOf(t),
    ...transferOf(model, t),
    ...replyOf(model, t),
  };
}

function stillRatable(model: HallModel, v: Visit, now: number | undefined): boolean {
  if (v.rating || own(model.data.lateRatings, v.id)) return false;
  return now === undefined || v.endedAt === undefined || now - v.endedAt <= model.config.ratings.phoneDays * 86_400_000;
}

function replyOf(model: HallModel, t: Ticket): Pick<TicketView, 'reply'> {
  const review = model.reviewOfTicket(t.id);
  const reply = review?.steps?.find((s) => s.kind === 'reply');
  return reply ? { reply: { text: reply.note, at: reply.at } } : {};
}

function transferOf(model: HallModel, t: Ticket): Pick<TicketView, 'transfer'> {
  const last = t.visits[t.visits.length - 1];
  if (t.status !== 'waiting' || last?.end !== 'transferred') return {};
  const from = model.windowEver(last.windowId);
  const to = t.targetWindowId ? model.windowEver(t.targetWindowId) : undefined;
  return { transfer: { fromWindowNumber: from?.number ?? 0, ...(to ? { toWindow: { number: to.number, name: to.name, ...english(to) } } : {}) } };
}

/** Windows that would call this ticket now: the one it was transferred to, or its service's. */
export function windowsFor(model: HallModel, t: Pick<Ticket, 'serviceId' | 'targetWindowId'>): number {
  if (!t.targetWindowId) return model.openWindowsServing(t.serviceId);
  const w = own(model.data.windows, t.targetWindowId);
  return w?.staffId && !w.pause ? 1 : 0;
}

function openings(hall: HallModel['config']['hall'], now: number): Pick<HallView, 'ticketingOpensAt' | 'nextDayOpensAt'> {
  const next = isTicketingOpen(hall, now) ? undefined : nextTicketingOpen(hall, now);
  const nextDay = nextTicketingOpen(hall, now, true);
  return { ...(next !== undefined ? { ticketingOpensAt: next } : {}), ...(nextDay !== undefined ? { nextDayOpensAt: nextDay } : {}) };
}

/** A finished ticket's outcome as its holder is told it: 办结, 受理, 咨询 or 退回, with the clerk's note. */
function outcomeOf(t: Ticket): Pick<TicketView, 'outcome'> {
  const last = t.visits[t.visits.length - 1];
  if (t.status !== 'done' || !last || !last.end || !(OUTCOMES as readonly string[]).includes(last.end)) return {};
  return { outcome: { end: last.end as Outcome, ...(last.note ? { note: last.note } : {}) } };
}

/** What both a ticket and a staff view of it have: enough to say who stands at the window now. */
type AtWindow = Pick<Ticket, 'id' | 'number' | 'serviceId' | 'priority' | 'status' | 'issuedAt'> & {
  visits: ReadonlyArray<Pick<Visit, 'id' | 'calledAt' | 'callCount' | 'startedAt' | 'end'>>;
};

export function currentTicketView(t: AtWindow): CurrentTicketView | undefined {
  const v = t.visits[t.visits.length - 1];
  if (!v || v.end !== undefined || (t.status !== 'called' && t.status !== 'serving')) return undefined;
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priority,
    status: t.status,
    issuedAt: t.issuedAt,
    visitId: v.id,
    calledAt: v.calledAt,
    callCount: v.callCount,
    ...(v.startedAt !== undefined ? { startedAt: v.startedAt } : {}),
  };
}

/** A ticket as staff see it after acting on it: its state and visits, no holder secret. */
export interface StaffTicketView {
  id: string;
  number: string;
  serviceId: string;
  priority: boolean;
  status: TicketStatus;
  issuedAt: number;
  enqueuedAt: number;
  targetWindowId?: string;
  visits: Array<{ id: string; windowId: string; staffId: string; serviceId: string; calledAt: number; callCount: number; startedAt?: number; endedAt?: number; end?: VisitEnd; rated: boolean }>;
}

export function staffTicketView(t: Ticket): StaffTicketView {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priority,
    status: t.status,
    issuedAt: t.issuedAt,
    enqueuedAt: t.enqueuedAt,
    ...(t.targetWindowId ? { targetWindowId: t.targetWindowId } : {}),
    visits: t.visits.map((v) => ({
      id: v.id,
      windowId: v.windowId,
      staffId: v.staffId,
      serviceId: v.serviceId,
      calledAt: v.calledAt,
      callCount: v.callCount,
      ...(v.startedAt !== undefined ? { startedAt: v.startedAt } : {}),
      ...(v.endedAt !== undefined ? { endedAt: v.endedAt, end: v.end } : {}),
      rated: v.rating !== undefined,
    })),
  };
}

/** A staff member as they see themselves after logging in. */
export interface StaffProfile {
  id: string;
  staffNo: string;
  name: string;
  role: 'clerk' | 'manager' | 'network-manager';
  departmentId: string;
  departmentName: string;
  /** The window they are signed in at right now, if any. */
  windowId?: string;
  /** The windows they may sign in at (shared/window-rules.ts). */
  signInWindowIds: string[];
}
