import type { CollectionName } from '../../../shared/state.ts';

/**
 * How each record maps onto a table row: the fields that reports and queries read get
 * real columns (BI tools and SQL see tickets, visits, ratings, attendance, reviews as
 * they are); whatever a record carries beyond them goes to `extra` (jsonb), so a record
 * always comes back exactly as it went in. Every row has `hall_id`: one database, many halls.
 */

export type Kind = 'text' | 'int' | 'bool' | 'ms' | 'date';

/** [field path in the record ("pause.reason" for nested), column, kind] */
export type Column = readonly [string, string, Kind];

export interface Table {
  name: string;
  /** Key columns after hall_id. */
  key: readonly string[];
  columns: readonly Column[];
  /** A column the store fills (the business date a live record belongs to), not the record. */
  liveDate?: string;
}

const SQL_TYPE: Record<Kind, string> = { text: 'text', int: 'integer', bool: 'boolean', ms: 'timestamptz', date: 'date' };
/** How a value travels in the JSON of a bulk statement, before it is turned into its column type. */
const JSON_TYPE: Record<Kind, string> = { text: 'text', int: 'integer', bool: 'boolean', ms: 'bigint', date: 'date' };

export const TICKETS: Table = {
  name: 'tickets',
  key: ['id'],
  columns: [
    ['id', 'id', 'text'],
    ['businessDate', 'business_date', 'date'],
    ['number', 'number', 'text'],
    ['prefix', 'prefix', 'text'],
    ['seq', 'seq', 'int'],
    ['serviceId', 'service_id', 'text'],
    ['issuedServiceId', 'issued_service_id', 'text'],
    ['priority', 'priority', 'bool'],
    ['status', 'status', 'text'],
    ['issuedAt', 'issued_at', 'ms'],
    ['enqueuedAt', 'enqueued_at', 'ms'],
    ['targetWindowId', 'target_window_id', 'text'],
    ['kioskId', 'kiosk_id', 'text'],
    ['requestId', 'request_id', 'text'],
    ['firstCalledAt', 'first_called_at', 'ms'],
    ['cancelledAt', 'cancelled_at', 'ms'],
    ['cancelReason', 'cancel_reason', 'text'],
    ['token', 'token', 'text'],
  ],
};

/** A ticket's visits, one row each, in order (`ord`); the ticket row holds no visits. */
export const VISITS: Table = {
  name: 'visits',
  key: ['ticket_id', 'ord'],
  columns: [
    ['ticketId', 'ticket_id', 'text'],
    ['ord', 'ord', 'int'],
    ['businessDate', 'business_date', 'date'],
    ['id', 'id', 'text'],
    ['windowId', 'window_id', 'text'],
    ['staffId', 'staff_id', 'text'],
    ['serviceId', 'service_id', 'text'],
    ['departmentId', 'department_id', 'text'],
    ['calledAt', 'called_at', 'ms'],
    ['callCount', 'call_count', 'int'],
    ['lastCalledAt', 'last_called_at', 'ms'],
    ['startedAt', 'started_at', 'ms'],
    ['endedAt', 'ended_at', 'ms'],
    ['end', 'end_kind', 'text'],
    ['note', 'note', 'text'],
    ['rating.score', 'rating_score', 'int'],
    ['rating.reason', 'rating_reason', 'text'],
    ['rating.at', 'rating_at', 'ms'],
    ['rating.source', 'rating_source', 'text'],
  ],
};

