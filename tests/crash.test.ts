import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_KEY } from './support/config.ts';
import { type ChildServer, kill9, startChild, writeAllDayConfig } from './support/child-server.ts';
import { Api, tempDir } from './support/harness.ts';

describe('crash safety: durable before acknowledged', () => {
  let dir: string;
  let child: ChildServer | undefined;
  afterEach(async () => {
    if (child && child.proc.exitCode === null) await kill9(child);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged ticket through kill -9, reuses no number, and keeps the queue order', async () => {
    dir = await tempDir('hall-crash-');
    const env = { DATA_DIR: `${dir}/data`, HALL_CONFIG: await writeAllDayConfig(dir) };
    child = await startChild(env);
    const api = new Api(child.url);

    // Two kiosks issue as fast as they can; the server is killed while requests are in flight.
    const acknowledged: Array<{ id: string; number: string; token: string; issuedAt: number }> = [];
    let stop = false;
    const kiosk = async () => {
      while (!stop) {
        try {
          const r = await api.issue('company', { key: KIOSK_KEY });
          if (r.status === 201) {
            const t = r.body.ticket;
            acknowledged.push({ id: t.id, number: t.number, token: new URL(t.statusUrl).searchParams.get('token')!, issuedAt: t.issuedAt });
          }
        } catch {
          return; // connection reset by the kill
        }
      }
    };
    const loops = [kiosk(), kiosk()];
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    await kill9(child);
    stop = true;
    await Promise.all(loops);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    child = await startChild(env);
    const after = new Api(child.url);
    for (const t of acknowledged) {
      const r = await after.get(`/tickets/${t.id}?token=${t.token}`);
      expect(r.status, `ticket ${t.number} lost`).toBe(200);
      expect(r.body.ticket).toMatchObject({ number: t.number, status: 'waiting' });
    }

    // No number reused: the next one is past every number the first server gave out.
    const maxSeq = Math.max(...acknowledged.map((t) => Number(t.number.slice(1))));
    const next = await after.issue('company', { key: KIOSK_KEY });
    expect(Number(next.body.ticket.number.slice(1))).toBeGreaterThan(maxSeq);
    expect(acknowledged.map((t) => t.number)).not.toContain(next.body.ticket.number);

    // Waiting tickets are called in the order they were issued.
    const clerk = await after.openWindow(5);
    const calledOrder: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await after.post('/windows/w5/call-next', {}, clerk);
      calledOrder.push(r.body.ticket.number);
      await after.post('/windows/w5/finish', { outcome: 'consulted' }, clerk);
    }
    const expected = [...acknowledged].sort((a, b) => a.issuedAt - b.issuedAt || Number(a.number.slice(1)) - Number(b.number.slice(1))).slice(0, 20).map((t) => t.number);
    expect(calledOrder).toEqual(expected);
  });
});
