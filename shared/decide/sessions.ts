import type { StaffConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import { own } from '../records.ts';
import type { PrinterFault, StaffSession } from '../types.ts';
import type { Draft } from './draft.ts';

/** Printer faults kept for the dashboard; the oldest go first. */
export const MAX_PRINTER_FAULTS = 200;

export function createSession(d: Draft, tokenHash: string, staff: StaffConfig): StaffSession {
  if (staff.disabled) fail('ACCOUNT_DISABLED');
  const session: StaffSession = { tokenHash, staffId: staff.id, createdAt: d.now, expiresAt: d.now + d.model.config.limits.staffSessionHours * 3600_000 };
  d.put('sessions', tokenHash, session);
  return session;
}

export function endSession(d: Draft, tokenHash: string): void {
  if (own(d.model.data.sessions, tokenHash)) d.put('sessions', tokenHash, null);
  d.emit({ type: 'session-ended', tokenHash });
}

export function recordPrinterFault(d: Draft, deviceId: string, message: string, ticketNumber?: string): PrinterFault {
  const fault: PrinterFault = { id: d.ids.id('pf'), deviceId, message, at: d.now, ...(ticketNumber ? { ticketNumber } : {}) };
  const old = Object.values(d.model.data.printerFaults).sort((a, b) => a.at - b.at);
  for (const f of old.slice(0, Math.max(0, old.length + 1 - MAX_PRINTER_FAULTS))) d.put('printerFaults', f.id, null);
  d.put('printerFaults', fault.id, fault);
  d.emit({ type: 'printer-fault', fault });
  return fault;
}
