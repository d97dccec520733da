import { type HallConfig, hallConfigSchema, type StaffConfig } from '../../shared/config-schema.ts';
import { replaceConfig, seedConfig } from '../../shared/decide/config.ts';
import { completeCase } from '../../shared/decide/cases.ts';
import { fail } from '../../shared/errors.ts';
import { closeDay } from '../../shared/decide/day-close.ts';
import { Draft, type HallEvent, type Ids } from '../../shared/decide/draft.ts';
import { openRatingRequest } from '../../shared/decide/ratings.ts';
import { signIn, windowOf } from '../../shared/decide/windows.ts';
import { HallModel } from '../../shared/hall-model.ts';
import { own } from '../../shared/records.ts';
import { type Change, copyHallData, type HallData, startDay } from '../../shared/state.ts';
import { businessDate, dateFromCompact } from '../../shared/time.ts';
import type { Ticket, WindowState } from '../../shared/types.ts';
import type { RatingRequest } from '../../shared/views.ts';
import type { Clock } from '../clock.ts';
import { newId, newSecret, newTicketId, sameSecret, ticketToken } from '../ids.ts';
import { StorageError } from '../store/errors.ts';
import type { Store } from '../store/store.ts';
import { ClosedTickets } from './closed-tickets.ts';

export type { HallEvent };

/** Told about failures that must not fail a command (a listener that threw after the commit). */
export type ErrorSink = (err: unknown, context: string) => void;

