import type { DepartmentConfig, HallConfig, ServiceConfig, StaffConfig, WindowConfig } from './config-schema.ts';
import { compareForCall, countAhead, pickNext } from './call-policy.ts';
import { averageMinutes, type DurationStats, estimateWaitMinutes } from './estimate.ts';
import { applyChange, type Change, type HallData } from './state.ts';
import { own } from './records.ts';
import { isServed } from './ticket-machine.ts';
import type { Appointment, Review, StoredConfig, Ticket, Visit, VisitEnd } from './types.ts';

export interface StaffDayTally {
  calls: number;
  byEnd: Partial<Record<VisitEnd, number>>;
  served: number;
  serviceMs: number;
}

export interface CallRecord {
  visitId: string;
  ticketId: string;
  number: string;
  windowId: string;
  serviceId: string;
  callCount: number;
  at: number;
}

const RECENT_CALLS = 12;

/**
 * The live data with the indexes every query needs: the config looked up by id, the
 * waiting tickets per service and per target window, today's service times and recent
 * calls. Pure: it changes only through `apply`.
 */
/** A clerk calls one citizen at a time: the last few are the current one and those just before. */
const CALLS_KEPT_PER_WINDOW = 4;
/** Bookings due within this long count in a walk-in's estimated wait. */
const DUE_WITHIN_MS = 60 * 60_000;

export class HallModel {
  /** The stored configuration once there is one (SPEC §13); until then the one given. */
  config!: HallConfig;
  readonly data: HallData;
  private readonly services = new Map<string, ServiceConfig>();
  private readonly windowConfigs = new Map<string, WindowConfig>();
  private readonly staffById = new Map<string, StaffConfig>();
  private readonly departments = new Map<string, DepartmentConfig>();
  private readonly waitingByService = new Map<string, Map<string, Ticket>>();
  private readonly waitingByWindow = new Map<string, Map<string, Ticket>>();
  private readonly ticketIdByNumber = new Map<string, string>();
  private readonly ticketIdByRequest = new Map<string, string>();
  private readonly ticketIdByVisit = new Map<string, string>();
  private readonly serviceStats = new Map<string, DurationStats>();
  private readonly issuedByService = new Map<string, number>();
  private readonly staffStats = new Map<string, StaffDayTally>();
  /** The visits most recently called at each window, newest first (what its rating pad may ask about). */
  private readonly callsAtWindow = new Map<string, Array<{ ticketId: string; visitId: string; calledAt: number }>>();
  recentCalls: CallRecord[] = [];
  /** A ticket's bad review, if its holder gave one (reviews outlive days: never scanned whole per view). */
  private readonly reviewIdByTicket = new Map<string, string>();
  /** Bookings not yet checked in, by service: what a walk-in's estimate counts as due. */
  private readonly bookedByService = new Map<string, Map<string, Appointment>>();

  constructor(config: HallConfig, data: HallData) {
    this.data = data;
    this.configure(data.config.hall?.config ?? config);
    this.rebuild();
  }

  /** Index a configuration; a change of it is applied like any record's. */
  private configure(config: HallConfig): void {
    this.config = config;
    this.services.clear();
    this.windowConfigs.clear();
    this.staffById.clear();
    this.departments.clear();
    for (const s of config.services) this.services.set(s.id, s);
    for (const w of config.windows) this.windowConfigs.set(w.id, w);
    for (const s of config.staff) this.staffById.set(s.id, s);
    for (const d of config.departments) this.departments.set(d.id, d);
  }

  /** The stored configuration record, with its version and what was removed from it. */
  get storedConfig(): StoredConfig | undefined {
    return own(this.data.config, 'hall');
  }

  /** A window as the configuration has it, or as it last was before it was removed: history still names it. */
  windowEver(id: string): WindowConfig | undefined {
    return this.windowConfigs.get(id) ?? this.storedConfig?.retired.windows.find((w) => w.id === id);
  }

