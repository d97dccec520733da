import pg from 'pg';
import { type DayFigures, toFigures } from '../../../shared/reports/day-figures.ts';
import { type DayFacts, toFacts } from '../../../shared/reports/facts.ts';
import type { ReportDay } from '../../../shared/reports/summary.ts';
import { applyChange, type Change, type CollectionName, COLLECTIONS, copyHallData, type DayArchive, type DayClose, emptyHallData, type HallData, startDay } from '../../../shared/state.ts';
import type { AttendanceEvent, CaseCompletion, StoredConfig, Ticket, Visit } from '../../../shared/types.ts';
import { StorageError, StoreOpenError } from '../errors.ts';
import { decodedOrNull, decodeFacts, decodeFigures, encodeFacts, encodeFigures } from '../report-codecs.ts';
import { GroupCommit } from '../group-commit.ts';
import type { HallNetwork, Store } from '../store.ts';
import type { HallConfig } from '../../../shared/config-schema.ts';
import { periodDays } from '../batches.ts';
import { datesBetween } from '../../../shared/time.ts';
import { migrate } from './schema.ts';
import { fromRow, TABLES, tableOf, TICKETS, type Table, toRow, upsertSql, VISITS } from './tables.ts';

/**
 * The hall in PostgreSQL (`DATABASE_URL`): one database, many halls, every row keyed by
 * `hall_id`. A commit is one transaction (commits that arrive while one is running go
 * together in the next, as the embedded store's group commit does). Closed days stay in
 * the same tables, found by their business date; `closed_days` marks them closed and
 * keeps their report figures.
 *
 * Each server that opens a hall takes it over: it raises the hall's `epoch`, and every
 * transaction checks the epoch is still its own, so a server that another has taken the
 * hall from can never write again (the standby's fence).
 */

export interface PgStoreOptions {
  url: string;
  hallId: string;
  /** Kept in the database (without passwords or keys) so network reports can name this hall's things. */
  config?: HallConfig;
  /** Connections for reads (reports, closed days); the writer has its own. */
  poolSize?: number;
}

