import type { DeviceConfig, HallConfig, StaffConfig } from '../../shared/config-schema.ts';
import { fail } from '../../shared/errors.ts';
import { type CallRecord, HallModel } from '../../shared/hall-model.ts';
import { nextSequence } from '../../shared/numbering.ts';
import { isBadScore, type Score } from '../../shared/ratings.ts';
import { diffRecords } from '../../shared/changes.ts';
import { type Change, type CollectionName, copyHallData, DAY_COLLECTIONS, type DayArchive, type HallData, type RecordOf } from '../../shared/state.ts';
import { applyTicketCommand, currentVisit, isServed, issueTicket, lastRatableVisit, type TicketCommand, type TransferTarget } from '../../shared/ticket-machine.ts';
import { addWorkingDays, businessDate, dateFromCompact, isTicketingOpen } from '../../shared/time.ts';
import type { Outcome, PauseReason, PrinterFault, Rating, Ticket, Visit, WindowState } from '../../shared/types.ts';
import type { RatingRequest } from '../../shared/views.ts';
import type { Clock } from '../clock.ts';
import { newId, newSecret, newTicketId, sameSecret, ticketToken } from '../ids.ts';
import { own, records } from '../../shared/records.ts';
import { mayWorkAt } from '../../shared/window-rules.ts';
import { StorageError } from '../store/errors.ts';
import type { Store } from '../store/store.ts';
import { encodeFacts } from '../reports/facts-codec.ts';
import { toFacts } from '../../shared/reports/facts.ts';

/** What changed, for the realtime layer to project and send. Published only after the commit is durable. */
export type HallEvent =
  | { type: 'ticket'; before?: Ticket; after: Ticket }
  | { type: 'call'; call: CallRecord }
  | { type: 'window'; windowId: string }
  | { type: 'rating-request'; request: RatingRequest }
  | { type: 'rating-closed'; windowId: string; visitId: string }
  | { type: 'printer-fault'; fault: PrinterFault }
  | { type: 'session-ended'; tokenHash: string }
  | { type: 'resync'; reason: 'day-closed' | 'reloaded' };

/** How long after a visit ends the window's pad keeps asking for a rating. */
export const RATING_WINDOW_MS = 2 * 60_000;
const MAX_PRINTER_FAULTS = 200;
/** Closed days whose tickets stay in memory for phone pages that keep asking. */
const ARCHIVE_CACHE_DAYS = 3;

/** Told about failures that must not fail a command (a listener that threw after the commit). */
export type ErrorSink = (err: unknown, context: string) => void;

/**
 * Collects the changes and events of one command. Each change goes at once to the working
 * model the next command is decided on, never to the committed one that readers see; an
 * update carries the fields that changed, which is what the journal writes.
 */
class Tx {
  readonly changes: Change[] = [];
  readonly events: HallEvent[] = [];
  constructor(private readonly model: HallModel) {}

  put<C extends CollectionName>(c: C, id: string, v: RecordOf<C> | null): void {
    const before = v === null ? undefined : own(this.model.data[c] as Record<string, RecordOf<C>>, id);
    const patch = before !== undefined && v !== null && typeof before === 'object' ? diffRecords(before, v as object) : undefined;
    const change = { c, id, v, ...(patch ? { patch } : {}) } as Change;
    this.model.apply(change);
    this.changes.push(change);
  }

  putTicket(before: Ticket | undefined, after: Ticket): void {
    this.put('tickets', after.id, after);
    this.events.push({ type: 'ticket', ...(before ? { before } : {}), after });
  }

  emit(e: HallEvent): void {
    this.events.push(e);
  }
}

/**
 * The hall: the live model, every command on it, and the one write path. A command runs
 * synchronously on the model (so two windows can never take the same ticket), its changes
 * are committed to the store, and only then are its events published and its result
 * returned.
 */
