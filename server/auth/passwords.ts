import { randomBytes, scrypt as scryptCb, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';

/** Staff passwords: "scrypt$N$r$p$salt$hash" (base64), the format config/ stores. */

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

/**
 * scrypt runs on libuv's thread pool, which the embedded store's journal writes share, and
 * each hash holds a thread and a CPU for about 50 ms. Sixty clerks logging in at opening (or
 * a password guesser) filled all four threads: a 234-byte journal write, and every command
 * behind it, waited 2.5 s. So hashes take turns, leaving threads to the disk and a CPU to
 * the event loop; a login waits a little longer instead.
 */
const POOL_THREADS = Number(process.env.UV_THREADPOOL_SIZE) || 4;
const hashing = pLimit(Math.max(1, Math.min(POOL_THREADS - 2, availableParallelism() - 1)));

/**
 * Logins waiting for their turn beyond this are refused at once: a flood from many
 * addresses (each under its per-minute limit) would otherwise queue without end, every
 * clerk's login behind it. 120 is every clerk of a 60-window hall twice over: 3–6 s of
 * hashing, two at a time or (on a two-core PC) one.
 */
export const MAX_WAITING_LOGINS = 120;

/** Whether a password check now would wait behind MAX_WAITING_LOGINS others. */
export const passwordChecksFull = (): boolean => hashing.pendingCount >= MAX_WAITING_LOGINS;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return hashing(() => new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64');
  try {
    const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * Number(n) * Number(r) });
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    // Parameters scrypt refuses: the config check should have caught them; no login, no crash.
    return false;
  }
}
