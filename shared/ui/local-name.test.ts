import { describe, expect, it } from 'vitest';
import type { HallView } from '../views.ts';
import { hallInLanguage, localName } from './local-name.ts';

const hall = {
  serverNow: 0,
  name: '滨江市政务服务中心',
  nameEn: 'Binjiang Government Service Center',
  timezone: 'Asia/Shanghai',
  businessDate: '2026-12-01',
  ticketingOpen: true,
  departments: [
    { id: 'scjg', name: '市场监督管理局', nameEn: 'Market Regulation Bureau' },
    { id: 'ga', name: '公安局' },
  ],
  services: [{ id: 'company', departmentId: 'scjg', name: '企业开办', nameEn: 'Company registration', prefix: 'A', windowNumbers: [1], serviceId: 'company', waiting: 0, estimatedWaitMinutes: 0, windowsOpen: 1, open: true }],
  windows: [{ id: 'w1', number: 1, name: '企业开办', nameEn: 'Company registration', serviceIds: ['company'], status: 'open' }],
  recentCalls: [{ id: 'v#1', visitId: 'v', number: 'A001', windowId: 'w1', windowNumber: 1, windowName: '企业开办', windowNameEn: 'Company registration', serviceId: 'company', callCount: 1, at: 0 }],
} satisfies HallView;

describe('names in the screen language', () => {
  it('shows the English name where there is one, the Chinese name where not', () => {
    expect(localName('en', '公安局', 'Public Security Bureau')).toBe('Public Security Bureau');
    expect(localName('en', '公安局')).toBe('公安局');
    expect(localName('zh', '公安局', 'Public Security Bureau')).toBe('公安局');
  });

  it('turns every configured name of the hall into English, and leaves Chinese alone', () => {
    const en = hallInLanguage(hall, 'en');
    expect(en.name).toBe('Binjiang Government Service Center');
    expect(en.departments.map((d) => d.name)).toEqual(['Market Regulation Bureau', '公安局']);
    expect(en.services[0].name).toBe('Company registration');
    expect(en.windows[0].name).toBe('Company registration');
    expect(en.recentCalls[0].windowName).toBe('Company registration');
    expect(hallInLanguage(hall, 'zh')).toBe(hall);
  });
});
