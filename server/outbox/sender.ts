import { delivered, failedAttempt } from '../../shared/decide/outbox.ts';
import type { HallConfig } from '../../shared/config-schema.ts';
import type { OutboxEntry } from '../../shared/types.ts';
import type { ErrorSink, HallEngine } from '../hall/engine.ts';

type Target = NonNullable<HallConfig['ratingsExport']>;

/** How often the outbox is looked at while it holds anything (a due time may come from another clock). */
const POLL_MS = 500;
/** Sent one after another, this many per look: the platform is one server, not a crowd. */
const BATCH = 50;

/**
 * Full-jitter exponential backoff on the durable attempt count: the pause after the nth
 * failure is random in [0, min(max, base·2ⁿ)], so a platform that comes back is not hit by
 * every hall at once, and a restart keeps the schedule.
 */
export function retryDelayMs(target: Pick<Target, 'retryBaseSeconds' | 'retryMaxSeconds'>, attempts: number, random = Math.random): number {
  const ceiling = Math.min(target.retryMaxSeconds, target.retryBaseSeconds * 2 ** Math.min(attempts, 30)) * 1000;
  return Math.max(50, Math.round(ceiling * random()));
}

export interface SenderStatus {
  lastDeliveredAt?: number;
  lastError?: { at: number; id: string; message: string };
}

/**
 * Delivers the outbox to the province's 好差评 platform (SPEC §10): POST of each export with
 * `Idempotency-Key: <id>` and the API key, in the order they were made, until a 2xx; each
 * outcome is a commit (delivered: removed; failed: its next attempt). Delivered twice at
 * worst, after a crash between the answer and the commit — the key makes that harmless.
 */
export class OutboxSender {
  readonly status: SenderStatus = {};
  private running = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: HallEngine,
    private readonly onError: ErrorSink,
    private readonly post: typeof fetch = fetch,
  ) {
    this.unsubscribe = engine.onEvents((events) => {
      if (events.some((e) => e.type === 'outbox')) this.kick();
    });
    this.kick();
  }

  /** Look now (a new export, a manager's 重试). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    this.running = true;
    clearTimeout(this.timer);
    try {
      do {
        this.again = false;
        const target = this.engine.config.ratingsExport;
        if (!target) return;
        const now = this.engine.now();
        const due = Object.values(this.engine.data.outbox)
          .filter((e) => e.nextAttemptAt <= now)
          .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
          .slice(0, BATCH);
        for (const entry of due) {
          if (this.stopped) return;
          await this.deliver(entry, target);
        }
        if (due.length === BATCH) this.again = true;
      } while (this.again && !this.stopped);
    } catch (e) {
      // A commit refused (the store is down): the entries stay, and are tried again later.
      this.onError(e, 'delivering the ratings outbox');
    } finally {
      this.running = false;
      if (!this.stopped && Object.keys(this.engine.data.outbox).length > 0) this.timer = setTimeout(() => this.kick(), POLL_MS);
    }
  }

  private async deliver(entry: OutboxEntry, target: Target): Promise<void> {
    let error: string;
    try {
      const res = await this.post(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': entry.id, authorization: `Bearer ${target.apiKey}` },
        body: JSON.stringify(entry.payload),
        signal: AbortSignal.timeout(target.timeoutSeconds * 1000),
      });
      if (res.ok) {
        await res.body?.cancel();
        await this.engine.run((d) => delivered(d, entry.id));
        this.status.lastDeliveredAt = this.engine.now();
        return;
      }
      error = `HTTP ${res.status} ${(await res.text().catch(() => '')).slice(0, 200)}`.trim();
    } catch (e) {
      const err = e as Error;
      error = err.name === 'TimeoutError' ? `无应答（${target.timeoutSeconds} 秒超时）` : `连接失败：${(err.cause as Error | undefined)?.message ?? err.message}`;
    }
    const at = this.engine.now();
    this.status.lastError = { at, id: entry.id, message: error };
    await this.engine.run((d) => failedAttempt(d, entry.id, error, at + retryDelayMs(target, entry.attempts), entry.nextAttemptAt));
  }
}
