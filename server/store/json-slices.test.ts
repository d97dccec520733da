import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJsonInSlices } from './json-slices.ts';

async function sliced(value: unknown, depth: number): Promise<string> {
  let text = '';
  await writeJsonInSlices(value, depth, async (chunk) => {
    text += chunk.toString('utf8');
  });
  return text;
}

describe('JSON written in slices', () => {
  it('is exactly JSON.stringify, at every depth, for any JSON-like value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), async (value, depth) => {
        expect(await sliced(value, depth)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and writes null where it does', async () => {
    const value = { a: undefined, b: [undefined, () => 1, 2], c: { toJSON: () => 'x' }, d: new Date(0), e: null };
    for (const depth of [0, 1, 3]) expect(await sliced(value, depth)).toBe(JSON.stringify(value));
  });

  it('hands over UTF-8 that decodes chunk by chunk, Chinese text across many slices', async () => {
    const records: Record<string, object> = {};
    for (let i = 0; i < 20_000; i++) records[`t${i}`] = { id: `t${i}`, serviceName: `不动产登记${i}`, note: '请到３号窗口办理「社保」业务 — 谢谢' };
    const chunks: Buffer[] = [];
    await writeJsonInSlices({ generation: 1, data: { tickets: records } }, 3, async (chunk) => {
      chunks.push(chunk);
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.toString('utf8')).join('')).toBe(JSON.stringify({ generation: 1, data: { tickets: records } }));
  });

  it('lets timers run while it writes a busy day’s worth of records', async () => {
    const records: Record<string, object> = {};
    for (let i = 0; i < 40_000; i++) records[`t${i}`] = { id: `t${i}`, number: `A${i}`, visits: [{ id: `v${i}`, calledAt: i, windowId: 'w1', staffId: 'c1' }], status: 'done', issuedAt: i };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const done = sliced({ generation: 1, data: { tickets: records } }, 3);
    const ticksBefore = ticks;
    const text = await done;
    clearInterval(timer);
    expect(JSON.parse(text).data.tickets.t39999.number).toBe('A39999');
    // Serialised in one go, no timer could have run before it finished.
    expect(ticks - ticksBefore).toBeGreaterThanOrEqual(2);
  });
});
