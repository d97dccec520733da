/**
 * The closed set of failures a client can see. Every refusal carries one of these codes,
 * an HTTP status and a human message; nothing else (stack traces, library text) leaves
 * the server.
 */
export const ERRORS = {
  INVALID_INPUT: { status: 400, message: '请求内容不正确' },
  UNAUTHENTICATED: { status: 401, message: '需要登录或设备密钥' },
  BAD_CREDENTIALS: { status: 401, message: '工号或密码不正确' },
  FORBIDDEN: { status: 403, message: '无权执行此操作' },
  WRONG_ROLE: { status: 403, message: '当前身份不能执行此操作' },
  WRONG_WINDOW: { status: 403, message: '您未在此窗口签到' },
  WINDOW_NOT_ALLOWED: { status: 403, message: '您不能在这个窗口签到：它不属于您的部门' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  UNKNOWN_SERVICE: { status: 404, message: '没有这个业务事项' },
  UNKNOWN_WINDOW: { status: 404, message: '没有这个窗口' },
  TICKET_NOT_FOUND: { status: 404, message: '没有找到这张号票' },
  CASE_NOT_FOUND: { status: 404, message: '没有找到这个待办结件' },
  REVIEW_NOT_FOUND: { status: 404, message: '没有找到这条差评' },
  VISIT_NOT_FOUND: { status: 404, message: '没有找到这次办理记录' },
  HALL_CLOSED: { status: 409, message: '当前不在取号时间内' },
  DAILY_CAP_REACHED: { status: 409, message: '该业务今日号源已取完' },
  INVALID_STATE: { status: 409, message: '号票当前状态不允许此操作' },
  NOT_SIGNED_IN: { status: 409, message: '窗口尚未签到' },
  WINDOW_OCCUPIED: { status: 409, message: '该窗口已有其他工作人员签到' },
  ALREADY_SIGNED_IN: { status: 409, message: '您已在其他窗口签到，请先签退' },
  WINDOW_BUSY: { status: 409, message: '窗口还有正在办理的号，请先办结、过号或转移' },
  NO_CURRENT_TICKET: { status: 409, message: '窗口当前没有正在呼叫或办理的号' },
  WINDOW_PAUSED: { status: 409, message: '窗口已暂停，请先恢复' },
  WINDOW_CLOSED: { status: 409, message: '该窗口未开放，不能转过去' },
  WINDOW_HAS_TRANSFERS: { status: 409, message: '还有转到本窗口的号在等候，请先叫号办理' },
  DAY_CLOSED: { status: 409, message: '营业日已结束，未办完的号已关闭；请重新签到' },
  NOT_PAUSED: { status: 409, message: '窗口没有暂停' },
  NOT_FOR_THIS_WINDOW: { status: 409, message: '这个号不属于本窗口办理的业务' },
  TOO_SOON_FOR_NO_SHOW: { status: 409, message: '刚叫号不久，请再等一会儿或重呼，再按过号' },
  VERSION_CONFLICT: { status: 409, message: '配置已被其他管理员修改，请查看最新版本后再保存' },
  IN_USE: { status: 409, message: '该项正在使用中，不能删除或停用' },
  ACCOUNT_DISABLED: { status: 403, message: '该账号已停用，请联系管理员' },
  APPOINTMENT_NOT_FOUND: { status: 404, message: '没有找到这个预约' },
  SLOT_FULL: { status: 409, message: '这个时段已约满，请选择其他时段' },
  SLOT_UNAVAILABLE: { status: 409, message: '这个时段不可预约（已过、不在办公时间或不是预约时段）' },
  TOO_FAR_AHEAD: { status: 409, message: '超出可预约的天数' },
  CANCEL_TOO_LATE: { status: 409, message: '距预约时间太近，已不能取消' },
  DUPLICATE_BOOKING: { status: 409, message: '您当天已预约过这个事项' },
  BOOKING_BLOCKED: { status: 409, message: '多次预约未到，暂时不能预约，请现场取号' },
  TOO_EARLY: { status: 409, message: '还没到签到时间，请在预约时段开始前 30 分钟内签到' },
  ALREADY_CHECKED_IN: { status: 409, message: '这个预约已经签到取号' },
  LEAVE_NOT_FOUND: { status: 404, message: '没有找到这条请假申请' },
  LEAVE_OVERLAP: { status: 409, message: '所选日期已有待审批或已批准的请假' },
  ALREADY_DECIDED: { status: 409, message: '这条请假申请已经处理过了' },
  NOT_SAME_DAY: { status: 409, message: '只能恢复当天的过号' },
  TRANSFER_TO_SELF: { status: 409, message: '不能转移到当前业务或当前窗口' },
  NOTHING_TO_RATE: { status: 409, message: '还没有可以评价的办理记录' },
  ALREADY_RATED: { status: 409, message: '这次办理已经评价过了' },
  STEP_OUT_OF_ORDER: { status: 409, message: '差评处理须按 核实 → 整改 → 反馈 → 回访 的顺序进行' },
  ALREADY_RESOLVED: { status: 409, message: '这条差评已经处理过了' },
  CASE_ALREADY_COMPLETED: { status: 409, message: '这个件已经办结' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  ACCOUNT_LOCKED: { status: 429, message: '密码错误次数过多，账号已暂时锁定，请稍后再试' },
  LOGIN_BUSY: { status: 503, message: '同时登录的人太多，请过几秒再试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  STORAGE_UNAVAILABLE: { status: 503, message: '数据保存失败（磁盘已满、数据库连不上或不可写），请联系管理员' },
  STANDBY: { status: 503, message: '本服务器是备用节点，请稍候（系统会自动切换到主服务器）' },
  NETWORK_NEEDS_DATABASE: { status: 400, message: '全部大厅的报表需要共用的数据库（DATABASE_URL），本服务器只有本大厅的数据' },
  ARCHIVE_UNREADABLE: { status: 503, message: '历史数据文件损坏或无法读取，请联系管理员' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/** A refusal the domain or the server decided on; becomes the JSON error body. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.field = field;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export function fail(code: ErrorCode, message?: string, field?: string): never {
  throw new DomainError(code, message, field);
}
