import { type FieldChanges, patchRecord } from '../../shared/changes.ts';
import { own } from '../../shared/records.ts';
import { type Change, COLLECTIONS, type CollectionName, type HallData } from '../../shared/state.ts';
import { dateFromCompact } from '../../shared/time.ts';
import type { Ticket } from '../../shared/types.ts';
import { ticketToken } from '../ids.ts';

/**
 * One journal line: a commit's changes, or the close of a business date with its last
 * changes. Encoded small, since a busy day writes one line per command:
 *
 *   {"ch":[op,...]}                    op: ["+", c, id, record]   inserted or replaced
 *   {"close":{date,nextDate,closedAt},          ["-", c, id]           removed
 *    "ch":[op,...]}                        ["~", c, id, set, unset?]  fields changed
 *                                          ["m", key, value]      meta
 *
 * with `c` a collection's short name, and a new ticket's fields that follow from others
 * (its token, prefix, business date, …) left out and derived again on replay.
 * Older lines, {"g":N,"ch":[{c,id,v}|{c,id,s,u}]}, are still read.
 */
export interface JournalLine {
  close?: { date: string; nextDate: string; closedAt: number };
  changes: Change[];
}

const SHORT: Record<CollectionName, string> = {
  counters: 'n',
  tickets: 't',
  windows: 'w',
  attendance: 'a',
  caseCompletions: 'cc',
  cases: 'cs',
  reviews: 'r',
  sessions: 's',
  printerFaults: 'pf',
  config: 'cf',
  configAudit: 'ca',
  outbox: 'ob',
  lateRatings: 'lr',
  appointments: 'ap',
  leave: 'lv',
};
const LONG = new Map(Object.entries(SHORT).map(([long, short]) => [short, long as CollectionName]));

type Op = ['+', string, string, object | number] | ['-', string, string] | ['~', string, string, FieldChanges['set'], FieldChanges['unset']?] | ['m', string, string];

export function encodeLine(line: JournalLine, data?: HallData): string {
  const ops = line.changes.map((c) => encodeChange(c, data));
  return `${JSON.stringify(line.close ? { close: line.close, ch: ops } : { ch: ops })}\n`;
}

function encodeChange(change: Change, data?: HallData): Op {
  if (change.c === 'meta') return ['m', change.id, change.v];
  const c = SHORT[change.c];
  if (change.v === null) return ['-', c, change.id];
  if (change.patch) return change.patch.unset ? ['~', c, change.id, change.patch.set ?? {}, change.patch.unset] : ['~', c, change.id, change.patch.set ?? {}];
  const v = change.c === 'tickets' && !change.patch ? compactTicket(change.v as Ticket, data) : change.v;
  return ['+', c, change.id, v as object];
}

/**
 * Parse a line, resolving updates against `data` as it stands before this line; undefined
 * for an older line of a generation before `fromGeneration` (already checkpointed).
 */
export function decodeLine(data: HallData, text: string, fromGeneration = 0): JournalLine | undefined {
  const parsed = JSON.parse(text) as { close?: JournalLine['close']; ch?: unknown[]; g?: number };
  if (!Array.isArray(parsed.ch)) throw new Error('not a journal line');
  if (typeof parsed.g === 'number' && parsed.g < fromGeneration) return undefined;
  // Within a line a change may update a record an earlier change of the same line inserted.
  const changes: Change[] = [];
  const pending = new Map<string, object | null>();
  const current = (c: CollectionName, id: string) => {
    const key = `${c}\u0000${id}`;
    return pending.has(key) ? pending.get(key) : own(data[c] as Record<string, object>, id);
  };
  for (const raw of parsed.ch) {
    const change = Array.isArray(raw) ? decodeOp(raw as Op, data, current) : decodeOlder(raw as OlderChange, current);
    if (change.c !== 'meta') pending.set(`${change.c}\u0000${change.id}`, change.v as object | null);
    changes.push(change);
  }
  return { ...(parsed.close ? { close: parsed.close } : {}), changes };
}

