import type { BookingFigures } from '../../../shared/reports/appointments.ts';
import type { HourRow } from '../../../shared/reports/hourly.ts';
import type { AttendanceReport } from '../../../shared/reports/attendance.ts';
import type { NetworkSummary } from '../../../shared/reports/network.ts';
import type { ReviewFigures } from '../../../shared/reports/reviews.ts';
import type { SummaryReport } from '../../../shared/reports/summary.ts';
import type { PrinterFault, Review, ReviewStepKind } from '../../../shared/types.ts';
import { ApiError, apiRequest } from '../../../shared/ui/api.ts';
import type { HallView } from '../../../shared/views.ts';
import type { Period } from './period.ts';
import type { LeaveRequest } from '../leave-api.ts';

/** The bulletin as GET /api/reports/bulletin?format=json sends it (shared/reports/bulletin.ts). */
export interface Bulletin {
  title: string;
  period: Period;
  sections: Array<{ heading: string; paragraphs: string[] }>;
  attachments: string[];
}

/** What the manager view reads from the server (shapes of server/http/routes/dashboard, reports, reviews). */

export interface Dashboard {
  now: number;
  businessDate: string;
  hall: HallView;
  queues: Array<{ serviceId: string; waiting: number; longestWaitSeconds: number }>;
  today: {
    issued: number;
    calls: number;
    served: number;
    noShows: number;
    serviceLevel: number;
    satisfactionRate: number;
    ratings: number;
    averageWaitSeconds: number;
  };
  printerFaults: Array<PrinterFault & { deviceName?: string }>;
  openReviews: number;
  overdueReviews: number;
  pendingCases: number;
}

export interface ReviewView extends Review {
  overdue: boolean;
  /** The step the follow-up waits for; null once closed. */
  nextStep: ReviewStepKind | null;
}

/** One step of the follow-up as the manager submits it (POST /api/reviews/:id/steps). */
export type ReviewStepInput =
  | { step: 'verify'; note: string; valid: boolean }
  | { step: 'rectify' | 'reply'; note: string }
  | { step: 'revisit'; note: string; satisfied: boolean };

/** The hall's summary as the server sends it: the period's bad reviews and their follow-up ride along. */
export type HallSummary = SummaryReport & { reviews?: ReviewFigures; appointments?: { services: BookingFigures[]; total: BookingFigures } };

/** Whoever a review names (the clerk, the managers who took its steps), from the hall's configuration. */
export interface StaffName {
  id: string;
  name: string;
  staffNo: string;
  departmentId?: string;
}

export type ReviewFilter = 'open' | 'resolved' | 'all';
export type ReportKind = 'summary' | 'attendance';
export type FileFormat = 'xlsx' | 'csv';

