import { z } from 'zod';

/** The hall configuration file (SPEC §3). Parsing it applies the defaults. */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be "HH:MM" (24-hour)');
const period = z
  .tuple([hhmm, hhmm])
  .refine(([a, b]) => a < b, 'a period must end after it starts');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"');
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "-" or "_"');
/** A name as English screens show it; without one they show the Chinese name. */
const nameEn = z.string().min(1).max(80).optional();

/**
 * 办事指南 of a service (一次告知): what to bring, what to know, and in how many working days
 * it is done. Shown before the ticket is taken, on the slip and on the phone page.
 */
const guide = z.strictObject({
  materials: z.array(z.string().min(1).max(60)).max(20).default([]),
  notes: z.string().min(1).max(300).optional(),
  promisedDays: z.number().int().min(0).max(365).optional(),
});
export type ServiceGuide = z.infer<typeof guide>;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export const WEEKDAYS: readonly Weekday[] = weekdays;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "scrypt$N$r$p$salt$hash" with sane parameters, as `npm run hash-password` prints it. */
function isScryptHash(text: string): boolean {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]{4,}={0,2})\$([A-Za-z0-9+/]{4,}={0,2})$/.exec(text);
  if (!m) return false;
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const powerOfTwo = n >= 1024 && n <= 1 << 20 && (n & (n - 1)) === 0;
  return powerOfTwo && r >= 1 && r <= 32 && p >= 1 && p <= 16 && 128 * n * r * p <= 256 * 1024 * 1024;
}

const printer = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('network'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
    timeoutMs: z.number().int().min(100).max(60000).default(3000),
  }),
  z.object({ type: z.literal('browser') }),
]);

