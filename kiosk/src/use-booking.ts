import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, apiRequest } from '../../shared/ui/api.ts';
import { noteServerTime, serverTime } from '../../shared/ui/server-clock.ts';
import type { HallView } from '../../shared/views.ts';
import { type AppointmentView, appointmentsApi, type BookingHolder, type Slot } from './appointments-api.ts';
import { addDays } from '../../shared/time.ts';

/** The hall as the public sees it (GET /api/hall): its name, zone, date and which services take bookings. */
export function usePublicHall(): { hall?: HallView; error?: ApiError; reload: () => void } {
  const [hall, setHall] = useState<HallView>();
  const [error, setError] = useState<ApiError>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    apiRequest<HallView>('GET', '/hall').then(
      (h) => {
        if (!live) return;
        // Days and "past" are the hall's, by the server's clock, never the phone's.
        noteServerTime(h.serverNow);
        setHall(h);
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e))),
    );
    return () => {
      live = false;
    };
  }, [nonce]);
  return { hall, error, reload: useCallback(() => setNonce((n) => n + 1), []) };
}

/** How often an open booking page looks again (a check-in at the kiosk, the slot passing). */
const REFRESH_MS = 30_000;

/** One booking, fetched with its token, looked at again now and then and whenever the page comes back into view. */
export function useBooking(holder: BookingHolder): { appointment?: AppointmentView; error?: ApiError; replace: (a: AppointmentView) => void } {
  const [appointment, setAppointment] = useState<AppointmentView>();
  const [error, setError] = useState<ApiError>();
  // A cancel's own answer must not be overwritten by an older GET landing after it.
  const seq = useRef(0);
  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const { appointment: a } = await appointmentsApi.get(holder);
      if (mine !== seq.current) return;
      setAppointment(a);
      setError(undefined);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e)));
    }
  }, [holder.id, holder.token]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => document.visibilityState === 'visible' && void load(), REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);
  const replace = useCallback((a: AppointmentView) => {
    seq.current++;
    setAppointment(a);
  }, []);
  return { appointment, error, replace };
}

export interface BookDay {
  date: string;
  slots: Slot[];
  /** Places left over the whole day. */
  left: number;
}

/**
 * The days a service can be booked on, from today to `daysAhead` days on: each date's
 * slots, and the days that have none (closed, holidays) left out.
 */
export async function loadDays(serviceId: string, today: string, daysAhead: number): Promise<BookDay[]> {
  const dates = Array.from({ length: daysAhead + 1 }, (_, i) => addDays(today, i));
  const days = await Promise.all(dates.map((date) => loadDay(serviceId, date)));
  return days.filter((d) => d.slots.length > 0);
}

/** One day's slots, without those already begun by the server's clock (they cannot be booked). */
export async function loadDay(serviceId: string, date: string): Promise<BookDay> {
  const now = serverTime();
  const slots = (await appointmentsApi.slots(serviceId, date)).slots.filter((s) => s.start > now);
  return { date, slots, left: slots.reduce((n, s) => n + Math.max(0, s.left), 0) };
}
