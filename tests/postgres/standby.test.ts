import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, kill9, startChild, writeAllDayConfig } from '../support/child-server.ts';
import { DISPLAY_KEY } from '../support/config.ts';
import { Api, openSocket, type Recorder, tempDir } from '../support/harness.ts';
import { tokenOf } from '../support/restarts.ts';
import { startProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const portOf = (c: ChildServer) => Number(new URL(c.url).port);

async function health(c: ChildServer): Promise<{ status: number; role?: string }> {
  const r = await new Api(c.url).get('/health').catch(() => ({ status: 0, body: {} as { role?: string } }));
  return { status: r.status, role: r.body?.role };
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two servers on one database: one active, one standby that takes over', () => {
  const children: ChildServer[] = [];
  let proxy: TcpProxy | undefined;
  let dir: string;
  let display: Recorder | undefined;
  afterEach(async () => {
    display?.socket.disconnect();
    for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) await kill9(c);
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged ticket and call across a kill -9 of the active one, within 10 s, and the old one comes back as standby', async () => {
    dir = await tempDir('hall-standby-');
    const config = await writeAllDayConfig(dir);
    const env = (n: string) => ({ HALL_CONFIG: config, DATA_DIR: join(dir, `data-${n}`) });
    const a = await startChild(env('a'));
    children.push(a);
    expect(await health(a)).toEqual({ status: 200, role: 'active' });
    const b = await startChild(env('b'));
    children.push(b);
    expect(await health(b)).toEqual({ status: 503, role: 'standby' });
    expect((await new Api(b.url).issue('company')).body.error.code).toBe('STANDBY');

    // The load balancer: a proxy the screens and clerks use, sent to whichever answers health with 200.
    proxy = await startProxy(portOf(a));
    const url = `http://127.0.0.1:${proxy.port}`;
    const api = new Api(url);
    display = await openSocket(url, { key: DISPLAY_KEY }, { reconnection: true });
    await display.waitFor('hall:snapshot');
    const clerk = await api.openWindow(5);
    const issued: Array<{ id: string; number: string; statusUrl: string }> = [];
    for (let i = 0; i < 12; i++) issued.push((await api.issue('company')).body.ticket);
    const called: Array<{ number: string }> = [];
    for (let i = 0; i < 4; i++) {
      const r = await api.post('/windows/w5/call-next', {}, clerk);
      called.push(r.body.ticket);
      if (i < 3) await api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    }
    await display.waitForCall((c) => c.number === called[3].number);

    await kill9(a);
    const killedAt = Date.now();
    await until('the standby to take over', 10_000, async () => ((await health(b)).status === 200 ? true : undefined));
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(10_000);
    expect(await health(b)).toEqual({ status: 200, role: 'active' });
    proxy.target(portOf(b));
    proxy.cut();

    // Every acknowledged ticket is there as it was left; the call in progress too.
    for (const t of issued) {
      const r = await api.get(`/tickets/${t.id}?token=${tokenOf(t.statusUrl)}`);
      expect(r.status, t.number).toBe(200);
    }
    const current = await api.get('/windows/w5', clerk);
    expect(current.status).toBe(200);
    expect(current.body.current.number).toBe(called[3].number);
    // Numbering goes on after the last acknowledged number.
    const next = (await api.issue('company')).body.ticket;
    expect(next.number).toBe(`A${String(issued.length + 1).padStart(3, '0')}`);
    // The display reconnected by itself, got the hall as it is, and hears the next call.
    const snapshots = display.all('hall:snapshot').length;
    await until('the display to reconnect', 10_000, async () => (display!.all('hall:snapshot').length > snapshots || display!.socket.connected ? true : undefined));
    await api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    const after = (await api.post('/windows/w5/call-next', {}, clerk)).body.ticket;
    expect(after.number).toBe(issued[4].number);
    await display.waitForCall((c) => c.number === after.number, 15_000);

    // The old active, restarted, finds the hall taken and waits as a standby.
    const again = await startChild(env('a'));
    children.push(again);
    expect(await health(again)).toEqual({ status: 503, role: 'standby' });
    console.log(`standby took over ${takeoverMs} ms after the kill`);
  }, 60_000);
});