const query = (p: Period) => `from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

export function managerApi(token: string) {
  const get = <T>(path: string) => apiRequest<T>('GET', path, { auth: token, timeoutMs: 60_000 });
  return {
    dashboard: () => get<Dashboard>('/manager/dashboard'),
    hourly: (date: string) => get<{ date: string; hours: HourRow[] }>(`/reports/hourly?date=${encodeURIComponent(date)}`),
    summary: (p: Period) => get<HallSummary>(`/reports/summary?${query(p)}`),
    /** Every hall of the database (network managers; refused with NETWORK_NEEDS_DATABASE on the embedded store). */
    networkSummary: (p: Period) => get<NetworkSummary>(`/reports/summary?${query(p)}&scope=network`),
    attendance: (p: Period) => get<AttendanceReport>(`/reports/attendance?${query(p)}`),
    reviews: (status: ReviewFilter) => get<{ reviews: ReviewView[] }>(`/reviews?status=${status}`),
    reviewStep: (id: string, input: ReviewStepInput) => apiRequest<{ review: ReviewView }>('POST', `/reviews/${encodeURIComponent(id)}/steps`, { auth: token, body: input }),
    appointments: (date: string) => get<{ date: string; appointments: ManagerAppointment[] }>(`/appointments?date=${encodeURIComponent(date)}`),
    outbox: () => get<OutboxStatus>('/admin/outbox'),
    retryOutbox: () => apiRequest<{ due: number }>('POST', '/admin/outbox/retry', { auth: token }),
    /** Every staff member's name and number (the configuration a manager may read; secrets left out). */
    /** 通报 (SPEC §12): the period's bulletin as its structure, for the preview. */
    bulletin: (p: Period) => get<{ bulletin: Bulletin }>(`/reports/bulletin?${query(p)}&format=json`).then((r) => r.bulletin),
    /** 请假: a manager sees every clerk's requests, pending or decided. */
    leave: (status: 'pending' | 'decided' | 'all') => get<{ leave: LeaveRequest[] }>(`/leave?status=${status}`).then((r) => r.leave),
    decideLeave: (id: string, approve: boolean, note?: string) =>
      apiRequest<{ leave: LeaveRequest }>('POST', `/leave/${encodeURIComponent(id)}/decide`, { auth: token, body: note ? { approve, note } : { approve } }).then((r) => r.leave),
    staff: async (): Promise<StaffName[]> => (await get<{ config: { staff: StaffName[] } }>('/admin/config')).config.staff.map(({ id, name, staffNo, departmentId }) => ({ id, name, staffNo, departmentId })),
  };
}

export type ManagerApi = ReturnType<typeof managerApi>;

/** One booking of a day as a manager sees it (GET /api/appointments): name and phone masked. */
export interface ManagerAppointment {
  id: string;
  code: string;
  serviceId: string;
  start: number;
  end: number;
  status: 'booked' | 'checked-in' | 'cancelled' | 'no-show';
  /** Gone with the rest of the personal data 30 days after the booking is over. */
  name?: string;
  phone?: string;
  checkedInAt?: number;
  /** Checked in after the allowance: queued as a walk-in. */
  late?: boolean;
  ticketNumber?: string;
}

/** The ratings on their way to the province's 好差评 platform (GET /api/admin/outbox). */
export interface OutboxStatus {
  configured: boolean;
  backlog: number;
  oldestAt?: number;
  failing: number;
  lastDeliveredAt?: number;
  lastError?: { at: number; id: string; message: string };
  entries: Array<{ id: string; kind: 'rating' | 'review'; caseNo: string; createdAt: number; attempts: number; lastError?: string; nextAttemptAt: number }>;
}

/** The name the server gave the file (RFC 5987 `filename*` first), else ours. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (disposition) {
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim());
      } catch {
        // fall through to the plain name
      }
    }
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    if (plain) return plain[1];
  }
  return fallback;
}

const FALLBACK_NAMES: Record<ReportKind, string> = { summary: '服务统计', attendance: '考勤' };

/**
 * A report file needs the bearer header, so it cannot be a plain link: fetch it, then hand
 * the bytes to the browser as a download.
 */
export function downloadReport(token: string, kind: ReportKind, period: Period, format: FileFormat, scope: 'hall' | 'network' = 'hall'): Promise<string> {
  return downloadFile(token, `/api/reports/${kind}?${query(period)}&format=${format}${scope === 'network' ? '&scope=network' : ''}`, `${FALLBACK_NAMES[kind]}_${period.from}_${period.to}.${format}`);
}

/** The period's bulletin as a Word file. */
export function downloadBulletin(token: string, period: Period): Promise<string> {
  return downloadFile(token, `/api/reports/bulletin?${query(period)}&format=docx`, `运行情况通报_${period.from}_${period.to}.docx`);
}

async function downloadFile(token: string, path: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接中断，请稍后重试');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; field?: string } } | undefined;
    throw new ApiError(res.status, (body?.error?.code as ApiError['code']) ?? 'INTERNAL', body?.error?.message ?? `HTTP ${res.status}`, body?.error?.field);
  }
  const name = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download; free it once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