export class HallEngine {
  /** What is durable: every reader, snapshot and report sees this. */
  model!: HallModel;
  /** The committed state plus the commits on their way to disk: commands are decided on this. */
  private working!: HallModel;
  /** Commands whose commit has not answered yet. */
  private inFlight = 0;
  private settled: Array<() => void> = [];
  private listeners: Array<(events: HallEvent[]) => void> = [];
  /** Held while the store reloads or the business date closes; commands wait for it. */
  private barrier: Promise<void> = Promise.resolve();

  /** Clerks whose sign-in the last day close ended: their next action is told so, not "not signed in". */
  private signedOutByDayClose = new Set<string>();

  constructor(
    readonly config: HallConfig,
    readonly store: Store,
    readonly clock: Clock,
    private readonly onError: ErrorSink = () => undefined,
  ) {}

  /** Load the store, compact its journal and close any business date that ended while down. */
  async open(): Promise<void> {
    await this.load();
    if (!this.data.meta.tokenKey) {
      const change: Change = { c: 'meta', id: 'tokenKey', v: newSecret(32) };
      await this.store.commit([change]);
      this.model.apply(change);
      this.working.apply(change);
    }
    try {
      await this.store.checkpoint();
      await this.ensureBusinessDate();
    } catch (e) {
      // A full disk must not stop the hall from starting: the journal still holds everything,
      // and a day close that could not be written is tried again by the next command.
      if (!(e instanceof StorageError)) throw e;
    }
  }

  private async load(): Promise<void> {
    const data = await this.store.open();
    this.model = new HallModel(this.config, data);
    this.resetWorking();
  }

  /** The working model back to exactly what is committed (records are shared, never changed in place). */
  private resetWorking(): void {
    this.working = new HallModel(this.config, copyHallData(this.model.data));
  }

  get data(): HallData {
    return this.model.data;
  }

  now(): number {
    return this.clock.now();
  }

  today(): string {
    return businessDate(this.now(), this.config.hall.timezone);
  }

  onEvents(listener: (events: HallEvent[]) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** After the commit the command has happened: a listener that throws is logged, never the command's failure. */
  private publish(events: HallEvent[]): void {
    if (events.length === 0) return;
    for (const l of this.listeners) {
      try {
        l(events);
      } catch (e) {
        this.onError(e, 'publishing committed events');
      }
    }
  }

  /**
   * The one write path: decide on the working model (so two windows never take the same
   * ticket, even while earlier commits are on their way to disk), commit durably, and only
   * then apply to the committed model and publish.
   */
  async run<R>(command: (tx: Tx, now: number) => R): Promise<R> {
    await this.barrier;
    await this.ensureBusinessDate();
    const tx = new Tx(this.working);
    let result: R;
    try {
      result = command(tx, this.now());
    } catch (e) {
      // A refusal is raised before any change; a command that failed half-way is forgotten.
      if (tx.changes.length > 0) this.discardWorking();
      throw e;
    }
    if (tx.changes.length === 0) return result;
    this.inFlight++;
    try {
      await this.store.commit(tx.changes);
    } catch (e) {
      this.discardWorking();
      throw e;
    } finally {
      if (--this.inFlight === 0) for (const done of this.settled.splice(0)) done();
    }
    for (const change of tx.changes) this.model.apply(change);
    this.publish(tx.events);
    return result;
  }

  /**
   * After a failed commit: the store refuses whatever was queued behind it, and once every
   * command in flight has answered, the working model starts again from what is committed.
   * Nothing is read back from the store; nothing readers saw has to be undone.
   */
  private discardWorking(): void {
    if (this.discarding) return;
    this.discarding = true;
    const idle = this.inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => this.settled.push(r));
    this.barrier = this.barrier
      .then(() => idle)
      .then(async () => {
        this.resetWorking();
        await this.store.recover();
      })
      .catch((e) => this.onError(e, 'recovering after a failed commit'))
      .finally(() => {
        this.discarding = false;
      });
  }

  private discarding = false;