export const hallConfigSchema = z
  .object({
    hall: z.object({
      /** Stable across renames: the hall's key in a database shared by many halls (SPEC §9). */
      id: id.default('hall'),
      name: z.string().min(1),
      nameEn,
      timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "Asia/Shanghai"').default('Asia/Shanghai'),
      hours: z.strictObject(Object.fromEntries(weekdays.map((d) => [d, z.array(period).default([])])) as Record<Weekday, z.ZodDefault<z.ZodArray<typeof period>>>),
      holidays: z.array(isoDate).default([]),
      /** Extra working days (调休: a weekend worked in exchange for a holiday), open with a weekday's hours. */
      workdays: z.array(isoDate).default([]),
      ticketing: z
        .object({
          openEarlyMinutes: z.number().int().min(0).max(240).default(0),
          stopBeforeCloseMinutes: z.number().int().min(0).max(240).default(0),
        })
        .default({ openEarlyMinutes: 0, stopBeforeCloseMinutes: 0 }),
      lateGraceMinutes: z.number().int().min(0).max(240).default(5),
      /** A citizen called from the far end of the hall needs this long to reach the window: no 过号 before it. */
      noShowAfterSeconds: z.number().int().min(0).max(600).default(30),
      publicUrl: z.string().url().optional(),
    }),
    departments: z
      .array(
        z.object({
          id,
          name: z.string().min(1),
          nameEn,
          /** 统一社会信用代码 (18 characters), sent with each rating to the province's platform. */
          code: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'must be an 18-character 统一社会信用代码').optional(),
        }),
      )
      .min(1),
    services: z
      .array(
        z.strictObject({
          id,
          departmentId: id,
          name: z.string().min(1),
          nameEn,
          /** 事项编码 from the province's catalogue, sent with each rating. */
          code: z.string().min(1).max(64).optional(),
          prefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be 1–2 capital letters'),
          dailyCap: z.number().int().positive().optional(),
          targetWaitMinutes: z.number().int().positive(),
          defaultServiceMinutes: z.number().positive(),
          guide: guide.optional(),
          /** Bookings (预约, SPEC §11): slots of this length inside the opening periods, this many citizens each. */
          appointments: z
            .strictObject({
              slotMinutes: z.number().int().min(5).max(240),
              perSlot: z.number().int().min(1).max(100),
              daysAhead: z.number().int().min(1).max(60).default(7),
              cancelHoursBefore: z.number().min(0).max(72).default(2),
              earlyMinutes: z.number().int().min(0).max(240).default(30),
              lateMinutes: z.number().int().min(0).max(240).default(15),
            })
            .optional(),
        }),
      )
      .min(1),
    windows: z
      .array(
        z.strictObject({
          id,
          number: z.number().int().positive(),
          name: z.string().min(1),
          nameEn,
          serviceIds: z.array(id).min(1),
          departmentId: id.optional(),
          /** Staff of other departments who may also sign in here. */
          staffIds: z.array(id).optional(),
        }),
      )
      .min(1),
    staff: z.array(
      z.strictObject({
        id,
        staffNo: z.string().min(1).max(32),
        name: z.string().min(1),
        departmentId: id,
        // A network manager manages their own hall and reads the reports of every hall in the database.
        role: z.enum(['clerk', 'manager', 'network-manager']),
        passwordHash: z.string().refine(isScryptHash, 'must be a scrypt hash from "npm run hash-password"'),
        /** A disabled member cannot log in; disabling ends their sessions. Kept, so history names them. */
        disabled: z.boolean().optional(),
      }),
    ),
    devices: z.array(
      z.strictObject({
        id,
        kind: z.enum(['kiosk', 'display', 'window-display']),
        name: z.string().min(1),
        key: z.string().min(16, 'must be at least 16 characters'),
        printer: printer.optional(),
        windowId: id.optional(),
        /** Which windows and services a display shows (a hall may have one display per zone). */
        show: z.object({ windowIds: z.array(id).optional(), serviceIds: z.array(id).optional() }).optional(),
      }),
    ),
    reviews: z.object({ deadlineWorkingDays: z.number().int().min(1).max(60).default(5) }).default({ deadlineWorkingDays: 5 }),
    /**
     * 好差评 (SPEC §10): the window pad keeps asking about a visit this long after it ended, even
     * once the clerk has called the next citizen; the phone page may rate it for this many days.
     */
    /** No-shows of bookings: this many within `noShowDays` block the phone number from booking for `blockDays`. */
    appointmentRules: z
      .object({ noShowLimit: z.number().int().min(1).max(20).default(2), noShowDays: z.number().int().min(1).max(365).default(90), blockDays: z.number().int().min(1).max(365).default(90) })
      .default({ noShowLimit: 2, noShowDays: 90, blockDays: 90 }),
    ratings: z
      .object({ padSeconds: z.number().int().min(10).max(600).default(60), phoneDays: z.number().int().min(1).max(30).default(7) })
      .default({ padSeconds: 60, phoneDays: 7 }),
    /**
     * How windows (优秀窗口) and clerks (服务标兵) are ranked: the weights of the combined score
     * (they need not sum to 1), and the served visits in the period below which one is not
     * ranked but marked 样本不足 (shared/reports/rankings.ts).
     */
    rankings: z
      .object({
        volume: z.number().min(0).default(0.4),
        satisfaction: z.number().min(0).default(0.3),
        serviceLevel: z.number().min(0).default(0.2),
        attendance: z.number().min(0).default(0.1),
        minVisits: z.number().int().min(0).default(20),
      })
      .default({ volume: 0.4, satisfaction: 0.3, serviceLevel: 0.2, attendance: 0.1, minVisits: 20 }),
    /**
     * The province's 好差评 platform (SPEC §10): each rating and review step is delivered there
     * from a durable outbox, retried with growing pauses until it answers 2xx.
     */
    ratingsExport: z
      .strictObject({
        url: z.string().url(),
        apiKey: z.string().min(8),
        regionCode: z.string().regex(/^\d{6}$/, 'must be the 6-digit 行政区划代码'),
        timeoutSeconds: z.number().int().min(1).max(120).default(10),
        /** The pause after the first failure, doubled after each (with jitter), up to the most. */
        retryBaseSeconds: z.number().min(0.05).max(3600).default(5),
        retryMaxSeconds: z.number().min(0.1).max(86_400).default(900),
      })
      .optional(),
    limits: z
      .object({
        issuePerMinutePerDevice: z.number().int().positive().default(60),
        loginPerMinutePerAddress: z.number().int().positive().default(20),
        ticketPagePerMinutePerAddress: z.number().int().positive().default(120),
        staffSessionHours: z.number().positive().default(12),
        /**
         * Socket.IO connections per client address. Generous: a hall behind one NAT reconnects every
         * screen at once after a restart. Refused credentials count against the login limit instead.
         */
        socketHandshakePerMinutePerAddress: z.number().int().positive().default(1200),
      })
      .default({ issuePerMinutePerDevice: 60, loginPerMinutePerAddress: 20, ticketPagePerMinutePerAddress: 120, staffSessionHours: 12, socketHandshakePerMinutePerAddress: 1200 }),
  })
  .superRefine((cfg, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = <T>(list: T[], key: (t: T) => string | number, name: string, field: string) => {
      const seen = new Set<string | number>();
      list.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k)) issue([name, i, field], `duplicate ${field} "${k}"`);
        seen.add(k);
      });
    };
    unique(cfg.departments, (d) => d.id, 'departments', 'id');
    unique(cfg.services, (s) => s.id, 'services', 'id');
    unique(cfg.windows, (w) => w.id, 'windows', 'id');
    unique(cfg.windows, (w) => w.number, 'windows', 'number');
    unique(cfg.staff, (s) => s.id, 'staff', 'id');
    unique(cfg.staff, (s) => s.staffNo, 'staff', 'staffNo');
    unique(cfg.devices, (d) => d.id, 'devices', 'id');
    unique(cfg.devices, (d) => d.key, 'devices', 'key');
    const departments = new Set(cfg.departments.map((d) => d.id));
    const services = new Set(cfg.services.map((s) => s.id));
    const windows = new Set(cfg.windows.map((w) => w.id));
    const staffIds = new Set(cfg.staff.map((s) => s.id));
    cfg.services.forEach((s, i) => {
      if (!departments.has(s.departmentId)) issue(['services', i, 'departmentId'], `unknown department "${s.departmentId}"`);
    });
    cfg.windows.forEach((w, i) => {
      w.serviceIds.forEach((sid, j) => {
        if (!services.has(sid)) issue(['windows', i, 'serviceIds', j], `unknown service "${sid}"`);
      });
      if (w.departmentId && !departments.has(w.departmentId)) issue(['windows', i, 'departmentId'], `unknown department "${w.departmentId}"`);
      w.staffIds?.forEach((sid, j) => {
        if (!staffIds.has(sid)) issue(['windows', i, 'staffIds', j], `unknown staff "${sid}"`);
      });
    });
    cfg.staff.forEach((s, i) => {
      if (!departments.has(s.departmentId)) issue(['staff', i, 'departmentId'], `unknown department "${s.departmentId}"`);
    });
    cfg.devices.forEach((d, i) => {
      if (d.kind === 'window-display') {
        if (!d.windowId) issue(['devices', i, 'windowId'], 'a window-display needs the windowId of its window');
        else if (!windows.has(d.windowId)) issue(['devices', i, 'windowId'], `unknown window "${d.windowId}"`);
      }
      if (d.printer && d.kind !== 'kiosk') issue(['devices', i, 'printer'], 'only a kiosk has a printer');
      d.show?.windowIds?.forEach((w, j) => {
        if (!windows.has(w)) issue(['devices', i, 'show', 'windowIds', j], `unknown window "${w}"`);
      });
      d.show?.serviceIds?.forEach((s, j) => {
        if (!services.has(s)) issue(['devices', i, 'show', 'serviceIds', j], `unknown service "${s}"`);
      });
    });
  });

export type HallConfig = z.output<typeof hallConfigSchema>;
export type HallConfigInput = z.input<typeof hallConfigSchema>;
export type ServiceConfig = HallConfig['services'][number];
export type WindowConfig = HallConfig['windows'][number];
export type StaffConfig = HallConfig['staff'][number];
export type DeviceConfig = HallConfig['devices'][number];
export type DepartmentConfig = HallConfig['departments'][number];
export type PrinterConfig = NonNullable<DeviceConfig['printer']>;

/** "services[3].prefix" from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Managers of the hall: a network manager is one too, with the network's reports besides. */
export function isManager(staff: Pick<StaffConfig, 'role'>): boolean {
  return staff.role === 'manager' || staff.role === 'network-manager';
}