export const TABLES: Record<Exclude<CollectionName, 'tickets' | 'config' | 'configAudit' | 'outbox' | 'lateRatings' | 'appointments' | 'leave'>, Table> = {
  counters: { name: 'counters', key: ['prefix'], columns: [] /* a number, not a record: see pg-store */ },
  windows: {
    name: 'windows',
    key: ['window_id'],
    columns: [
      ['windowId', 'window_id', 'text'],
      ['staffId', 'staff_id', 'text'],
      ['signedInAt', 'signed_in_at', 'ms'],
      ['pause.reason', 'pause_reason', 'text'],
      ['pause.since', 'pause_since', 'ms'],
      ['currentTicketId', 'current_ticket_id', 'text'],
    ],
  },
  attendance: {
    name: 'attendance',
    key: ['id'],
    liveDate: 'business_date',
    columns: [
      ['id', 'id', 'text'],
      ['staffId', 'staff_id', 'text'],
      ['windowId', 'window_id', 'text'],
      ['kind', 'kind', 'text'],
      ['reason', 'reason', 'text'],
      ['at', 'at', 'ms'],
    ],
  },
  caseCompletions: {
    name: 'case_completions',
    key: ['id'],
    liveDate: 'business_date',
    columns: [
      ['id', 'id', 'text'],
      ['ticketId', 'ticket_id', 'text'],
      ['visitId', 'visit_id', 'text'],
      ['number', 'number', 'text'],
      ['serviceId', 'service_id', 'text'],
      ['departmentId', 'department_id', 'text'],
      ['acceptedDate', 'accepted_date', 'date'],
      ['acceptedAt', 'accepted_at', 'ms'],
      ['completedAt', 'completed_at', 'ms'],
      ['completedBy', 'completed_by', 'text'],
      ['note', 'note', 'text'],
    ],
  },
  cases: {
    name: 'cases',
    key: ['ticket_id'],
    columns: [
      ['ticketId', 'ticket_id', 'text'],
      ['visitId', 'visit_id', 'text'],
      ['number', 'number', 'text'],
      ['serviceId', 'service_id', 'text'],
      ['departmentId', 'department_id', 'text'],
      ['windowId', 'window_id', 'text'],
      ['businessDate', 'business_date', 'date'],
      ['acceptedAt', 'accepted_at', 'ms'],
      ['acceptedBy', 'accepted_by', 'text'],
      ['note', 'note', 'text'],
    ],
  },
  reviews: {
    name: 'reviews',
    key: ['id'],
    columns: [
      ['id', 'id', 'text'],
      ['ticketId', 'ticket_id', 'text'],
      ['visitId', 'visit_id', 'text'],
      ['number', 'number', 'text'],
      ['businessDate', 'business_date', 'date'],
      ['departmentId', 'department_id', 'text'],
      ['serviceId', 'service_id', 'text'],
      ['windowId', 'window_id', 'text'],
      ['staffId', 'staff_id', 'text'],
      ['score', 'score', 'int'],
      ['reason', 'reason', 'text'],
      ['createdAt', 'created_at', 'ms'],
      ['dueDate', 'due_date', 'date'],
      ['status', 'status', 'text'],
      ['resolvedAt', 'resolved_at', 'ms'],
      ['resolvedBy', 'resolved_by', 'text'],
      ['note', 'note', 'text'],
    ],
  },
  sessions: {
    name: 'sessions',
    key: ['token_hash'],
    columns: [
      ['tokenHash', 'token_hash', 'text'],
      ['staffId', 'staff_id', 'text'],
      ['createdAt', 'created_at', 'ms'],
      ['expiresAt', 'expires_at', 'ms'],
    ],
  },
  printerFaults: {
    name: 'printer_faults',
    key: ['id'],
    columns: [
      ['id', 'id', 'text'],
      ['deviceId', 'device_id', 'text'],
      ['message', 'message', 'text'],
      ['at', 'at', 'ms'],
      ['ticketNumber', 'ticket_number', 'text'],
    ],
  },
};

/** The configuration and its audit trail: the record in `extra` (jsonb), what SQL asks about in columns. */
export const CONFIG_TABLES = {
  config: {
    name: 'hall_config',
    key: ['id'],
    columns: [
      ['id', 'id', 'text'],
      ['version', 'version', 'int'],
      ['changedAt', 'changed_at', 'ms'],
    ],
  },
  configAudit: {
    name: 'config_audit',
    key: ['id'],
    columns: [
      ['id', 'id', 'text'],
      ['at', 'at', 'ms'],
      ['version', 'version', 'int'],
      ['source', 'source', 'text'],
      ['staffId', 'staff_id', 'text'],
    ],
  },
  outbox: {
    name: 'outbox',
    key: ['id'],
    columns: [
      ['id', 'id', 'text'],
      ['createdAt', 'created_at', 'ms'],
      ['attempts', 'attempts', 'int'],
      ['nextAttemptAt', 'next_attempt_at', 'ms'],
      ['lastError', 'last_error', 'text'],
      ['lastAttemptAt', 'last_attempt_at', 'ms'],
    ],
  },
  lateRatings: {
    name: 'late_ratings',
    key: ['visit_id'],
    columns: [
      ['visitId', 'visit_id', 'text'],
      ['ticketId', 'ticket_id', 'text'],
      ['businessDate', 'business_date', 'date'],
      ['number', 'number', 'text'],
      ['windowId', 'window_id', 'text'],
      ['staffId', 'staff_id', 'text'],
      ['serviceId', 'service_id', 'text'],
      ['departmentId', 'department_id', 'text'],
      ['rating.score', 'rating_score', 'int'],
      ['rating.reason', 'rating_reason', 'text'],
      ['rating.at', 'rating_at', 'ms'],
      ['rating.source', 'rating_source', 'text'],
    ],
  },
  appointments: {
    name: 'appointments',
    key: ['id'],
    columns: [
      ['id', 'id', 'text'],
      ['code', 'code', 'text'],
      ['serviceId', 'service_id', 'text'],
      ['date', 'business_date', 'date'],
      ['start', 'slot_start', 'ms'],
      ['end', 'slot_end', 'ms'],
      ['status', 'status', 'text'],
      ['phoneKey', 'phone_key', 'text'],
      ['createdAt', 'created_at', 'ms'],
      ['checkedInAt', 'checked_in_at', 'ms'],
      ['late', 'late', 'bool'],
      ['ticketId', 'ticket_id', 'text'],
      ['calledAt', 'called_at', 'ms'],
      ['cancelledAt', 'cancelled_at', 'ms'],
    ],
  },
  leave: {
    name: 'leave_requests',
    key: ['id'],
    columns: [
      ['id', 'id', 'text'],
      ['staffId', 'staff_id', 'text'],
      ['kind', 'kind', 'text'],
      ['status', 'status', 'text'],
      ['requestedAt', 'requested_at', 'ms'],
      ['decidedAt', 'decided_at', 'ms'],
      ['decidedBy', 'decided_by', 'text'],
    ],
  },
} as const satisfies Record<'config' | 'configAudit' | 'outbox' | 'lateRatings' | 'appointments' | 'leave', Table>;