  /** Close the business date when the clock has passed it (called before every command and by a timer). */
  async ensureBusinessDate(): Promise<void> {
    const today = this.today();
    const current = this.data.meta.businessDate;
    if (current === today) return;
    if (current !== undefined && current > today) return; // clock went back: keep the later date
    const closing = this.barrier.then(async () => {
      try {
        await this.closeDay(today);
      } catch (e) {
        // Half a day close must not stay in memory: go back to what is on disk; the next command retries.
        if (e instanceof StorageError) await this.load();
        throw e;
      }
    });
    this.barrier = closing.catch(() => undefined);
    await closing;
  }

  private async closeDay(today: string): Promise<void> {
    // Every command in flight lands first: the day closes on exactly what was committed.
    if (this.inFlight > 0) await new Promise<void>((r) => this.settled.push(r));
    const closingDate = this.data.meta.businessDate;
    if (closingDate === today) return;
    if (closingDate !== undefined) {
      const now = this.now();
      const tx = new Tx(this.working);
      for (const t of Object.values(this.data.tickets)) {
        if (t.status !== 'waiting' && t.status !== 'called' && t.status !== 'serving') continue;
        const r = applyTicketCommand(t, { type: 'day-close' }, now);
        if (r.ok) tx.putTicket(t, r.ticket);
      }
      // Windows are closed for the night; a missing sign-out stays missing for attendance.
      this.signedOutByDayClose = new Set(Object.values(this.data.windows).flatMap((w) => (w.staffId ? [w.staffId] : [])));
      for (const id of Object.keys(this.data.windows)) tx.put('windows', id, null);
      for (const [hash, s] of Object.entries(this.data.sessions)) if (s.expiresAt <= now) tx.put('sessions', hash, null);
      try {
        await this.store.commit(tx.changes);
      } catch (e) {
        this.resetWorking();
        throw e;
      }
      for (const change of tx.changes) this.model.apply(change);
      this.publish(tx.events);
      const archive: DayArchive = {
        businessDate: closingDate,
        closedAt: now,
        tickets: Object.values(this.data.tickets),
        attendance: Object.values(this.data.attendance),
        caseCompletions: Object.values(this.data.caseCompletions),
        counters: { ...this.data.counters },
      };
      await this.store.writeDay(archive);
      // The reports' columnar copy, so the first report over this day need not build it.
      await this.store.writeDayFacts(closingDate, encodeFacts(toFacts(archive))).catch(() => undefined);
    }
    for (const c of DAY_COLLECTIONS) this.data[c] = records() as never;
    this.data.meta.businessDate = today;
    this.model.rebuild();
    this.resetWorking();
    await this.store.checkpoint();
    this.publish([{ type: 'resync', reason: 'day-closed' }]);
  }

  // ---- Tickets ----------------------------------------------------------------------

  /** A retried request (same kiosk, same requestId) gets its ticket back: never a second number for one tap. */
  issue(device: DeviceConfig, input: { serviceId: string; priority?: boolean; requestId?: string }): Promise<Ticket> {
    return this.run((tx, now) => {
      const earlier = input.requestId ? this.working.ticketByRequest(device.id, input.requestId) : undefined;
      if (earlier) return earlier;
      const service = this.working.service(input.serviceId) ?? fail('UNKNOWN_SERVICE', undefined, 'serviceId');
      if (!isTicketingOpen(this.config.hall, now)) fail('HALL_CLOSED');
      if (service.dailyCap !== undefined && this.working.issuedCount(service.id) >= service.dailyCap) fail('DAILY_CAP_REACHED');
      const date = this.working.data.meta.businessDate!;
      const seq = nextSequence(this.working.data.counters, service.prefix);
      const id = newTicketId(date);
      const ticket = issueTicket({
        id,
        token: ticketToken(this.working.data.meta.tokenKey!, id),
        prefix: service.prefix,
        seq,
        businessDate: date,
        serviceId: service.id,
        priority: input.priority === true,
        kioskId: device.id,
        ...(input.requestId ? { requestId: input.requestId } : {}),
        now,
      });
      tx.put('counters', service.prefix, seq);
      tx.putTicket(undefined, ticket);
      return ticket;
    });
  }

  /** Recently read archives, as id → ticket, least recently used first: phones of yesterday's tickets ask again and again. */
  private readonly archivedTickets = new Map<string, Map<string, Ticket>>();

