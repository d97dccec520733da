import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { compactDate } from '../shared/time.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** `20261126-xxxxxxxxxx`: the business date is part of the id so an archived ticket can be found. */
export function newTicketId(businessDate: string): string {
  return `${compactDate(businessDate)}-${randomId(10)}`;
}

export function newId(prefix: string): string {
  return `${prefix}-${randomId(12)}`;
}

/** A bearer secret: 128 bits or more, URL-safe. */
export function newSecret(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compare secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A ticket's holder token: an HMAC of its id, so it can be checked without finding the ticket. */
export function ticketToken(key: string, ticketId: string): string {
  return createHmac('sha256', key).update(ticketId).digest('base64url').slice(0, 24);
}
