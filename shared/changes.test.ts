import { describe, expect, it } from 'vitest';
import { diffRecords, patchRecord } from './changes.ts';

const visit = { id: 'v-1', windowId: 'w1', calledAt: 10, callCount: 1 };
const ticket = { id: 't', status: 'waiting', priority: false, visits: [] as object[] };

describe('diffRecords and patchRecord', () => {
  const rows: Array<{ name: string; before: object; after: object; expected: object }> = [
    { name: 'nothing changed', before: ticket, after: { ...ticket }, expected: {} },
    { name: 'one field', before: ticket, after: { ...ticket, status: 'called' }, expected: { set: { status: 'called' } } },
    { name: 'a visit appended', before: ticket, after: { ...ticket, status: 'called', visits: [visit] }, expected: { set: { status: 'called', 'visits.0': visit } } },
    {
      name: 'a field of a visit',
      before: { ...ticket, visits: [visit] },
      after: { ...ticket, visits: [{ ...visit, startedAt: 20 }] },
      expected: { set: { 'visits.0.startedAt': 20 } },
    },
    { name: 'a field removed', before: { ...ticket, targetWindowId: 'w2' }, after: ticket, expected: { unset: ['targetWindowId'] } },
    { name: 'a field set to undefined is removed', before: { ...ticket, targetWindowId: 'w2' }, after: { ...ticket, targetWindowId: undefined }, expected: { unset: ['targetWindowId'] } },
    { name: 'an array that shrank is set whole', before: { ...ticket, visits: [visit, visit] }, after: { ...ticket, visits: [visit] }, expected: { set: { visits: [visit] } } },
    { name: 'a nested object added', before: { ...ticket, visits: [visit] }, after: { ...ticket, visits: [{ ...visit, rating: { score: 5, at: 1 } }] }, expected: { set: { 'visits.0.rating': { score: 5, at: 1 } } } },
  ];
  for (const row of rows) {
    it(`${row.name}: the diff is the change, and applying it gives the new record`, () => {
      const diff = diffRecords(row.before, row.after);
      expect(diff).toEqual(row.expected);
      expect(patchRecord(row.before, diff)).toEqual(JSON.parse(JSON.stringify(row.after)));
    });
  }

  it('leaves the record it patches as it was', () => {
    const before = { ...ticket, visits: [visit] };
    const frozen = JSON.stringify(before);
    patchRecord(before, { set: { 'visits.0.startedAt': 5, status: 'serving' }, unset: ['priority'] });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('refuses paths through prototype names', () => {
    for (const path of ['__proto__.polluted', 'constructor.prototype.x', 'visits.__proto__']) {
      expect(() => patchRecord({ visits: [] }, { set: { [path]: 1 } }), path).toThrow(/not a field path/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