  /** Today's ticket by id, or a past day's from its archive (read-only). */
  async findTicket(id: string): Promise<{ ticket: Ticket; live: boolean } | undefined> {
    const live = own(this.data.tickets, id);
    if (live) return { ticket: live, live: true };
    const date = dateFromCompact(id.split('-')[0] ?? '');
    if (!date || date >= (this.data.meta.businessDate ?? '')) return undefined;
    let day = this.archivedTickets.get(date);
    if (day) this.archivedTickets.delete(date);
    else {
      const archive = await this.store.readDay(date).catch(() => null);
      day = new Map((archive?.tickets ?? []).map((t) => [t.id, t]));
    }
    this.archivedTickets.set(date, day);
    if (this.archivedTickets.size > ARCHIVE_CACHE_DAYS) this.archivedTickets.delete(this.archivedTickets.keys().next().value!);
    const ticket = day.get(id);
    return ticket ? { ticket, live: false } : undefined;
  }

  /**
   * The ticket of a holder who shows its token. The token is an HMAC of the id, so a wrong
   * one is refused before any archive is read; a wrong token and an unknown id look alike.
   */
  async findHeldTicket(id: string, token: string): Promise<{ ticket: Ticket; live: boolean } | undefined> {
    if (sameSecret(ticketToken(this.data.meta.tokenKey!, id), token)) return this.findTicket(id);
    // Tickets issued before tokens were derived carry a random one; only today's are still asked for.
    const live = own(this.data.tickets, id);
    return live && sameSecret(live.token, token) ? { ticket: live, live: true } : undefined;
  }

  cancel(ticketId: string): Promise<Ticket> {
    return this.run((tx, now) => {
      const t = own(this.working.data.tickets, ticketId) ?? fail('TICKET_NOT_FOUND');
      return this.transition(tx, t, { type: 'cancel' }, now);
    });
  }

  private transition(tx: Tx, t: Ticket, cmd: TicketCommand, now: number): Ticket {
    const r = applyTicketCommand(t, cmd, now);
    if (!r.ok) fail(r.code);
    tx.putTicket(t, r.ticket);
    for (const e of r.events) {
      if (e.type === 'called' || e.type === 'recalled') tx.emit({ type: 'call', call: this.working.recentCalls.find((c) => c.visitId === e.visit.id)! });
    }
    return r.ticket;
  }

  /** A rating from the ticket holder's phone, for the ticket's last ended visit. */
  rateFromPhone(ticketId: string, score: Score, reason: string | undefined): Promise<Visit> {
    return this.run((tx, now) => {
      const t = own(this.working.data.tickets, ticketId) ?? fail('TICKET_NOT_FOUND');
      const visit = lastRatableVisit(t) ?? fail('NOTHING_TO_RATE');
      return this.rate(tx, t, visit, { score, ...(reason ? { reason } : {}), at: now, source: 'phone' });
    });
  }

  /** A rating from a window's pad, for a visit that ended at that window. */
  rateFromPad(windowId: string, visitId: string, score: Score, reason: string | undefined): Promise<Visit> {
    return this.run((tx, now) => {
      const t = this.working.ticketOfVisit(visitId) ?? fail('VISIT_NOT_FOUND', undefined, 'visitId');
      const visit = t.visits.find((v) => v.id === visitId) ?? fail('VISIT_NOT_FOUND', undefined, 'visitId');
      if (visit.windowId !== windowId) fail('FORBIDDEN', '这次办理不属于本窗口');
      if (visit.rating) fail('ALREADY_RATED');
      // The pad rates only the visit it was asked about: the window's last one, while still recent.
      if (this.openRatingRequest(windowId, this.working)?.visitId !== visitId) fail('NOTHING_TO_RATE', '这次办理已不能在窗口评价');
      return this.rate(tx, t, visit, { score, ...(reason ? { reason } : {}), at: now, source: 'window-pad' });
    });
  }

