import { z } from 'zod';
import { isBusinessDate } from '../../shared/time.ts';

/**
 * The shapes of ids and dates that come in from outside (path params, query, bodies,
 * socket handshakes). Checked before any lookup, so a lookup never sees a prototype name,
 * a megabyte of text or a date past the year 2999.
 */

/** Ids from the hall file: windows, services, departments, staff, devices. */
export const configId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of 1–64 letters, digits, "-" or "_"');

/** `20261126-` and ten characters of the id alphabet (server/ids.ts). */
export const ticketId = z.string().regex(/^\d{8}-[0-9a-z]{10}$/, 'is not a ticket id');

/** New visits have `v-` ids; visits from before carry their ticket id and a number. */
export const visitId = z.string().regex(/^(v-[0-9a-z]{12}|\d{8}-[0-9a-z]{10}-\d{1,4})$/, 'is not a visit id');

export const recordId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}-[0-9a-z]{12}$`), 'is not a known id');

export const ticketToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a ticket token');

export const businessDateParam = z.string().refine(isBusinessDate, 'must be a real date "YYYY-MM-DD" (years 1970–2999)');