  serviceEver(id: string): ServiceConfig | undefined {
    return this.services.get(id) ?? this.storedConfig?.retired.services.find((s) => s.id === id);
  }

  departmentEver(id: string): DepartmentConfig | undefined {
    return this.departments.get(id) ?? this.storedConfig?.retired.departments.find((d) => d.id === id);
  }

  /** Recompute every index from the data (after load, reload or day close). */
  rebuild(): void {
    this.reviewIdByTicket.clear();
    this.bookedByService.clear();
    for (const r of Object.values(this.data.reviews)) this.indexReview(r);
    for (const a of Object.values(this.data.appointments)) this.indexBooking(undefined, a);
    this.waitingByService.clear();
    this.waitingByWindow.clear();
    this.ticketIdByNumber.clear();
    this.ticketIdByRequest.clear();
    this.ticketIdByVisit.clear();
    this.serviceStats.clear();
    this.issuedByService.clear();
    this.staffStats.clear();
    this.callsAtWindow.clear();
    const calls: CallRecord[] = [];
    for (const t of Object.values(this.data.tickets)) {
      this.index(undefined, t);
      for (const v of t.visits) calls.push(callRecord(t, v));
    }
    this.recentCalls = calls.sort((a, b) => b.at - a.at).slice(0, RECENT_CALLS);
  }

  apply(change: Change): void {
    const before = change.c === 'tickets' ? this.data.tickets[change.id] : undefined;
    const booking = change.c === 'appointments' ? this.data.appointments[change.id] : undefined;
    applyChange(this.data, change);
    if (change.c === 'config' && change.v) this.configure(change.v.config);
    if (change.c === 'reviews' && change.v) this.indexReview(change.v);
    if (change.c === 'appointments') this.indexBooking(booking, change.v ?? undefined);
    if (change.c === 'tickets') {
      const after = change.v ?? undefined;
      this.index(before, after);
      if (after) this.noteCalls(before, after);
    }
  }

  private index(before: Ticket | undefined, after: Ticket | undefined): void {
    if (before) {
      this.bucket(before)?.delete(before.id);
      this.addStats(before, -1);
      if (!after) for (const v of before.visits) this.ticketIdByVisit.delete(v.id);
    }
    if (after) {
      if (!before) this.issuedByService.set(after.issuedServiceId, (this.issuedByService.get(after.issuedServiceId) ?? 0) + 1);
      if (after.status === 'waiting') {
        const key = after.targetWindowId ?? after.serviceId;
        const map = after.targetWindowId ? this.waitingByWindow : this.waitingByService;
        let bucket = map.get(key);
        if (!bucket) map.set(key, (bucket = new Map()));
        bucket.set(after.id, after);
      }
      this.ticketIdByNumber.set(after.number, after.id);
      for (const v of after.visits) this.ticketIdByVisit.set(v.id, after.id);
      if (after.requestId) this.ticketIdByRequest.set(`${after.kioskId}/${after.requestId}`, after.id);
      this.addStats(after, 1);
    }
  }

  private bucket(t: Ticket): Map<string, Ticket> | undefined {
    return t.targetWindowId ? this.waitingByWindow.get(t.targetWindowId) : this.waitingByService.get(t.serviceId);
  }

  private addStats(t: Ticket, sign: 1 | -1): void {
    for (const v of t.visits) {
      this.addStaffStats(v, sign);
      if (sign > 0) this.noteCallAt(t.id, v);
      if (!isServed(v.end) || v.endedAt === undefined) continue;
      const stats = this.serviceStats.get(v.serviceId) ?? { count: 0, totalMs: 0 };
      stats.count += sign;
      stats.totalMs += sign * (v.endedAt - (v.startedAt ?? v.calledAt));
      this.serviceStats.set(v.serviceId, stats);
    }
  }

