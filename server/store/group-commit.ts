import type { Change } from '../../shared/state.ts';
import { StorageError } from './errors.ts';

/**
 * Commits answered per turn of the event loop. Each answer runs its command's apply, publish
 * and HTTP reply; a batch held behind a slow sync (hundreds of ms on this disk) had 86
 * commits answered in one 20 ms turn, and every request and timer waited behind them.
 */
export const ANSWER_SLICE = 16;

/** Resolve the batch's commits in order, ANSWER_SLICE per turn, letting I/O and timers in between. */
async function answerInSlices(batch: Array<{ resolve: () => void }>): Promise<void> {
  for (let i = 0; i < batch.length; i += ANSWER_SLICE) {
    if (i > 0) await new Promise((r) => setImmediate(r));
    for (const p of batch.slice(i, i + ANSWER_SLICE)) p.resolve();
  }
}

/**
 * The commit queue both stores share. Commits are written in the order they were called;
 * those that arrive while a write is in flight go together in the next one (group commit),
 * so the cost of an fsync or a transaction is shared under load. A batch's answers (each
 * command's apply, publish and reply) go out while the next batch is written, in commit
 * order. A caller of `exclusive` (a checkpoint, a day close) goes before the batches still
 * queued, so a hall that never stops committing does not hold it off. When a write fails,
 * its commits and every one queued behind it are refused (they were decided on top of
 * it), and so is every later one until `recover()`.
 */
export class GroupCommit {
  private queue: Array<{ changes: Change[]; resolve: () => void; reject: (e: unknown) => void }> = [];
  private writing = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  /** Callers of `exclusive` waiting for the write in flight: the drain stops for them. */
  private exclusiveWaiting = 0;
  failure?: StorageError;

  /**
   * `write` makes one batch durable; `written` is told once it is, before any commit of it
   * answers (the store takes the changes into its account of what is durable there);
   * `answered` once each batch is answered (a store may then want a checkpoint).
   */
  constructor(
    private readonly write: (batch: Change[][]) => Promise<void>,
    private readonly written: (batch: Change[][]) => void,
    private readonly answered: () => void = () => undefined,
  ) {}

  commit(changes: Change[]): Promise<void> {
    // Even an empty commit reports a failed store: what is in memory may not be stored.
    if (this.failure) return Promise.reject(this.failure);
    if (changes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ changes, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** Run `fn` with the store to itself: no commit is being written, later ones wait. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.exclusiveWaiting++;
    try {
      while (this.writing) await this.idle;
    } finally {
      this.exclusiveWaiting--;
    }
    this.hold();
    try {
      return await fn();
    } finally {
      this.release();
      if (this.queue.length > 0 && !this.failure) void this.drain();
    }
  }

  /** Wait until no write is in flight. */
  async settled(): Promise<void> {
    while (this.writing) await this.idle;
  }

  private hold(): void {
    this.writing = true;
    this.idle = new Promise((r) => (this.markIdle = r));
  }

  private release(): void {
    this.writing = false;
    this.markIdle();
  }

  private mayWrite(): boolean {
    return this.queue.length > 0 && !this.failure && this.exclusiveWaiting === 0;
  }

  private async drain(): Promise<void> {
    this.hold();
    // The answers of the batch written last: they go out while the next batch is written.
    let answering: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        if (!this.mayWrite()) {
          // Commits made as the last answers go out are written next.
          await answering;
          if (!this.mayWrite()) break;
        }
        const batch = this.queue.splice(0);
        const changes = batch.map((p) => p.changes);
        try {
          await this.write(changes);
        } catch (e) {
          // The batch before is durable: its answers go out first.
          await answering;
          this.failure = e instanceof StorageError ? e : new StorageError(e);
          for (const p of [...batch, ...this.queue.splice(0)]) p.reject(this.failure);
          break;
        }
        this.written(changes);
        // At most one batch waits for its answers while the next is written.
        await answering;
        answering = answerInSlices(batch).then(() => this.answered());
      }
    } finally {
      this.release();
    }
  }
}
