import type { Outcome, PauseReason, TicketStatus } from '../types.ts';
import type { Catalogue } from './i18n.ts';

/**
 * The words for the domain's own terms, once for every screen: each app's catalogue
 * spreads these in, so a clerk, a manager, a citizen and the hall screens read the same
 * word for the same thing. Keys are `pause.<reason>`, `outcome.<outcome>`, `status.<status>`.
 */

/** Why a window is paused (kept for attendance). */
export const pauseReasonLabels = {
  'pause.break': { zh: '休息', en: 'Break' },
  'pause.leave': { zh: '临时外出', en: 'Away' },
  'pause.meeting': { zh: '会议', en: 'Meeting' },
  'pause.other': { zh: '其他', en: 'Other' },
} as const satisfies Catalogue<`pause.${PauseReason}`>;

/** How a visit was finished: the act a clerk chooses, and in Chinese the stem of "已办结" (`{outcome}` after 已). */
export const outcomeLabels = {
  'outcome.completed': { zh: '办结', en: 'Completed' },
  'outcome.accepted': { zh: '受理', en: 'Accepted' },
  'outcome.consulted': { zh: '咨询', en: 'Advice given' },
  'outcome.rejected': { zh: '退回', en: 'Returned' },
} as const satisfies Catalogue<`outcome.${Outcome}`>;

/** Where a ticket is (SPEC §4). */
export const ticketStatusLabels = {
  'status.waiting': { zh: '等候中', en: 'Waiting' },
  'status.called': { zh: '已呼叫', en: 'Called' },
  'status.serving': { zh: '办理中', en: 'Being served' },
  'status.done': { zh: '已办理', en: 'Visit over' },
  'status.no_show': { zh: '已过号', en: 'Missed' },
  'status.cancelled': { zh: '已取消', en: 'Cancelled' },
} as const satisfies Catalogue<`status.${TicketStatus}`>;

export const domainLabels = { ...pauseReasonLabels, ...outcomeLabels, ...ticketStatusLabels } as const;
