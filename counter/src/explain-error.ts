import { ApiError } from '../../shared/ui/api.ts';
import type { MessageKey } from './messages.ts';

export interface Explained {
  /** A plain-words explanation from the catalogue, when the code has one. */
  key?: MessageKey;
  /** The server's own human message (already Chinese). */
  detail: string;
  /** The screen may be out of date: fetch the window's true state. */
  resync: boolean;
  /** The clerk is no longer signed in at this window. */
  lostWindow: boolean;
  /** The login ended: back to the login screen. */
  expired: boolean;
}

const CONFLICTS = new Set(['INVALID_STATE', 'WINDOW_BUSY', 'NO_CURRENT_TICKET', 'WINDOW_PAUSED', 'NOT_PAUSED']);

/** Turns any failure of an action into what the clerk should read and what the screen should do. */
export function explainError(err: unknown): Explained {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected', detail: '', resync: true, lostWindow: false, expired: false };
  const base = { detail: err.message, resync: false, lostWindow: false, expired: false };
  if (err.status === 401) return { ...base, key: 'login.expired', expired: true };
  if (err.code === 'NETWORK') return { ...base, key: 'error.network', resync: true };
  if (err.code === 'NOT_SIGNED_IN' || err.code === 'WRONG_WINDOW') return { ...base, lostWindow: true };
  if (CONFLICTS.has(err.code)) return { ...base, key: `conflict.${err.code}` as MessageKey, resync: true };
  return base;
}