  private addStaffStats(v: Visit, sign: 1 | -1): void {
    let stats = this.staffStats.get(v.staffId);
    if (!stats) this.staffStats.set(v.staffId, (stats = { calls: 0, byEnd: {}, served: 0, serviceMs: 0 }));
    stats.calls += sign;
    if (!v.end) return;
    stats.byEnd[v.end] = (stats.byEnd[v.end] ?? 0) + sign;
    if (isServed(v.end)) {
      stats.served += sign;
      stats.serviceMs += sign * (v.endedAt! - (v.startedAt ?? v.calledAt));
    }
  }

  /** Today's visits of one clerk, kept up to date as tickets change. */
  staffDay(staffId: string): Readonly<StaffDayTally> {
    return this.staffStats.get(staffId) ?? { calls: 0, byEnd: {}, served: 0, serviceMs: 0 };
  }

  /** The visit last called at a window, with its ticket. */
  /** The visits a window's pad may still ask about: a few most recently called there. */
  private noteCallAt(ticketId: string, v: Visit): void {
    const list = (this.callsAtWindow.get(v.windowId) ?? []).filter((c) => c.visitId !== v.id);
    list.push({ ticketId, visitId: v.id, calledAt: v.calledAt });
    list.sort((a, b) => b.calledAt - a.calledAt);
    this.callsAtWindow.set(v.windowId, list.slice(0, CALLS_KEPT_PER_WINDOW));
  }

  private indexReview(r: Review): void {
    this.reviewIdByTicket.set(r.ticketId, r.id);
  }

  private indexBooking(before: Appointment | undefined, after: Appointment | undefined): void {
    if (before) this.bookedByService.get(before.serviceId)?.delete(before.id);
    if (after?.status !== 'booked') return;
    let bucket = this.bookedByService.get(after.serviceId);
    if (!bucket) this.bookedByService.set(after.serviceId, (bucket = new Map()));
    bucket.set(after.id, after);
  }

  /** The bad review of a ticket's visit, if its holder gave one. */
  reviewOfTicket(ticketId: string): Review | undefined {
    const id = this.reviewIdByTicket.get(ticketId);
    return id ? own(this.data.reviews, id) : undefined;
  }

  /** The visits last called at a window, newest first. */
  recentVisitsAt(windowId: string): Array<{ ticket: Ticket; visit: Visit }> {
    return (this.callsAtWindow.get(windowId) ?? []).flatMap((c) => {
      const ticket = this.data.tickets[c.ticketId];
      const visit = ticket?.visits.find((v) => v.id === c.visitId);
      return ticket && visit ? [{ ticket, visit }] : [];
    });
  }

  lastVisitAt(windowId: string): { ticket: Ticket; visit: Visit } | undefined {
    return this.recentVisitsAt(windowId)[0];
  }

  private noteCalls(before: Ticket | undefined, after: Ticket): void {
    for (const v of after.visits) {
      const old = before?.visits.find((o) => o.id === v.id);
      // A recall in the same millisecond as the call is still a new announcement.
      if (old && old.lastCalledAt === v.lastCalledAt && old.callCount === v.callCount) continue;
      this.recentCalls = [callRecord(after, v), ...this.recentCalls.filter((c) => c.visitId !== v.id)].slice(0, RECENT_CALLS);
    }
  }

  // Lookups

  service(id: string): ServiceConfig | undefined {
    return this.services.get(id);
  }
  windowConfig(id: string): WindowConfig | undefined {
    return this.windowConfigs.get(id);
  }
  staff(id: string): StaffConfig | undefined {
    return this.staffById.get(id);
  }
  department(id: string): DepartmentConfig | undefined {
    return this.departments.get(id);
  }
  /** The ticket a kiosk already issued for this request today, if any. */
  ticketByRequest(kioskId: string, requestId: string): Ticket | undefined {
    const id = this.ticketIdByRequest.get(`${kioskId}/${requestId}`);
    return id ? this.data.tickets[id] : undefined;
  }

  ticketByNumber(number: string): Ticket | undefined {
    const id = this.ticketIdByNumber.get(number);
    return id ? this.data.tickets[id] : undefined;
  }