function collection(short: string): CollectionName {
  const c = LONG.get(short);
  if (!c) throw new Error(`unknown collection "${short}"`);
  return c;
}

function decodeOp(op: Op, data: HallData, current: (c: CollectionName, id: string) => object | null | undefined): Change {
  switch (op[0]) {
    case 'm':
      if (op[1] !== 'businessDate' && op[1] !== 'tokenKey') throw new Error(`unknown meta "${op[1]}"`);
      return { c: 'meta', id: op[1], v: op[2] };
    case '+': {
      const c = collection(op[1]);
      const v = c === 'tickets' ? expandTicket(op[3] as Partial<Ticket>, op[2], data) : op[3];
      return { c, id: op[2], v } as Change;
    }
    case '-':
      return { c: collection(op[1]), id: op[2], v: null } as Change;
    case '~': {
      const c = collection(op[1]);
      const before = current(c, op[2]);
      if (!before) throw new Error(`update of ${c} "${op[2]}", which is not there`);
      return { c, id: op[2], v: patchRecord(before, { set: op[3], ...(op[4] ? { unset: op[4] } : {}) }) } as Change;
    }
    default:
      throw new Error(`unknown operation "${String((op as unknown[])[0])}"`);
  }
}

type OlderChange = { c: CollectionName | 'meta'; id: string; v?: unknown; s?: FieldChanges['set']; u?: FieldChanges['unset'] };

function decodeOlder(entry: OlderChange, current: (c: CollectionName, id: string) => object | null | undefined): Change {
  if ('v' in entry) return entry as Change;
  if (entry.c === 'meta' || !COLLECTIONS.includes(entry.c)) throw new Error(`unknown collection "${String(entry.c)}"`);
  const before = current(entry.c, entry.id);
  if (!before) throw new Error(`update of ${entry.c} "${entry.id}", which is not there`);
  return { c: entry.c, id: entry.id, v: patchRecord(before, { ...(entry.s ? { set: entry.s } : {}), ...(entry.u ? { unset: entry.u } : {}) }) } as Change;
}

// ---- A new ticket without what follows from the rest ------------------------------------

const padded = (seq: number) => String(seq).padStart(3, '0');

/**
 * A new ticket as the journal keeps it: each field left out only when replay derives it
 * exactly — the token from the hall's key, the date from the id, the prefix from the
 * number, and the fields a new ticket always has.
 */
function compactTicket(t: Ticket, data?: HallData): Partial<Ticket> {
  const out: Partial<Ticket> = { ...t };
  delete out.id;
  const key = data?.meta.tokenKey;
  if (key && t.token === ticketToken(key, t.id)) delete out.token;
  if (dateFromCompact(t.id.slice(0, 8)) === t.businessDate) delete out.businessDate;
  if (t.number === `${t.prefix}${padded(t.seq)}`) delete out.prefix;
  if (t.issuedServiceId === t.serviceId) delete out.issuedServiceId;
  if (t.enqueuedAt === t.issuedAt) delete out.enqueuedAt;
  if (t.priority === false) delete out.priority;
  if (t.status === 'waiting') delete out.status;
  if (t.visits.length === 0) delete out.visits;
  return out;
}

function expandTicket(c: Partial<Ticket>, id: string, data: HallData): Ticket {
  const t = { ...c, id } as Ticket;
  if (t.token === undefined) {
    if (!data.meta.tokenKey) throw new Error(`ticket "${id}" without its token, and no key to derive it`);
    t.token = ticketToken(data.meta.tokenKey, id);
  }
  t.businessDate ??= dateFromCompact(id.slice(0, 8)) ?? '';
  t.prefix ??= t.number.slice(0, t.number.length - padded(t.seq).length);
  t.issuedServiceId ??= t.serviceId;
  t.enqueuedAt ??= t.issuedAt;
  t.priority ??= false;
  t.status ??= 'waiting';
  t.visits ??= [];
  return t;
}
