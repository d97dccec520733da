/** The national 好差评 scale (SPEC §6). A 1 or 2 is a bad review and needs a reason. */
export const RATING_LEVELS = [
  { score: 5, zh: '非常满意', en: 'Very satisfied' },
  { score: 4, zh: '满意', en: 'Satisfied' },
  { score: 3, zh: '基本满意', en: 'Fairly satisfied' },
  { score: 2, zh: '不满意', en: 'Dissatisfied' },
  { score: 1, zh: '非常不满意', en: 'Very dissatisfied' },
] as const;

export type Score = 1 | 2 | 3 | 4 | 5;

export function isBadScore(score: number): score is 1 | 2 {
  return score <= 2;
}

/** Reasons a citizen can pick for a bad review; they may also type their own. */
export const BAD_REVIEW_REASONS = [
  { zh: '等候时间太长', en: 'Waited too long' },
  { zh: '服务态度不好', en: 'Unfriendly service' },
  { zh: '一次告知不清，需要多跑', en: 'Unclear requirements, must come again' },
  { zh: '办理效率低', en: 'Slow handling' },
  { zh: '窗口人员不在岗', en: 'Clerk away from the window' },
] as const;