/**
 * The hall's one write path. A command is decided by pure code (shared/decide/) on the
 * working model — the committed state plus the commits still on their way to disk, so two
 * windows can never take the same ticket — and its changes are committed to the store;
 * only then are they applied to the committed model that every reader sees, and their
 * events published.
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
  /** Held while the working model is rebuilt or the business date closes; commands wait for it. */
  private barrier: Promise<void> = Promise.resolve();
  private discarding = false;
  /** Clerks whose sign-in the last day close ended: their next action is told so, not "not signed in". */
  private signedOutByDayClose = new Set<string>();
  private readonly closedTickets: ClosedTickets;

  constructor(
    /** The hall file's configuration: it seeds an empty store; a changed file is imported at start. */
    readonly fileConfig: HallConfig,
    readonly store: Store,
    readonly clock: Clock,
    private readonly onError: ErrorSink = () => undefined,
    /** Identifies the hall file's content (a hash of its text), to tell a changed file at start. */
    private readonly fileHash = '',
  ) {
    this.closedTickets = new ClosedTickets(store);
  }

  /** The configuration in force: the store's (SPEC §13), changed live by managers. */
  get config(): HallConfig {
    return this.model.config;
  }

  /** Load the store, take the hall file's configuration where it is new, and close any business date that ended while the server was down. */
  async open(): Promise<void> {
    this.model = new HallModel(this.fileConfig, this.withConfigDefaults(await this.store.open()));
    this.resetWorking();
    if (!this.data.meta.tokenKey) await this.commitDirect([{ c: 'meta', id: 'tokenKey', v: newSecret(32) }]);
    try {
      await this.ensureBusinessDate();
      await this.takeHallFile();
    } catch (e) {
      // A full disk must not stop the hall from starting: the next command tries the day close again.
      if (!(e instanceof StorageError)) throw e;
    }
  }

  /**
   * An empty store is seeded from the hall file; a hall file changed since it was last taken
   * is imported — whatever it removed, as the server must start and stored data keeps
   * rendering. An unchanged file leaves the managers' live changes alone.
   */
  private async takeHallFile(): Promise<void> {
    const stored = this.model.storedConfig;
    if (!stored) await this.run((d) => seedConfig(d, this.fileConfig, this.fileHash));
    else if (stored.fileHash !== this.fileHash) await this.run((d) => replaceConfig(d, { next: this.fileConfig, source: 'file', fileHash: this.fileHash, lenient: true }));
  }

  /**
   * A configuration stored by an older version gets the defaults this version adds (in memory:
   * the next change stores them). One it no longer accepts is logged and still used.
   */
  private withConfigDefaults(data: HallData): HallData {
    const stored = own(data.config, 'hall');
    if (!stored) return data;
    const parsed = hallConfigSchema.safeParse(stored.config);
    if (parsed.success) data.config.hall = { ...stored, config: parsed.data };
    else this.onError(parsed.error, 'the stored configuration does not pass this version\'s checks; it is used as it is');
    return data;
  }

  /** The working model back to exactly what is committed (records are shared, never changed in place). */
  private resetWorking(): void {
    this.working = new HallModel(this.fileConfig, copyHallData(this.model.data));
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

  private ids(): Ids {
    const key = this.working.data.meta.tokenKey!;
    return { id: newId, ticketId: newTicketId, ticketToken: (id) => ticketToken(key, id) };
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
   * Run one command: decide it on the working model, commit its changes durably, then apply
   * them to the committed model and publish its events. A refusal leaves nothing behind.
   */
  async run<R>(decide: (d: Draft) => R): Promise<R> {
    await this.barrier;
    if (this.storeDown) await this.recoverStore();
    // One reading of the clock for the check and the command: read at 23:59:59.999 for the
    // check and again a moment later for the command, a ticket was issued on the closing
    // day's numbers with a time of the next, and the close then cancelled it. From the last
    // reading until the command counts itself in flight (a close waits for those), nothing
    // waits, so no close can come between.
    let now = this.now();
    while (this.hasPassed(now)) {
      await this.ensureBusinessDate();
      now = this.now();
    }
    const d = new Draft(this.working, now, this.ids(), this.signedOutByDayClose);
    let result: R;
    try {
      result = decide(d);
    } catch (e) {
      // A refusal is raised before any change; a command that failed half-way is forgotten.
      if (d.changes.length > 0) this.discardWorking();
      throw e;
    }
    if (d.changes.length === 0) return result;
    this.inFlight++;
    try {
      await this.store.commit(d.changes);
    } catch (e) {
      this.discardWorking();
      throw e;
    } finally {
      if (--this.inFlight === 0) for (const done of this.settled.splice(0)) done();
    }
    for (const change of d.changes) this.model.apply(change);
    this.publish(d.events);
    return result;
  }

  /** Commit outside any command (at start, when nothing else runs) and apply to both models. */
  private async commitDirect(changes: Change[]): Promise<void> {
    await this.store.commit(changes);
    for (const c of changes) {
      this.model.apply(c);
      this.working.apply(c);
    }
  }

  private async whenIdle(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((r) => this.settled.push(r));
  }

  /**
   * After a failed commit: the store refuses whatever was queued behind it, and once every
   * command in flight has answered, the working model starts again from what is committed.
   * Nothing is read back from the store; nothing readers saw has to be undone.
   */
  private discardWorking(): void {
    if (this.discarding) return;
    this.discarding = true;
    const idle = this.whenIdle();
    this.barrier = this.barrier
      .then(() => idle)
      .then(() => {
        this.resetWorking();
        return this.recoverStore();
      })
      .catch((e) => this.onError(e, 'recovering after a failed commit'))
      .finally(() => {
        this.discarding = false;
      });
  }

  /** Whether the store refused a commit and has not recovered yet (a full disk, a lost database). */
  get storeDown(): boolean {
    return this.storeFailed;
  }

  private storeFailed = false;

  /**
   * Ask the store to accept commits again; until it does, every command is answered 503
   * without being decided. The next command tries again, so the hall recovers by itself.
   */
  private async recoverStore(): Promise<void> {
    let stored: HallData | void;
    try {
      stored = await this.store.recover();
    } catch (e) {
      this.storeFailed = true;
      throw e instanceof StorageError ? e : new StorageError(e);
    }
    this.storeFailed = false;
    if (stored) {
      // What the store holds may be ahead of what we saw: start again from it, screens too.
      this.model = new HallModel(this.fileConfig, this.withConfigDefaults(stored));
      this.resetWorking();
      this.publish([{ type: 'resync', reason: 'reloaded' }]);
    }
  }

  /** Whether `now` is past the model's business date (a clock gone back keeps the later date). */
  private hasPassed(now: number): boolean {
    const current = this.data.meta.businessDate;
    return current === undefined || businessDate(now, this.config.hall.timezone) > current;
  }

  /** Close the business date when the clock has passed it (called before every command and by a timer). */
  async ensureBusinessDate(): Promise<void> {
    const now = this.now();
    if (!this.hasPassed(now)) return;
    const today = businessDate(now, this.config.hall.timezone);
    const closing = this.barrier.then(() => this.closeDay(today));
    this.barrier = closing.catch(() => undefined);
    await closing;
  }

  /** The day closes on exactly what was committed, as one step of the store. */
  private async closeDay(today: string): Promise<void> {
    await this.whenIdle();
    const closingDate = this.data.meta.businessDate;
    if (closingDate === today) return;
    if (closingDate === undefined) {
      await this.commitDirect([{ c: 'meta', id: 'businessDate', v: today }]);
      return;
    }
    const d = new Draft(this.working, this.now(), this.ids());
    const signedOut = closeDay(d);
    try {
      await this.store.closeDay({ date: closingDate, nextDate: today, closedAt: d.now, changes: d.changes });
    } catch (e) {
      this.resetWorking();
      throw e;
    }
    for (const change of d.changes) this.model.apply(change);
    startDay(this.model.data, today);
    this.model.rebuild();
    this.resetWorking();
    this.signedOutByDayClose = signedOut;
    this.publish([...d.events, { type: 'resync', reason: 'day-closed' }]);
  }

  // ---- Reads beyond the live day -------------------------------------------------------

  /** Today's ticket by id, or a past day's from the store (read-only). */
  async findTicket(id: string): Promise<{ ticket: Ticket; live: boolean } | undefined> {
    const live = own(this.data.tickets, id);
    if (live) return { ticket: live, live: true };
    const date = dateFromCompact(id.split('-')[0] ?? '');
    if (!date || date >= (this.data.meta.businessDate ?? '')) return undefined;
    const ticket = await this.closedTickets.find(date, id);
    return ticket ? { ticket, live: false } : undefined;
  }

  /**
   * The ticket of a holder who shows its token. The token is an HMAC of the id, so a wrong
   * one is refused before any closed day is read; a wrong token and an unknown id look alike.
   */
  async findHeldTicket(id: string, token: string): Promise<{ ticket: Ticket; live: boolean } | undefined> {
    if (sameSecret(ticketToken(this.data.meta.tokenKey!, id), token)) return this.findTicket(id);
    // Tickets issued before tokens were derived carry a random one; only today's are still asked for.
    const live = own(this.data.tickets, id);
    return live && sameSecret(live.token, token) ? { ticket: live, live: true } : undefined;
  }

  /** Where a staff member is signed in now, if anywhere. */
  windowOf(staffId: string): WindowState | undefined {
    return windowOf(this.model, staffId);
  }

  /** The rating a window's pad should still be asking for. */
  openRatingRequest(windowId: string): RatingRequest | undefined {
    return openRatingRequest(this.model, windowId, this.now());
  }

  // ---- Commands that need more than a decision ------------------------------------------

  async signIn(windowId: string, staff: StaffConfig): Promise<WindowState> {
    const w = await this.run((d) => signIn(d, windowId, staff));
    this.signedOutByDayClose.delete(staff.id);
    return w;
  }

  /** Whether a 受理 case for this ticket was already completed (today, or on a closed day). */
  private async wasCaseCompleted(ticketId: string): Promise<boolean> {
    if (Object.values(this.data.caseCompletions).some((c) => c.ticketId === ticketId)) return true;
    const found = await this.findTicket(ticketId);
    return found?.ticket.visits.some((v) => v.end === 'accepted') ?? false;
  }

  async completeCase(ticketId: string, staff: StaffConfig, note?: string) {
    const pending = own(this.data.cases, ticketId) !== undefined;
    if (!pending && (await this.wasCaseCompleted(ticketId))) fail('CASE_ALREADY_COMPLETED');
    // Pending before, gone now: another clerk completed it meanwhile.
    return this.run((d) => completeCase(d, ticketId, staff, note, pending));
  }
}