  /** Today's ticket that has this visit. */
  ticketOfVisit(visitId: string): Ticket | undefined {
    const id = this.ticketIdByVisit.get(visitId);
    return id ? this.data.tickets[id] : undefined;
  }
  /** The department a visit at this window for this service belongs to. */
  departmentOf(serviceId: string): string {
    return this.services.get(serviceId)?.departmentId ?? '';
  }

  // Queues

  waitingForService(serviceId: string): Ticket[] {
    return [...(this.waitingByService.get(serviceId)?.values() ?? [])];
  }

  /** Tickets waiting that were transferred to this window. */
  transferredTo(windowId: string): number {
    return this.waitingByWindow.get(windowId)?.size ?? 0;
  }

  /** The tickets transferred to a window and waiting there, oldest first. */
  transfersTo(windowId: string): Ticket[] {
    return [...(this.waitingByWindow.get(windowId)?.values() ?? [])].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  }

  waitingCount(serviceId: string): number {
    return this.waitingByService.get(serviceId)?.size ?? 0;
  }

  /** Everyone a window could call now, in no particular order. */
  *callCandidates(windowId: string): Iterable<Ticket> {
    const w = this.windowConfigs.get(windowId);
    if (!w) return;
    yield* this.waitingByWindow.get(windowId)?.values() ?? [];
    for (const sid of w.serviceIds) yield* this.waitingByService.get(sid)?.values() ?? [];
  }

  /** `now` decides whether a booking's slot has begun (SPEC §11). */
  nextFor(windowId: string, now: number): Ticket | undefined {
    const w = this.windowConfigs.get(windowId);
    return w ? pickNext(this.callCandidates(windowId), w, now) : undefined;
  }

  /** The window's queue in call order (for the counter's "waiting" panel). */
  queueFor(windowId: string, now: number): Ticket[] {
    return [...this.callCandidates(windowId)].sort((a, b) => compareForCall(a, b, windowId, now));
  }

  ahead(ticket: Ticket, now: number): number {
    const pool = ticket.targetWindowId ? this.waitingByWindow.get(ticket.targetWindowId) : this.waitingByService.get(ticket.serviceId);
    return countAhead(ticket, pool?.values() ?? [], now);
  }

  /** Windows with a clerk signed in, not paused, that serve the service. */
  openWindowsServing(serviceId: string): number {
    let n = 0;
    for (const w of this.config.windows) {
      const s = this.data.windows[w.id];
      if (s?.staffId && !s.pause && w.serviceIds.includes(serviceId)) n++;
    }
    return n;
  }

  averageServiceMinutes(serviceId: string): number {
    return averageMinutes(this.serviceStats.get(serviceId), this.services.get(serviceId)?.defaultServiceMinutes ?? 0);
  }

  /**
   * Bookings of the service not yet checked in whose slot begins within the hour (and is not
   * past its lateness allowance): they will go before walk-ins, so a walk-in's wait counts them.
   */
  dueBookings(serviceId: string, now: number): number {
    const settings = this.services.get(serviceId)?.appointments;
    if (!settings) return 0;
    let n = 0;
    for (const a of this.bookedByService.get(serviceId)?.values() ?? []) {
      if (a.start <= now + DUE_WITHIN_MS && now <= a.start + settings.lateMinutes * 60_000) n++;
    }
    return n;
  }

  estimateFor(serviceId: string, ahead: number): number {
    return estimateWaitMinutes(ahead, this.averageServiceMinutes(serviceId), this.openWindowsServing(serviceId));
  }

  issuedCount(serviceId: string): number {
    return this.issuedByService.get(serviceId) ?? 0;
  }
}

function callRecord(t: Ticket, v: Visit): CallRecord {
  return { visitId: v.id, ticketId: t.id, number: t.number, windowId: v.windowId, serviceId: v.serviceId, callCount: v.callCount, at: v.lastCalledAt };
}
