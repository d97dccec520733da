import type { HallView, QueueCount, ServiceView, WindowView } from '../../shared/views.ts';

/** The kiosk's picture of the hall: the last snapshot with the deltas since applied. */

export function applyCounts(hall: HallView, counts: QueueCount[]): HallView {
  const byId = new Map(counts.map((c) => [c.serviceId, c]));
  return {
    ...hall,
    services: hall.services.map((s) => {
      const c = byId.get(s.id);
      if (!c) return s;
      const { closedReason: _old, ...rest } = s;
      return { ...rest, ...c };
    }),
  };
}

export function applyWindow(hall: HallView, window: WindowView): HallView {
  return { ...hall, windows: hall.windows.map((w) => (w.id === window.id ? window : w)) };
}

/**
 * Ticketing hours change with the clock alone: the server refreshes every service's
 * `open`/`closedReason` now and then, so the hall is out of hours when every service says so.
 */
export function ticketingOpen(hall: HallView): boolean {
  if (hall.services.length === 0) return hall.ticketingOpen;
  return hall.services.some((s) => s.closedReason !== 'hours');
}

export interface DepartmentSummary {
  id: string;
  name: string;
  services: ServiceView[];
  waiting: number;
  /** At least one of its services can be chosen now. */
  open: boolean;
}

/** Departments with services at this kiosk, in the configured order. */
export function departmentSummaries(hall: HallView): DepartmentSummary[] {
  return hall.departments
    .map((d) => {
      const services = hall.services.filter((s) => s.departmentId === d.id);
      return { id: d.id, name: d.name, services, waiting: services.reduce((n, s) => n + s.waiting, 0), open: services.some((s) => s.open) };
    })
    .filter((d) => d.services.length > 0);
}
