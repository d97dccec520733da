import type { HallView, ServiceView } from '../../shared/views.ts';

/** What the kiosk reads off the hall (kept current by shared/ui/hall-state.ts): whether it issues, and its departments. */

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