/** Dates as the text they are ('2026-11-26'), bigints as numbers: what the domain uses. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1082) return (v: string) => v;
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A connection string without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

export class PgStore implements Store {
  private readonly pool: pg.Pool;
  private writer?: pg.Client;
  private state: HallData = emptyHallData();
  private epoch = 0;
  private readonly commits = new GroupCommit(
    (batch) => this.transaction((db) => this.write(db, batch.flat(), this.state.meta.businessDate)),
    (batch) => {
      for (const changes of batch) for (const c of changes) applyChange(this.state, c);
    },
  );

  constructor(private readonly options: PgStoreOptions) {
    this.pool = new pg.Pool({ connectionString: options.url, types, max: options.poolSize ?? 4 });
    // An idle connection that drops is replaced on the next query; it must not stop the process.
    this.pool.on('error', () => undefined);
  }

  get hallId(): string {
    return this.options.hallId;
  }

  // ---- Live state ---------------------------------------------------------------------

  async open(): Promise<HallData> {
    try {
      this.writer = await this.connect();
      await migrate(this.writer);
      await this.writer.query('INSERT INTO halls (hall_id) VALUES ($1) ON CONFLICT (hall_id) DO NOTHING', [this.hallId]);
      const { rows } = await this.writer.query<{ epoch: number }>('UPDATE halls SET epoch = epoch + 1, active_since = now() WHERE hall_id = $1 RETURNING epoch', [this.hallId]);
      this.epoch = Number(rows[0].epoch);
      this.state = await this.load(this.writer);
      // Other halls' managers read this hall's configuration as it is now: the stored one once seeded.
      const config = this.state.config.hall?.config ?? this.options.config;
      if (config) await this.publishConfig(this.writer, config);
    } catch (e) {
      if (e instanceof StoreOpenError) throw e;
      throw new StoreOpenError(`${safeUrl(this.options.url)}: ${(e as Error).message}`);
    }
    this.commits.failure = undefined;
    return copyHallData(this.state);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.url, types });
    // A connection lost between queries: the next query on it fails, and that is handled there.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** The hall's live day and cross-day records, as committed. */
  private async load(db: pg.ClientBase): Promise<HallData> {
    const data = emptyHallData();
    const hall = (await db.query<{ business_date: string | null; token_key: string | null }>('SELECT business_date, token_key FROM halls WHERE hall_id = $1', [this.hallId])).rows[0];
    if (hall?.business_date) data.meta.businessDate = hall.business_date;
    if (hall?.token_key) data.meta.tokenKey = hall.token_key;
    for (const r of (await db.query<{ prefix: string; seq: number }>('SELECT prefix, seq FROM counters WHERE hall_id = $1', [this.hallId])).rows) data.counters[r.prefix] = r.seq;
    for (const c of ['windows', 'cases', 'reviews', 'sessions', 'printerFaults', 'config', 'configAudit', 'outbox', 'lateRatings', 'appointments', 'leave'] as const) {
      const t = tableOf(c);
      for (const row of (await db.query(`SELECT * FROM ${t.name} WHERE hall_id = $1`, [this.hallId])).rows) {
        const rec = fromRow<Record<string, unknown>>(t, row);
        (data[c] as Record<string, unknown>)[String(row[t.key[0]])] = rec;
      }
    }
    if (data.meta.businessDate) {
      const day = await this.readDay(db, data.meta.businessDate);
      for (const t of day.tickets) data.tickets[t.id] = t;
      for (const a of day.attendance) data.attendance[a.id] = a;
      for (const c of day.caseCompletions) data.caseCompletions[c.id] = c;
    }
    return data;
  }

  /** One business date's tickets (with their visits), attendance and case completions. */
  private async readDay(db: pg.ClientBase | pg.Pool, date: string, hallId = this.hallId): Promise<Pick<DayArchive, 'tickets' | 'attendance' | 'caseCompletions'>> {
    const args = [hallId, date];
    const tickets = (await db.query(`SELECT * FROM tickets WHERE hall_id = $1 AND business_date = $2 ORDER BY stored_order`, args)).rows.map((r) => ({ ...fromRow<Ticket>(TICKETS, r), visits: [] as Visit[] }));
    const byId = new Map(tickets.map((t) => [t.id, t]));
    for (const r of (await db.query(`SELECT * FROM visits WHERE hall_id = $1 AND business_date = $2 ORDER BY ticket_id, ord`, args)).rows) {
      const { ticketId: _t, ord: _o, businessDate: _d, ...visit } = fromRow<Visit & { ticketId: string; ord: number; businessDate: string }>(VISITS, r);
      byId.get(String(r.ticket_id))?.visits.push(visit);
    }
    const attendance = (await db.query(`SELECT * FROM attendance WHERE hall_id = $1 AND business_date = $2 ORDER BY stored_order`, args)).rows.map((r) => fromRow<AttendanceEvent>(TABLES.attendance, r));
    const caseCompletions = (await db.query(`SELECT * FROM case_completions WHERE hall_id = $1 AND business_date = $2 ORDER BY stored_order`, args)).rows.map((r) =>
      fromRow<CaseCompletion>(TABLES.caseCompletions, r),
    );
    return { tickets, attendance, caseCompletions };
  }

  commit(changes: Change[]): Promise<void> {
    return this.commits.commit(changes);
  }

  /** BEGIN, check the hall is still this server's, run `fn`, COMMIT. */
  private async transaction(fn: (db: pg.Client) => Promise<void>): Promise<void> {
    const db = this.writer;
    if (!db) throw new StorageError(new Error('not connected'));
    await db.query('BEGIN');
    try {
      const fence = await db.query('UPDATE halls SET epoch = epoch WHERE hall_id = $1 AND epoch = $2', [this.hallId, this.epoch]);
      if (fence.rowCount !== 1) throw new StorageError(new Error('另一台服务器已接管本大厅 / another server has taken over this hall'));
      await fn(db);
      await db.query('COMMIT');
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /**
   * The changes as statements: each record's last change in the list wins (a record put
   * and then removed in one batch is removed), one upsert and one delete per table.
   */
  private async write(db: pg.ClientBase, changes: Change[], liveDate: string | undefined): Promise<void> {
    const last = new Map<string, Change>();
    const meta: Partial<HallData['meta']> = {};
    for (const c of changes) {
      if (c.c === 'meta') meta[c.id] = c.v;
      else last.set(`${c.c}\u0000${c.id}`, c);
    }
    if (meta.businessDate !== undefined) await db.query('UPDATE halls SET business_date = $2 WHERE hall_id = $1', [this.hallId, meta.businessDate]);
    if (meta.tokenKey !== undefined) await db.query('UPDATE halls SET token_key = $2 WHERE hall_id = $1', [this.hallId, meta.tokenKey]);
    const byCollection = new Map<CollectionName, { put: Change[]; removed: string[] }>();
    for (const c of last.values()) {
      if (c.c === 'meta') continue;
      const entry = byCollection.get(c.c) ?? { put: [], removed: [] };
      if (c.v === null) entry.removed.push(c.id);
      else entry.put.push(c);
      byCollection.set(c.c, entry);
    }
    for (const c of COLLECTIONS) {
      const entry = byCollection.get(c);
      if (!entry) continue;
      if (c === 'counters') await this.writeCounters(db, entry.put, entry.removed);
      else if (c === 'tickets') await this.writeTickets(db, entry.put as Array<Extract<Change, { c: 'tickets' }>>, entry.removed);
      else await this.writeRecords(db, tableOf(c), entry.put.map((p) => p.v as object), entry.removed, liveDate);
    }
    const config = byCollection.get('config')?.put.find((p) => p.id === 'hall')?.v as StoredConfig | undefined;
    if (config) await this.publishConfig(db, config.config);
  }

  /** The hall's name and configuration, without secrets, for network reports. */
  private async publishConfig(db: pg.ClientBase, config: HallConfig): Promise<void> {
    await db.query('UPDATE halls SET name = $2, config = $3 WHERE hall_id = $1', [this.hallId, config.hall.name, JSON.stringify(publicConfig(config))]);
  }

  private async writeCounters(db: pg.ClientBase, put: Change[], removed: string[]): Promise<void> {
    if (put.length > 0) {
      const rows = put.map((p) => ({ prefix: p.id, seq: p.v }));
      await db.query(
        `INSERT INTO counters (hall_id, prefix, seq) SELECT $1, x.prefix, x.seq FROM jsonb_to_recordset($2::jsonb) AS x(prefix text, seq integer)
         ON CONFLICT (hall_id, prefix) DO UPDATE SET seq = EXCLUDED.seq`,
        [this.hallId, JSON.stringify(rows)],
      );
    }
    if (removed.length > 0) await db.query('DELETE FROM counters WHERE hall_id = $1 AND prefix = ANY($2)', [this.hallId, removed]);
  }

  private async writeTickets(db: pg.ClientBase, changes: Array<Extract<Change, { c: 'tickets' }>>, removed: string[]): Promise<void> {
    const put = changes.map((c) => c.v as Ticket);
    if (put.length > 0) {
      await db.query(upsertSql(TICKETS), [this.hallId, JSON.stringify(put.map((t) => toRow(TICKETS, t)))]);
      const visits = put.flatMap((t) => t.visits.map((v, ord) => toRow(VISITS, { ...v, ticketId: t.id, ord, businessDate: t.businessDate })));
      if (visits.length > 0) await db.query(upsertSql(VISITS), [this.hallId, JSON.stringify(visits)]);
      // A ticket written whole (new, or its visits replaced) keeps no rows of visits it no longer has.
      const whole = changes.filter((c) => !c.patch || c.patch.set?.visits !== undefined).map((c) => ({ ticket_id: c.id, n: (c.v as Ticket).visits.length }));
      if (whole.length > 0) {
        await db.query(
          `DELETE FROM visits v USING jsonb_to_recordset($2::jsonb) AS x(ticket_id text, n integer) WHERE v.hall_id = $1 AND v.ticket_id = x.ticket_id AND v.ord >= x.n`,
          [this.hallId, JSON.stringify(whole)],
        );
      }
    }
    if (removed.length > 0) {
      await db.query('DELETE FROM visits WHERE hall_id = $1 AND ticket_id = ANY($2)', [this.hallId, removed]);
      await db.query('DELETE FROM tickets WHERE hall_id = $1 AND id = ANY($2)', [this.hallId, removed]);
    }
  }

  private async writeRecords(db: pg.ClientBase, table: Table, put: object[], removed: string[], liveDate: string | undefined): Promise<void> {
    if (put.length > 0) {
      if (table.liveDate && !liveDate) throw new StorageError(new Error(`${table.name} before the first business date`));
      const fixed = table.liveDate ? { [table.liveDate]: liveDate } : {};
      await db.query(upsertSql(table), [this.hallId, JSON.stringify(put.map((r) => toRow(table, r, fixed)))]);
    }
    if (removed.length > 0) await db.query(`DELETE FROM ${table.name} WHERE hall_id = $1 AND ${table.key[0]} = ANY($2)`, [this.hallId, removed]);
  }

  /**
   * After a failed commit: a new connection, the hall still ours, and the state read back.
   * A COMMIT whose answer was lost may have happened after all, so the caller starts again
   * from what the database holds.
   */
  async recover(): Promise<HallData | void> {
    if (!this.commits.failure) return;
    try {
      await this.writer?.end().catch(() => undefined);
      this.writer = await this.connect();
      const { rows } = await this.writer.query<{ epoch: number }>('SELECT epoch FROM halls WHERE hall_id = $1', [this.hallId]);
      if (Number(rows[0]?.epoch) !== this.epoch) throw new Error('另一台服务器已接管本大厅 / another server has taken over this hall');
      this.state = await this.load(this.writer);
    } catch (e) {
      throw new StorageError(e);
    }
    this.commits.failure = undefined;
    return copyHallData(this.state);
  }

  // ---- Closed days ------------------------------------------------------------------------

  async closeDay(close: DayClose): Promise<void> {
    if (this.commits.failure) throw this.commits.failure;
    await this.commits.exclusive(async () => {
      const after = copyHallData(this.state);
      for (const c of close.changes) applyChange(after, c);
      try {
        await this.transaction(async (db) => {
          await this.write(db, close.changes, close.date);
          await db.query(
            `INSERT INTO closed_days (hall_id, business_date, closed_at, counters) VALUES ($1, $2, timestamptz 'epoch' + $3 * interval '1 millisecond', $4)
             ON CONFLICT (hall_id, business_date) DO UPDATE SET closed_at = EXCLUDED.closed_at, counters = EXCLUDED.counters, facts = NULL`,
            [this.hallId, close.date, close.closedAt, JSON.stringify({ ...after.counters })],
          );
          await db.query('DELETE FROM counters WHERE hall_id = $1', [this.hallId]);
          await db.query('UPDATE halls SET business_date = $2 WHERE hall_id = $1', [this.hallId, close.nextDate]);
        });
      } catch (e) {
        throw e instanceof StorageError ? e : new StorageError(e);
      }
      startDay(after, close.nextDate);
      this.state = after;
    });
  }

  async readClosedDay(date: string, hallId = this.hallId): Promise<DayArchive | null> {
    const closed = (await this.pool.query<{ closed_at: Date; counters: Record<string, number> }>('SELECT closed_at, counters FROM closed_days WHERE hall_id = $1 AND business_date = $2', [hallId, date])).rows[0];
    if (!closed) return null;
    const day = await this.readDay(this.pool, date, hallId);
    return { businessDate: date, closedAt: closed.closed_at.getTime(), counters: closed.counters, ...day };
  }

  async closedDayFacts(date: string, hallId = this.hallId): Promise<DayFacts | null> {
    return this.cached(date, hallId, 'facts', decodeFacts, encodeFacts, async () => {
      const day = await this.readClosedDay(date, hallId);
      return day && toFacts(day);
    });
  }

  async closedDayFigures(dates: readonly string[], hallId = this.hallId): Promise<Map<string, DayFigures>> {
    const { rows } = await this.pool.query<{ d: string; bytes: Buffer | null }>('SELECT business_date AS d, figures AS bytes FROM closed_days WHERE hall_id = $1 AND business_date = ANY($2::date[])', [hallId, dates]);
    const found = new Map<string, DayFigures>();
    for (const r of rows) {
      // Missing or older figures are rebuilt one day at a time: each holds a day's visits meanwhile.
      const f = (r.bytes && decodedOrNull(decodeFigures, r.bytes)) ?? (await this.figuresOf(r.d, hallId));
      if (f) found.set(r.d, f);
    }
    return found;
  }

  /** A closed day's figures from its cache, else built from its rows (and cached). */
  private figuresOf(date: string, hallId: string): Promise<DayFigures | null> {
    return this.cached(date, hallId, 'figures', decodeFigures, encodeFigures, async () => {
      const facts = await this.closedDayFacts(date, hallId);
      return facts && toFigures(facts);
    });
  }

  /** A closed day's cached form (a bytea of closed_days), else built from its rows and cached. */
  private async cached<T>(date: string, hallId: string, column: 'facts' | 'figures', decode: (b: Uint8Array) => T, encode: (x: T) => Buffer, build: () => Promise<T | null>): Promise<T | null> {
    const row = (await this.pool.query<{ bytes: Buffer | null }>(`SELECT ${column} AS bytes FROM closed_days WHERE hall_id = $1 AND business_date = $2`, [hallId, date])).rows[0];
    if (!row) return null;
    // Damaged or an older format: rebuilt below.
    const kept = row.bytes && decodedOrNull(decode, row.bytes);
    if (kept) return kept;
    const built = await build();
    if (built) await this.pool.query(`UPDATE closed_days SET ${column} = $3 WHERE hall_id = $1 AND business_date = $2`, [hallId, date, encode(built)]).catch(() => undefined);
    return built;
  }

  /** Every hall of this database, for network reports. */
  readonly network: HallNetwork = {
    halls: async () => {
      const { rows } = await this.pool.query<{ hall_id: string; name: string | null; config: HallConfig | null }>('SELECT hall_id, name, config FROM halls WHERE config IS NOT NULL ORDER BY hall_id');
      return rows.map((r) => ({ hallId: r.hall_id, name: r.name ?? r.hall_id, config: r.config! }));
    },
    days: (hallId, from, to) => this.networkDays(hallId, from, to),
  };

  private async *networkDays(hallId: string, from: string, to: string): AsyncGenerator<ReportDay> {
    const live = (await this.pool.query<{ d: string | null }>('SELECT business_date AS d FROM halls WHERE hall_id = $1', [hallId])).rows[0]?.d;
    const closed = new Set(
      (await this.pool.query<{ d: string }>('SELECT business_date AS d FROM closed_days WHERE hall_id = $1 AND business_date BETWEEN $2 AND $3', [hallId, from, to])).rows.map((r) => r.d),
    );
    const days = periodDays<ReportDay>(
      datesBetween(from, to).reverse(),
      live,
      closed,
      (batch) => this.closedDayFigures(batch, hallId),
      async () => toFacts({ businessDate: live!, ...(await this.readDay(this.pool, live!, hallId)) }),
    );
    for await (const [, day] of days) yield day;
  }

  async closedDays(): Promise<string[]> {
    return (await this.pool.query<{ d: string }>('SELECT business_date AS d FROM closed_days WHERE hall_id = $1 ORDER BY business_date', [this.hallId])).rows.map((r) => r.d);
  }

  async importClosedDay(archive: DayArchive): Promise<void> {
    const facts = toFacts(archive);
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      await this.writeTickets(db, archive.tickets.map((t) => ({ c: 'tickets' as const, id: t.id, v: t })), []);
      await this.writeRecords(db, TABLES.attendance, archive.attendance, [], archive.businessDate);
      await this.writeRecords(db, TABLES.caseCompletions, archive.caseCompletions, [], archive.businessDate);
      await db.query(
        `INSERT INTO closed_days (hall_id, business_date, closed_at, counters, facts, figures) VALUES ($1, $2, timestamptz 'epoch' + $3 * interval '1 millisecond', $4, $5, $6)
         ON CONFLICT (hall_id, business_date) DO UPDATE SET closed_at = EXCLUDED.closed_at, counters = EXCLUDED.counters, facts = EXCLUDED.facts, figures = EXCLUDED.figures`,
        [this.hallId, archive.businessDate, archive.closedAt, JSON.stringify(archive.counters), encodeFacts(facts), encodeFigures(toFigures(facts))],
      );
      await db.query('COMMIT');
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      db.release();
    }
  }

  // ---- The rest ----------------------------------------------------------------------------

  async close(): Promise<void> {
    await this.commits.settled();
    await this.writer?.end().catch(() => undefined);
    this.writer = undefined;
    await this.pool.end().catch(() => undefined);
  }
}


/** A configuration as other halls' managers may see it: no password hashes, no device keys. */
function publicConfig(config: HallConfig): HallConfig {
  return { ...config, staff: config.staff.map((s) => ({ ...s, passwordHash: '' })), devices: config.devices.map((d) => ({ ...d, key: '' })) };
}