  private rate(tx: Tx, t: Ticket, visit: Visit, rating: Rating): Visit {
    if (visit.rating) fail('ALREADY_RATED');
    if (isBadScore(rating.score) && !rating.reason) fail('INVALID_INPUT', '差评请选择或填写原因', 'reason');
    const rated: Visit = { ...visit, rating };
    tx.putTicket(t, { ...t, visits: t.visits.map((v) => (v.id === visit.id ? rated : v)) });
    if (isBadScore(rating.score)) {
      const review = {
        id: newId('rv'),
        ticketId: t.id,
        visitId: visit.id,
        number: t.number,
        businessDate: t.businessDate,
        departmentId: visit.departmentId,
        serviceId: visit.serviceId,
        windowId: visit.windowId,
        staffId: visit.staffId,
        score: rating.score,
        reason: rating.reason!,
        createdAt: rating.at,
        dueDate: addWorkingDays(this.config.hall, t.businessDate, this.config.reviews.deadlineWorkingDays),
        status: 'open' as const,
      };
      tx.put('reviews', review.id, review);
    }
    tx.emit({ type: 'rating-closed', windowId: visit.windowId, visitId: visit.id });
    return rated;
  }

  // ---- Windows ----------------------------------------------------------------------

  private windowState(windowId: string): WindowState {
    if (!this.working.windowConfig(windowId)) fail('UNKNOWN_WINDOW');
    return own(this.working.data.windows, windowId) ?? { windowId };
  }

  /** Where a staff member is signed in now, if anywhere (at a window the configuration still has). */
  windowOf(staffId: string, model: HallModel = this.model): WindowState | undefined {
    return Object.values(model.data.windows).find((w) => w.staffId === staffId && model.windowConfig(w.windowId));
  }

  /** The window, if this staff member is the one signed in there; the refusal otherwise. */
  private actingWindow(windowId: string, staff: StaffConfig): WindowState {
    const w = this.windowState(windowId);
    if (w.staffId === staff.id) return w;
    if (!this.windowOf(staff.id, this.working)) fail(this.signedOutByDayClose.has(staff.id) ? 'DAY_CLOSED' : 'NOT_SIGNED_IN', this.signedOutByDayClose.has(staff.id) ? undefined : '您尚未在此窗口签到');
    return fail('WRONG_WINDOW');
  }

  private attendance(tx: Tx, staff: StaffConfig, windowId: string, kind: 'sign-in' | 'sign-out' | 'pause' | 'resume', now: number, reason?: PauseReason): void {
    const id = newId('at');
    tx.put('attendance', id, { id, staffId: staff.id, windowId, kind, at: now, ...(reason ? { reason } : {}) });
  }

  signIn(windowId: string, staff: StaffConfig): Promise<WindowState> {
    return this.run((tx, now) => {
      const w = this.windowState(windowId);
      if (w.staffId === staff.id) return w;
      if (!mayWorkAt(staff, this.working.windowConfig(windowId)!)) fail('WINDOW_NOT_ALLOWED');
      if (w.staffId) fail('WINDOW_OCCUPIED');
      const elsewhere = this.windowOf(staff.id, this.working);
      if (elsewhere) fail('ALREADY_SIGNED_IN', `您已在 ${this.working.windowConfig(elsewhere.windowId)?.number} 号窗口签到，请先签退`);
      // A sign-in at a window the configuration has since dropped ends here, or the clerk could work nowhere.
      for (const stale of Object.values(this.working.data.windows)) {
        if (stale.staffId !== staff.id || this.working.windowConfig(stale.windowId)) continue;
        tx.put('windows', stale.windowId, null);
        this.attendance(tx, staff, stale.windowId, 'sign-out', now);
      }
      const next: WindowState = { windowId, staffId: staff.id, signedInAt: now };
      tx.put('windows', windowId, next);
      this.attendance(tx, staff, windowId, 'sign-in', now);
      this.signedOutByDayClose.delete(staff.id);
      tx.emit({ type: 'window', windowId });
      return next;
    });
  }