export function tableOf(c: CollectionName): Table {
  return c === 'tickets' ? TICKETS : c === 'config' || c === 'configAudit' || c === 'outbox' || c === 'lateRatings' || c === 'appointments' || c === 'leave' ? CONFIG_TABLES[c] : TABLES[c];
}

// ---- Records to rows and back -------------------------------------------------------------

function getPath(record: Record<string, unknown>, path: string): unknown {
  let v: unknown = record;
  for (const p of path.split('.')) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[p];
  return v;
}

function setPath(record: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = record;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]] = value;
}

/** The row of a record as JSON for jsonb_to_recordset: mapped fields by column, the rest in `extra`. */
export function toRow(table: Table, record: object, fixed: Record<string, unknown> = {}): Record<string, unknown> {
  const rec = record as Record<string, unknown>;
  const row: Record<string, unknown> = { ...fixed };
  const mappedTop = new Set<string>();
  for (const [path, column] of table.columns) {
    mappedTop.add(path.split('.')[0]);
    if (column in fixed) continue;
    const v = getPath(rec, path);
    if (v !== undefined) row[column] = v;
  }
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined || (table === TICKETS && k === 'visits')) continue;
    if (!mappedTop.has(k)) extra[k] = v;
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      // A nested object with fields no column takes: those go to extra as they are.
      const unmapped = Object.keys(v).filter((sub) => !table.columns.some(([p]) => p === `${k}.${sub}`));
      if (unmapped.length > 0) extra[k] = v;
    }
  }
  if (Object.keys(extra).length > 0) row.extra = extra;
  return row;
}

/** A record from its row (as node-postgres returns it, dates as text, times as Date). */
export function fromRow<T>(table: Table, row: Record<string, unknown>): T {
  const rec: Record<string, unknown> = {};
  for (const [path, column, kind] of table.columns) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    setPath(rec, path, kind === 'ms' ? (v instanceof Date ? v.getTime() : Number(v)) : kind === 'int' ? Number(v) : v);
  }
  const extra = row.extra as Record<string, unknown> | null | undefined;
  if (extra) for (const [k, v] of Object.entries(extra)) rec[k] = v;
  return rec as T;
}

// ---- Statements -------------------------------------------------------------------------

function columnValue(column: string, kind: Kind): string {
  // Times travel as epoch milliseconds and become timestamptz exactly (integer arithmetic, no float).
  return kind === 'ms' ? `CASE WHEN x.${column} IS NULL THEN NULL ELSE timestamptz 'epoch' + x.${column} * interval '1 millisecond' END` : `x.${column}`;
}

/** One statement that upserts every row in $2 (a JSON array) for hall $1. */
export function upsertSql(table: Table): string {
  const cols: Array<[string, Kind]> = table.columns.map(([, c, k]) => [c, k]);
  if (table.liveDate) cols.push([table.liveDate, 'date']);
  const names = ['hall_id', ...cols.map(([c]) => c), 'extra'];
  const recordset = [...cols.map(([c, k]) => `${c} ${JSON_TYPE[k]}`), 'extra jsonb'].join(', ');
  const values = ['$1', ...cols.map(([c, k]) => columnValue(c, k)), 'x.extra'].join(', ');
  const updates = names.filter((n) => n !== 'hall_id' && !table.key.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
  return `INSERT INTO ${table.name} (${names.join(', ')}) SELECT ${values} FROM jsonb_to_recordset($2::jsonb) AS x(${recordset})
    ON CONFLICT (hall_id, ${table.key.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
}

export function createTableSql(table: Table): string {
  const cols = table.columns.map(([, c, k]) => `${c} ${SQL_TYPE[k]}`);
  if (table.liveDate) cols.push(`${table.liveDate} date NOT NULL`);
  return `CREATE TABLE ${table.name} (hall_id text NOT NULL, ${cols.join(', ')}, extra jsonb, PRIMARY KEY (hall_id, ${table.key.join(', ')}))`;
}
