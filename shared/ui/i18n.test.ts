import { describe, expect, it } from 'vitest';
import { translator } from './i18n.ts';

const catalogue = {
  services: { zh: '{n} 项业务', en: '{n} service|{n} services' },
  plain: { zh: '共 {n} 人', en: '{n} waiting' },
};

describe('the translator', () => {
  it.each([
    ['en', 'services', 1, '1 service'],
    ['en', 'services', 0, '0 services'],
    ['en', 'services', 2, '2 services'],
    ['zh', 'services', 1, '1 项业务'],
    ['en', 'plain', 1, '1 waiting'],
  ] as const)('%s %s n=%s → %s', (lang, key, n, text) => {
    expect(translator(catalogue, lang)(key, { n })).toBe(text);
  });
});