  signOut(windowId: string, staff: StaffConfig): Promise<WindowState> {
    return this.run((tx, now) => {
      const w = this.actingWindow(windowId, staff);
      if (w.currentTicketId) fail('WINDOW_BUSY');
      // Tickets sent to this window would wait for nobody: they are called before the clerk leaves.
      if (this.working.transferredTo(windowId) > 0) fail('WINDOW_HAS_TRANSFERS');
      tx.put('windows', windowId, null);
      this.attendance(tx, staff, windowId, 'sign-out', now);
      tx.emit({ type: 'window', windowId });
      return { windowId };
    });
  }

  pause(windowId: string, staff: StaffConfig, reason: PauseReason): Promise<WindowState> {
    return this.run((tx, now) => {
      const w = this.actingWindow(windowId, staff);
      if (w.currentTicketId) fail('WINDOW_BUSY');
      if (w.pause) fail('WINDOW_PAUSED');
      const next: WindowState = { ...w, pause: { reason, since: now } };
      tx.put('windows', windowId, next);
      this.attendance(tx, staff, windowId, 'pause', now, reason);
      tx.emit({ type: 'window', windowId });
      return next;
    });
  }

  resume(windowId: string, staff: StaffConfig): Promise<WindowState> {
    return this.run((tx, now) => {
      const w = this.actingWindow(windowId, staff);
      if (!w.pause) fail('NOT_PAUSED');
      const { pause: _ended, ...next } = w;
      tx.put('windows', windowId, next);
      this.attendance(tx, staff, windowId, 'resume', now);
      tx.emit({ type: 'window', windowId });
      return next;
    });
  }

  private readyToCall(windowId: string, staff: StaffConfig): WindowState {
    const w = this.actingWindow(windowId, staff);
    if (w.pause) fail('WINDOW_PAUSED');
    if (w.currentTicketId) fail('WINDOW_BUSY');
    return w;
  }

  private callTicket(tx: Tx, w: WindowState, t: Ticket, staff: StaffConfig, now: number): Ticket {
    const called = this.transition(tx, t, { type: 'call', visitId: newId('v'), windowId: w.windowId, staffId: staff.id, departmentId: this.working.departmentOf(t.serviceId) }, now);
    tx.put('windows', w.windowId, { ...w, currentTicketId: t.id });
    tx.emit({ type: 'window', windowId: w.windowId });
    return called;
  }

  callNext(windowId: string, staff: StaffConfig): Promise<Ticket | null> {
    return this.run((tx, now) => {
      const w = this.readyToCall(windowId, staff);
      const next = this.working.nextFor(windowId);
      return next ? this.callTicket(tx, w, next, staff, now) : null;
    });
  }

  /** Call a specific number; a no-show of today is put back in the queue and called at once. */
  callNumber(windowId: string, staff: StaffConfig, number: string): Promise<Ticket> {
    return this.run((tx, now) => {
      const w = this.readyToCall(windowId, staff);
      let t = this.working.ticketByNumber(number) ?? fail('TICKET_NOT_FOUND', `今天没有 ${number} 号`, 'number');
      // Every refusal before the first change: a refused command must leave nothing behind.
      if (t.status !== 'waiting' && t.status !== 'no_show') fail('INVALID_STATE', `${number} 号当前不在等候中`);
      if (!this.serves(windowId, t)) fail('NOT_FOR_THIS_WINDOW');
      if (t.status === 'no_show') t = this.transition(tx, t, { type: 'requeue', businessDate: this.working.data.meta.businessDate! }, now);
      return this.callTicket(tx, w, t, staff, now);
    });
  }

  /** Whether a window may call this ticket: one transferred to it, or one of the services it serves. */
  private serves(windowId: string, t: Ticket): boolean {
    if (t.targetWindowId) return t.targetWindowId === windowId;
    return this.working.windowConfig(windowId)?.serviceIds.includes(t.serviceId) ?? false;
  }

