import { apiRequest } from '../../shared/ui/api.ts';
import type { BookingInput as BookingRequest } from '../../shared/decide/appointments.ts';
import type { IssueResult } from './issue.ts';

/** What the booking page and the kiosk's 预约签到 ask of the server (SPEC §11). */

export interface Slot {
  start: number;
  end: number;
  left: number;
}

export type AppointmentStatus = 'booked' | 'checked-in' | 'cancelled' | 'no-show';

export interface BookedAppointment {
  id: string;
  code: string;
  serviceId: string;
  start: number;
  end: number;
  status: AppointmentStatus;
}

/** The booking as its holder sees it: personal data masked. */
export interface AppointmentView extends BookedAppointment {
  serviceName: string;
  serviceNameEn?: string;
  /** Masked: 张*. Gone with the rest of the personal data 30 days after the booking is over. */
  name?: string;
  /** Masked: 138****5678. */
  phone?: string;
  cancellable: boolean;
  ticket?: { id: string; number: string; statusUrl: string };
}

export interface BookingHolder {
  id: string;
  token: string;
}

/** What the citizen sends to book (the server adds the phone's key and the code's candidates). */
export type BookingInput = Pick<BookingRequest, 'serviceId' | 'start' | 'name' | 'phone' | 'idNumber'>;

/** The booking's own page from its address (`?id=…&token=…`), if the address is complete. */
export function holderFromUrl(href: string): BookingHolder | undefined {
  const params = new URL(href).searchParams;
  const id = params.get('id');
  const token = params.get('token');
  return id && token ? { id, token } : undefined;
}

const holderPath = (h: BookingHolder, action = '') => `/appointments/${encodeURIComponent(h.id)}${action}?token=${encodeURIComponent(h.token)}`;

export const appointmentsApi = {
  slots: (serviceId: string, date: string) => apiRequest<{ slots: Slot[] }>('GET', `/appointments/slots?serviceId=${encodeURIComponent(serviceId)}&date=${encodeURIComponent(date)}`),
  book: (input: BookingInput) => apiRequest<{ appointment: BookedAppointment; statusUrl: string }>('POST', '/appointments', { body: input }),
  get: (h: BookingHolder) => apiRequest<{ appointment: AppointmentView }>('GET', holderPath(h)),
  cancel: (h: BookingHolder) => apiRequest<{ appointment: AppointmentView }>('POST', holderPath(h, '/cancel'), { body: {} }),
};

/** The kiosk's 预约签到: a ticket as `POST /api/tickets` gives one, marked as an appointment's (or a late one's). */
export function checkIn(deviceKey: string, code: string): Promise<IssueResult> {
  // The server waits for the network printer (bounded by its timeout) before answering, as for a ticket.
  return apiRequest<IssueResult>('POST', '/appointments/check-in', { auth: deviceKey, body: { code }, timeoutMs: 30_000 });
}
