import pg from 'pg';

/**
 * Which of several servers on one database serves a hall: the one holding the hall's
 * PostgreSQL advisory lock. The lock lives as long as its connection, so when the active
 * server dies (even by kill -9) the database releases it and a standby's next try takes it.
 * The active server's writes are fenced besides (PgStore's epoch): one that lost the lock
 * can never write over the one that took it.
 */
export class HallLock {
  private client?: pg.Client;
  private lostListeners: Array<(err: Error) => void> = [];
  private held = false;

  constructor(
    private readonly url: string,
    private readonly hallId: string,
  ) {}

  /** Try once; true when this server now holds the hall. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    if (!this.client) {
      const client = new pg.Client({ connectionString: this.url, keepAlive: true });
      client.on('error', (err) => this.lose(err));
      client.on('end', () => this.lose(new Error('the connection holding the hall ended')));
      await client.connect();
      this.client = client;
    }
    const { rows } = await this.client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('hall-queue/' || $1, 0)) AS ok", [this.hallId]);
    this.held = rows[0].ok;
    return this.held;
  }

  /** Keep trying every `everyMs` until the hall is ours (a standby waits here). */
  async acquire(everyMs = 1000, onWait?: (err?: unknown) => void): Promise<void> {
    for (;;) {
      try {
        if (await this.tryAcquire()) return;
        onWait?.();
      } catch (e) {
        // The database is away: try again with a fresh connection.
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
        onWait?.(e);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  /** Told once when a held lock is lost: this server must stop serving the hall. */
  onLost(listener: (err: Error) => void): void {
    this.lostListeners.push(listener);
  }

  private lose(err: Error): void {
    const wasHeld = this.held;
    this.held = false;
    this.client = undefined;
    if (wasHeld) for (const l of this.lostListeners.splice(0)) l(err);
  }

  async release(): Promise<void> {
    this.lostListeners = [];
    this.held = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
