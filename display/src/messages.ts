import { domainLabels } from '../../shared/ui/domain-labels.ts';
import { type Catalogue, type Lang, translator } from '../../shared/ui/i18n.ts';

/** Every text the hall and window screens show, Chinese first, English second. */
export const messages = {
  // Pause reasons, outcomes and ticket statuses, as every screen says them
  ...domainLabels,

  screenTitleHall: { zh: '叫号信息显示屏', en: 'Queue information' },
  screenTitleWindow: { zh: '窗口显示屏', en: 'Window screen' },

  // Connection and set-up states
  connecting: { zh: '正在连接服务器…', en: 'Connecting to the server…' },
  offline: { zh: '连接中断，正在重新连接…', en: 'Connection lost, reconnecting…' },
  offlineHint: { zh: '屏幕上的信息可能不是最新的', en: 'The information shown may be out of date' },
  refused: { zh: '此屏幕的设备密钥无效', en: 'This screen’s device key was not accepted' },
  refusedHint: { zh: '请联系管理员，用带有正确密钥的地址重新打开本屏幕（?key=…）', en: 'Ask the administrator to reopen this screen with its correct key (?key=…)' },
  noKey: { zh: '此屏幕尚未配置设备密钥', en: 'This screen has no device key yet' },
  wrongWindow: { zh: '设备密钥属于 {n} 号窗口，与本屏地址不符', en: 'The device key belongs to window {n}, not this address' },
  keyIsWindow: { zh: '这是窗口屏的设备密钥', en: 'This is a window screen’s device key' },
  keyIsWindowHint: { zh: '窗口屏请使用地址 /display/?window=窗口编号&key=…', en: 'Open a window screen as /display/?window=<window id>&key=…' },
  keyIsHall: { zh: '这是大厅综合屏的设备密钥', en: 'This is the hall display’s device key' },
  keyIsHallHint: { zh: '综合屏请使用地址 /display/?key=…', en: 'Open the hall display as /display/?key=…' },
  wrongWindowHint: { zh: '请联系管理员检查本屏幕的地址', en: 'Ask the administrator to check this screen’s address' },

  // Hall view
  nowCalling: { zh: '正在呼叫', en: 'Now calling' },
  callSentence: { zh: '请 {number} 号到 {window} 号窗口办理', en: 'Number {number} to window {window}' },
  recallBadge: { zh: '第 {n} 次呼叫', en: 'Call no. {n}' },
  noCallsYet: { zh: '暂无叫号，请在休息区耐心等候', en: 'No numbers called yet — please wait in the seating area' },
  recentCalls: { zh: '最近叫号', en: 'Recent calls' },
  noRecentCalls: { zh: '暂无', en: 'None yet' },
  noWindowOpen: { zh: '窗口暂未开放', en: 'No window open yet' },
  noCallNow: { zh: '请留意叫号，过号请到窗口咨询', en: 'Please watch for your number' },
  windowShort: { zh: '{n} 号窗口', en: 'Window {n}' },
  windowsTitle: { zh: '窗口状态', en: 'Windows' },
  noWindows: { zh: '本屏没有配置显示的窗口', en: 'No windows are set up for this screen' },
  waitingTitle: { zh: '等候人数', en: 'Waiting' },
  noServices: { zh: '本屏没有配置显示的业务', en: 'No services are set up for this screen' },
  waitingUnit: { zh: '人', en: 'waiting' },
  estimatedWait: { zh: '约 {n} 分钟', en: '≈ {n} min' },
  noWait: { zh: '无需等候', en: 'No wait' },
  capReached: { zh: '今日号源已满', en: 'Full today' },
  ticketingClosed: { zh: '当前不在取号时间', en: 'Ticketing is closed now' },
  page: { zh: '{n}/{of}', en: '{n}/{of}' },
  notice: { zh: '请在休息区等候，注意呼叫及大屏显示信息', en: 'Please wait in the seating area and watch for your number' },

  // Window states (hall tiles and window screen)
  statusIdle: { zh: '等候叫号', en: 'Next number soon' },
  statusPaused: { zh: '暂停服务', en: 'Paused' },
  statusClosed: { zh: '未开放', en: 'Closed' },

  // Window view
  windowNumber: { zh: '{n} 号窗口', en: 'Window {n}' },
  servingNow: { zh: '当前号码', en: 'Current number' },
  currentCalled: { zh: '请到本窗口办理', en: 'Please come to this window' },
  windowIdle: { zh: '请留意叫号', en: 'Please watch for your number' },
  windowPaused: { zh: '本窗口暂停服务', en: 'This window is paused' },
  windowClosed: { zh: '本窗口暂未开放', en: 'This window is not open' },
  windowClosedHint: { zh: '请到其他窗口办理，或留意大厅叫号', en: 'Please use another window or watch the hall screen' },
  clerkOnDuty: { zh: '当班人员', en: 'On duty' },
  staffNo: { zh: '工号 {no}', en: 'Staff no. {no}' },
  multiDepartment: { zh: '综合窗口', en: 'Multi-department window' },
  ratingInvite: { zh: '办理结束后，请对我的服务进行评价', en: 'Please rate our service when you are done' },

  // Rating pad
  rateTitle: { zh: '请您对本次服务进行评价', en: 'Please rate this service' },
  rateFor: { zh: '{number} 号 · {name}（工号 {no}）', en: 'No. {number} · {name} (staff no. {no})' },
  rateForNoStaff: { zh: '{number} 号', en: 'No. {number}' },
  rateAutoClose: { zh: '{n} 秒后自动返回，不评价不计分', en: 'Closes in {n} s — no rating is recorded if you skip' },
  reasonTitle: { zh: '请告诉我们不满意的原因', en: 'Please tell us what went wrong' },
  reasonOther: { zh: '其他原因', en: 'Other reason' },
  reasonPlaceholder: { zh: '在此输入原因（选填其一即可）', en: 'Type a reason (or pick one above)' },
  reasonNeeded: { zh: '请选择或填写一个原因', en: 'Please pick or type a reason' },
  submit: { zh: '提交评价', en: 'Submit' },
  sending: { zh: '正在提交…', en: 'Sending…' },
  back: { zh: '返回', en: 'Back' },
  thanksTitle: { zh: '感谢您的评价！', en: 'Thank you for your rating!' },
  thanksBad: { zh: '我们会认真核实并改进，工作人员将尽快跟进。', en: 'We will look into it and follow up soon.' },
  thanksGood: { zh: '祝您生活愉快，欢迎再次光临。', en: 'Have a good day.' },
  alreadyRated: { zh: '这次办理已经评价过了，谢谢！', en: 'This visit has already been rated. Thank you!' },

  langSwitch: { zh: 'English', en: '中文' },
} satisfies Catalogue<string>;

export type MessageKey = keyof typeof messages;
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function makeT(lang: Lang): T {
  return translator(messages, lang);
}