  /** Put a no-show of today back at the end of its queue. */
  requeue(windowId: string, staff: StaffConfig, number: string): Promise<Ticket> {
    return this.run((tx, now) => {
      this.actingWindow(windowId, staff);
      const t = this.working.ticketByNumber(number) ?? fail('TICKET_NOT_FOUND', `今天没有 ${number} 号`, 'number');
      if (!this.serves(windowId, t)) fail('NOT_FOR_THIS_WINDOW');
      return this.transition(tx, t, { type: 'requeue', businessDate: this.working.data.meta.businessDate! }, now);
    });
  }

  private currentAt(windowId: string, staff: StaffConfig): { w: WindowState; t: Ticket } {
    const w = this.actingWindow(windowId, staff);
    const t = w.currentTicketId ? own(this.working.data.tickets, w.currentTicketId) : undefined;
    if (!t) fail('NO_CURRENT_TICKET');
    return { w, t };
  }

  recall(windowId: string, staff: StaffConfig): Promise<Ticket> {
    return this.run((tx, now) => {
      const { t } = this.currentAt(windowId, staff);
      const next = this.transition(tx, t, { type: 'recall' }, now);
      tx.emit({ type: 'window', windowId });
      return next;
    });
  }

  start(windowId: string, staff: StaffConfig): Promise<Ticket> {
    return this.run((tx, now) => {
      const { t } = this.currentAt(windowId, staff);
      const next = this.transition(tx, t, { type: 'start' }, now);
      tx.emit({ type: 'window', windowId });
      return next;
    });
  }

  /** End the current visit: the ticket leaves the window, and the pad asks for a rating when it was served. */
  private endCurrent(tx: Tx, windowId: string, staff: StaffConfig, cmd: TicketCommand, now: number): Ticket {
    const { w, t } = this.currentAt(windowId, staff);
    const ending = currentVisit(t)!;
    const next = this.transition(tx, t, cmd, now);
    const { currentTicketId: _done, ...rest } = w;
    tx.put('windows', windowId, rest);
    tx.emit({ type: 'window', windowId });
    const ended = next.visits.find((v) => v.id === ending.id)!;
    if (isServed(ended.end)) tx.emit({ type: 'rating-request', request: this.ratingRequest(next, ended) });
    return next;
  }

  finish(windowId: string, staff: StaffConfig, outcome: Outcome, note?: string): Promise<Ticket> {
    return this.run((tx, now) => {
      const next = this.endCurrent(tx, windowId, staff, { type: 'finish', outcome, ...(note ? { note } : {}) }, now);
      if (outcome === 'accepted') {
        const visit = next.visits[next.visits.length - 1];
        tx.put('cases', next.id, {
          ticketId: next.id,
          visitId: visit.id,
          number: next.number,
          serviceId: visit.serviceId,
          departmentId: visit.departmentId,
          windowId,
          businessDate: next.businessDate,
          acceptedAt: now,
          acceptedBy: staff.id,
          ...(note ? { note } : {}),
        });
      }
      return next;
    });
  }

  noShow(windowId: string, staff: StaffConfig): Promise<Ticket> {
    return this.run((tx, now) => this.endCurrent(tx, windowId, staff, { type: 'no-show' }, now));
  }

  transfer(windowId: string, staff: StaffConfig, to: TransferTarget): Promise<Ticket> {
    return this.run((tx, now) => {
      if ('serviceId' in to && !this.working.service(to.serviceId)) fail('UNKNOWN_SERVICE', undefined, 'serviceId');
      if ('windowId' in to && !this.working.windowConfig(to.windowId)) fail('UNKNOWN_WINDOW', undefined, 'windowId');
      // A ticket sent to a window nobody staffs would wait for nobody, and show in no queue.
      if ('windowId' in to && to.windowId !== windowId && !own(this.working.data.windows, to.windowId)?.staffId) fail('WINDOW_CLOSED', undefined, 'windowId');
      return this.endCurrent(tx, windowId, staff, { type: 'transfer', to }, now);
    });
  }

  ratingRequest(t: Ticket, v: Visit): RatingRequest {
    const staff = this.working.staff(v.staffId);
    return {
      windowId: v.windowId,
      visitId: v.id,
      number: t.number,
      outcome: v.end === 'transferred' ? 'transferred' : (v.end as Outcome),
      ...(staff ? { staff: { name: staff.name, staffNo: staff.staffNo } } : {}),
      at: v.endedAt ?? 0,
    };
  }

