import type { DepartmentConfig, HallConfig, ServiceConfig, StaffConfig, WindowConfig } from './config-schema.ts';
/** Domain records, named after the glossary in SPEC §2. Times are epoch milliseconds. */

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
export const OUTCOMES = ['completed', 'accepted', 'consulted', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** How a visit ended. `day_closed` is a visit still open at the end of the business date. */
export type VisitEnd = Outcome | 'transferred' | 'no_show' | 'day_closed';
export type CancelReason = 'citizen' | 'day-closed';

export interface Rating {
  score: 1 | 2 | 3 | 4 | 5;
  reason?: string;
  at: number;
  source: 'phone' | 'window-pad';
}

/**
 * A rating given on the phone after the visit's day closed (within `ratings.phoneDays`):
 * the closed day stays as it was archived; this record joins it in reports and on the page.
 */
export interface LateRating {
  visitId: string;
  ticketId: string;
  businessDate: string;
  number: string;
  windowId: string;
  staffId: string;
  serviceId: string;
  departmentId: string;
  rating: Rating;
}

/** One stay of a ticket at a window: starts with a call, ends with finish, transfer or no-show. */
export interface Visit {
  id: string;
  windowId: string;
  staffId: string;
  serviceId: string;
  departmentId: string;
  calledAt: number;
  callCount: number;
  lastCalledAt: number;
  startedAt?: number;
  endedAt?: number;
  end?: VisitEnd;
  note?: string;
  rating?: Rating;
}

export interface Ticket {
  /** `YYYYMMDD-` + random: the business date is readable from the id, so old tickets can be found. */
  id: string;
  /** Secret of the ticket holder (the QR code carries it). */
  token: string;
  number: string;
  prefix: string;
  seq: number;
  businessDate: string;
  serviceId: string;
  issuedServiceId: string;
  priority: boolean;
  status: TicketStatus;
  issuedAt: number;
  /** Issue, transfer or requeue time: the queue order within a class. */
  enqueuedAt: number;
  /** Set when transferred to a specific window: only that window calls it, before anyone else. */
  targetWindowId?: string;
  kioskId: string;
  /** The kiosk's id for the tap that issued it: a retried request gets this ticket back, not a new one. */
  requestId?: string;
  firstCalledAt?: number;
  cancelledAt?: number;
  cancelReason?: CancelReason;
  /** Checked in for its booking in time: called after transfers and before priority once its slot has begun. */
  appointment?: { id: string; start: number };
  /** Checked in after its booking's lateness allowance: an ordinary walk-in ticket. */
  appointmentLate?: boolean;
  visits: Visit[];
}

/**
 * A booking (预约) of a slot of a service (SPEC §11). The person's name, phone and ID number
 * are kept while it is open and 30 days after, then dropped; `phoneKey` (a keyed hash)
 * stays, so repeated no-shows can still block the number.
 */
export interface Appointment {
  id: string;
  /** Six digits the citizen types at the kiosk; unique among the day's open bookings. */
  code: string;
  token: string;
  serviceId: string;
  date: string;
  start: number;
  end: number;
  status: 'booked' | 'checked-in' | 'cancelled';
  person?: { name: string; phone: string; idNumber?: string };
  phoneKey: string;
  createdAt: number;
  checkedInAt?: number;
  /** Checked in after `lateMinutes`: served as a walk-in. */
  late?: boolean;
  ticketId?: string;
  ticketNumber?: string;
  /** When its ticket was first called (the wait after the slot's start). */
  calledAt?: number;
  cancelledAt?: number;
}

export interface Pause {
  reason: PauseReason;
  since: number;
}
export const PAUSE_REASONS = ['break', 'leave', 'meeting', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** The live state of one window: who is signed in, paused, serving which ticket. */
export interface WindowState {
  windowId: string;
  staffId?: string;
  signedInAt?: number;
  pause?: Pause;
  currentTicketId?: string;
}

export type AttendanceKind = 'sign-in' | 'sign-out' | 'pause' | 'resume';
export interface AttendanceEvent {
  id: string;
  staffId: string;
  windowId: string;
  kind: AttendanceKind;
  reason?: PauseReason;
  at: number;
}

/** A 受理 case waiting to be completed (办结) by its department. */
export interface Case {
  ticketId: string;
  visitId: string;
  number: string;
  serviceId: string;
  departmentId: string;
  windowId: string;
  businessDate: string;
  acceptedAt: number;
  acceptedBy: string;
  note?: string;
}

export interface CaseCompletion {
  id: string;
  ticketId: string;
  visitId: string;
  number: string;
  serviceId: string;
  departmentId: string;
  acceptedDate: string;
  acceptedAt: number;
  completedAt: number;
  completedBy: string;
  note?: string;
}

export interface Review {
  id: string;
  ticketId: string;
  visitId: string;
  number: string;
  businessDate: string;
  departmentId: string;
  serviceId: string;
  windowId: string;
  staffId: string;
  score: 1 | 2;
  reason: string;
  /** Where the rating was given (older reviews: unknown, taken as the phone). */
  channel?: Rating['source'];
  createdAt: number;
  /** Last business date on which resolving is on time. */
  dueDate: string;
  status: 'open' | 'resolved';
  /** When the last step closed it (or the one-step resolve), and by whom. */
  resolvedAt?: number;
  resolvedBy?: string;
  note?: string;
  /** The follow-up so far, in order (SPEC §10): 核实 → 整改 → 反馈 → 回访. */
  steps?: ReviewStep[];
}

export const REVIEW_STEPS = ['verify', 'rectify', 'reply', 'revisit'] as const;
export type ReviewStepKind = (typeof REVIEW_STEPS)[number];

/**
 * One step of a bad review's follow-up, by a manager: 核实 verify (the complaint valid or
 * not), 整改 rectify, 反馈 reply (the text the citizen reads on the ticket's phone page),
 * 回访 revisit (the citizen satisfied or not), which closes the review.
 */
export interface ReviewStep {
  kind: ReviewStepKind;
  at: number;
  by: string;
  note: string;
  /** verify: whether the complaint holds (an unfounded one needs no 整改). */
  valid?: boolean;
  /** revisit: whether the citizen is satisfied with the follow-up. */
  satisfied?: boolean;
}

export interface StaffSession {
  tokenHash: string;
  staffId: string;
  createdAt: number;
  expiresAt: number;
}

export interface PrinterFault {
  id: string;
  deviceId: string;
  ticketNumber?: string;
  message: string;
  at: number;
}

/**
 * The hall's configuration as the store keeps it (SPEC §13): one record, `hall`, versioned.
 * Seeded from the hall file into an empty store; changed by managers, an import, or a
 * changed hall file at start, each as one commit.
 */
export interface StoredConfig {
  id: 'hall';
  version: number;
  config: HallConfig;
  /** What was removed, as it last was: history keeps naming a removed window by its number and name. */
  retired: RetiredConfig;
  /** The hall file it was last seeded or imported from (a hash): a different file is imported at start. */
  fileHash?: string;
  /** Staff added in the manager view whose first password is still to be set: they cannot log in yet. */
  withoutPassword?: string[];
  changedAt: number;
}

export interface RetiredConfig {
  departments: DepartmentConfig[];
  services: ServiceConfig[];
  windows: WindowConfig[];
  /** Without their password hashes. */
  staff: Array<Omit<StaffConfig, 'passwordHash'>>;
}

/**
 * What the province's 好差评 platform receives (SPEC §10): one rating, or one step of a bad
 * review's follow-up. Nothing about the rater: the visit, the service, the clerk.
 */
export interface RatingExport {
  id: string;
  kind: 'rating' | 'review';
  hallId: string;
  regionCode: string;
  /** The ticket's business date and number: 20261126-A001. */
  caseNo: string;
  visitId: string;
  serviceCode?: string;
  departmentCode?: string;
  staffNo?: string;
  channel: 'window-pad' | 'phone';
  score: number;
  level: string;
  reason?: string;
  /** ISO 8601 with the hall's offset. */
  ratedAt: string;
  review?: { id: string; step: ReviewStepKind; at: string; note: string; valid?: boolean; satisfied?: boolean };
}

/** An export waiting in the durable outbox: put there in the commit of its rating or step, removed once delivered. */
export interface OutboxEntry {
  id: string;
  createdAt: number;
  payload: RatingExport;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  lastAttemptAt?: number;
}

/** Who changed the configuration, when, and what (`changes` in words, one line each). */
export interface ConfigAudit {
  id: string;
  at: number;
  version: number;
  source: 'file' | 'manager' | 'import';
  staffId?: string;
  staffName?: string;
  changes: string[];
}

export const LEAVE_KINDS = ['personal', 'sick', 'annual', 'business'] as const;
/** 事假, 病假, 年休假, 公差. */
export type LeaveKind = (typeof LEAVE_KINDS)[number];

/** A clerk's request for leave (请假) on some dates, decided by a manager (SPEC §12). */
export interface LeaveRequest {
  id: string;
  staffId: string;
  kind: LeaveKind;
  dates: string[];
  note?: string;
  status: 'pending' | 'approved' | 'refused' | 'cancelled';
  requestedAt: number;
  decidedAt?: number;
  decidedBy?: string;
  decisionNote?: string;
}
