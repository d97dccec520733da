import type { HallConfig, ServiceGuide } from './config-schema.ts';
import { localTime } from './time.ts';

/** What a ticket slip says (SPEC §7), for the thermal printer and the browser's 80 mm slip alike. */
export interface Slip {
  hallName: string;
  departmentName: string;
  serviceName: string;
  number: string;
  priority: boolean;
  /** Checked in for a booking (预约) in time. */
  booked?: boolean;
  ahead: number;
  estimatedWaitMinutes: number;
  /** Windows serving the ticket's service now: with none the slip gives no minutes. */
  windowsOpen: number;
  /** "2026-11-26 09:41", in the hall's time zone. */
  issuedAtText: string;
  statusUrl: string;
  notice: string;
  /** From the service's 办事指南: what to bring (in full on the phone page) and the promised days. */
  materials: string[];
  promisedDays?: number;
}

/** A slip is a strip of paper: past this many materials it points to the phone page. */
export const SLIP_MATERIALS_MAX = 5;

export const SLIP_NOTICE = '请在休息区等候，注意呼叫及大屏显示信息';
/** What happens if the holder misses the call: on the slip, so nobody learns it at the window. */
export const SLIP_NO_SHOW_RULE = '过号请到原窗口说明，当日可重新排队';

export function formatLocalDateTime(at: number, timeZone: string): string {
  const { date, minutes } = localTime(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date} ${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

export function buildSlip(
  hall: HallConfig['hall'],
  t: { number: string; priority: boolean; booked?: boolean; issuedAt: number; serviceName: string; departmentName: string; ahead: number; estimatedWaitMinutes: number; windowsOpen: number; statusUrl: string; guide?: ServiceGuide },
): Slip {
  return {
    hallName: hall.name,
    departmentName: t.departmentName,
    serviceName: t.serviceName,
    number: t.number,
    priority: t.priority,
    ...(t.booked ? { booked: true } : {}),
    ahead: t.ahead,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    windowsOpen: t.windowsOpen,
    issuedAtText: formatLocalDateTime(t.issuedAt, hall.timezone),
    statusUrl: t.statusUrl,
    notice: SLIP_NOTICE,
    materials: t.guide?.materials ?? [],
    ...(t.guide?.promisedDays !== undefined ? { promisedDays: t.guide.promisedDays } : {}),
  };
}

/** The 办事指南 lines of a slip: a short list of materials, then the promised time. */
export function slipGuideLines(slip: Pick<Slip, 'materials' | 'promisedDays'>): string[] {
  const lines: string[] = [];
  if (slip.materials.length > 0) {
    lines.push('请备齐以下材料：');
    slip.materials.slice(0, SLIP_MATERIALS_MAX).forEach((m, i) => lines.push(`${i + 1}. ${m}`));
    if (slip.materials.length > SLIP_MATERIALS_MAX) lines.push(`另有 ${slip.materials.length - SLIP_MATERIALS_MAX} 项，请扫码查看`);
  }
  if (slip.promisedDays !== undefined) lines.push(slip.promisedDays === 0 ? '承诺时限：当场办结' : `承诺时限：${slip.promisedDays} 个工作日`);
  return lines;
}

/** The slip's line about the wait: minutes only when a window serves the ticket now. */
export function slipWaitLine(slip: Pick<Slip, 'ahead' | 'estimatedWaitMinutes' | 'windowsOpen'>): string {
  if (slip.windowsOpen === 0) return '窗口暂未开放，开放后按顺序叫号';
  if (slip.ahead === 0) return '无需等候，请留意叫号';
  return `预计等候约 ${slip.estimatedWaitMinutes} 分钟`;
}