  /** The rating a window's pad should still be asking for: its last visit, if served recently and unrated. */
  openRatingRequest(windowId: string, model: HallModel = this.model): RatingRequest | undefined {
    const last = model.lastVisitAt(windowId);
    if (!last || !isServed(last.visit.end) || last.visit.rating) return undefined;
    if (this.now() - last.visit.endedAt! > RATING_WINDOW_MS) return undefined;
    return this.ratingRequest(last.ticket, last.visit);
  }

  // ---- Cases and reviews ------------------------------------------------------------

  /** Whether a 受理 case for this ticket was already completed (today, or on a closed day). */
  async wasCaseCompleted(ticketId: string): Promise<boolean> {
    if (Object.values(this.data.caseCompletions).some((c) => c.ticketId === ticketId)) return true;
    const found = await this.findTicket(ticketId);
    return found?.ticket.visits.some((v) => v.end === 'accepted') ?? false;
  }

  async completeCase(ticketId: string, staff: StaffConfig, note?: string) {
    const pending = own(this.data.cases, ticketId);
    if (!pending && (await this.wasCaseCompleted(ticketId))) fail('CASE_ALREADY_COMPLETED');
    return this.run((tx, now) => {
      const c = own(this.working.data.cases, ticketId) ?? fail(pending ? 'CASE_ALREADY_COMPLETED' : 'CASE_NOT_FOUND');
      if (c.departmentId !== staff.departmentId) fail('FORBIDDEN', '只能办结本部门的件');
      const id = newId('cc');
      const completion = {
        id,
        ticketId: c.ticketId,
        visitId: c.visitId,
        number: c.number,
        serviceId: c.serviceId,
        departmentId: c.departmentId,
        acceptedDate: c.businessDate,
        acceptedAt: c.acceptedAt,
        completedAt: now,
        completedBy: staff.id,
        ...(note ? { note } : {}),
      };
      tx.put('cases', ticketId, null);
      tx.put('caseCompletions', id, completion);
      return completion;
    });
  }

  resolveReview(reviewId: string, staff: StaffConfig, note: string) {
    return this.run((tx, now) => {
      const r = own(this.working.data.reviews, reviewId) ?? fail('REVIEW_NOT_FOUND');
      if (r.status === 'resolved') fail('ALREADY_RESOLVED');
      const next = { ...r, status: 'resolved' as const, resolvedAt: now, resolvedBy: staff.id, note };
      tx.put('reviews', reviewId, next);
      return next;
    });
  }

  // ---- Sessions and devices ---------------------------------------------------------

  createSession(tokenHash: string, staff: StaffConfig) {
    return this.run((tx, now) => {
      const session = { tokenHash, staffId: staff.id, createdAt: now, expiresAt: now + this.config.limits.staffSessionHours * 3600_000 };
      tx.put('sessions', tokenHash, session);
      return session;
    });
  }

  endSession(tokenHash: string) {
    return this.run((tx) => {
      if (own(this.working.data.sessions, tokenHash)) tx.put('sessions', tokenHash, null);
      tx.emit({ type: 'session-ended', tokenHash });
    });
  }

  recordPrinterFault(deviceId: string, message: string, ticketNumber?: string): Promise<PrinterFault> {
    return this.run((tx, now) => {
      const fault: PrinterFault = { id: newId('pf'), deviceId, message, at: now, ...(ticketNumber ? { ticketNumber } : {}) };
      const old = Object.values(this.working.data.printerFaults).sort((a, b) => a.at - b.at);
      for (const f of old.slice(0, Math.max(0, old.length + 1 - MAX_PRINTER_FAULTS))) tx.put('printerFaults', f.id, null);
      tx.put('printerFaults', fault.id, fault);
      tx.emit({ type: 'printer-fault', fault });
      return fault;
    });
  }
}

export type { Tx };
