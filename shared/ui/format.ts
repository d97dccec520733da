/** Times on screens are the hall's local time; the hall's zone comes from the server's snapshot or defaults to Shanghai. */

export function formatTime(at: number, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

export function formatClock(at: number, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
}

export function formatDate(at: number, lang: 'zh' | 'en', timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(at);
}

/** Whole minutes between two instants, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** "A 0 0 1" — numbers are read digit by digit in halls, so the speech engine must see them apart. */
export function spokenNumber(number: string): string {
  return number.split('').join(' ');
}
