import { afterEach, describe, expect, it } from 'vitest';
import { EscposNetworkPrinter } from '../server/printing/escpos-printer.ts';
import { SLIP_NOTICE } from '../shared/slip.ts';
import { KIOSK_KEY, testConfig } from './support/config.ts';
import { closedPort, cutIndex, decodeText, type FakePrinter, qrData, qrFunctions, startFakePrinter } from './support/fake-printer.ts';
import { startHall, type TestHall } from './support/harness.ts';

/** Issue items 1–2 through the API: the kiosk's network printer gets the slip, or its failure is reported and the ticket kept. */

const TIMEOUT_MS = 1500;
/** An issue with a dead printer must still answer within the printer timeout and this margin. */
const MARGIN_MS = 1000;

let h: TestHall | undefined;
let fake: FakePrinter | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

/** The test hall with kiosk-1 (KIOSK_KEY) printing to `port` on loopback. */
async function hallPrintingTo(port: number): Promise<TestHall> {
  const config = testConfig((c) => {
    const kiosk = c.devices.find((d) => d.key === KIOSK_KEY)!;
    kiosk.printer = { type: 'network', host: '127.0.0.1', port, timeoutMs: TIMEOUT_MS };
  });
  h = await startHall({ config, networkPrinter: new EscposNetworkPrinter() });
  return h;
}

function tokenOf(statusUrl: string): string {
  return new URL(statusUrl).searchParams.get('token')!;
}

describe('printing a ticket slip at the kiosk', () => {
  it('sends the slip to the network printer: hall, service, number, people ahead, the QR code of the status URL, a cut', async () => {
    fake = await startFakePrinter('normal');
    const hall = await hallPrintingTo(fake.port);

    const first = await hall.api.issue('company');
    expect(first.status).toBe(201);
    await fake.nextClosed();

    const issued = await hall.api.issue('company');
    expect(issued.status).toBe(201);
    expect(issued.body.print).toEqual({ status: 'printed' });
    const { ticket } = issued.body;
    expect(ticket).toMatchObject({ number: 'A002', ahead: 1 });

    const { bytes } = await fake.nextClosed();
    const text = decodeText(bytes);
    // No clerk is signed in at a company window yet: the slip promises no minutes.
    expect(ticket.windowsOpen).toBe(0);
    expect(text).not.toContain('分钟');
    for (const line of ['滨江市政务服务中心', '市场监督管理局', '企业开办', 'A002', '前面还有 1 人', '窗口暂未开放，开放后按顺序叫号', '取号时间：2026-11-26 10:00', SLIP_NOTICE]) {
      expect(text).toContain(line);
    }
    // The service's 办事指南 as a short list: nobody learns at the window what they should have brought.
    for (const line of ['请备齐以下材料：', '1. 公司登记（备案）申请书', '4. 住所使用证明', '承诺时限：1 个工作日']) expect(text).toContain(line);
    // GS ( k: store the status URL, then print it; the cut comes after the QR code.
    expect(qrData(bytes)).toBe(ticket.statusUrl);
    expect(qrFunctions(bytes).map((f) => f.fn)).toContain(0x51);
    expect(cutIndex(bytes)).toBeGreaterThan(qrFunctions(bytes).at(-1)!.end - 1);

    // The QR code opens this ticket, and only with its token.
    const page = await hall.api.get(`/tickets/${ticket.id}?token=${tokenOf(ticket.statusUrl)}`);
    expect(page.status).toBe(200);
    expect(page.body.ticket).toMatchObject({ number: 'A002', status: 'waiting', ahead: 1 });
    expect(Object.values(hall.hall.engine.data.printerFaults)).toEqual([]);
  });

  it('prints 绿色通道 on a priority ticket', async () => {
    fake = await startFakePrinter('normal');
    const hall = await hallPrintingTo(fake.port);
    const issued = await hall.api.issue('trader', { priority: true });
    expect(issued.body.print.status).toBe('printed');
    const text = decodeText((await fake.nextClosed()).bytes);
    expect(text).toContain('B001');
    expect(text).toContain('绿色通道');
    expect(text).toContain('个体工商户登记');
    // A service without a 办事指南 prints none.
    expect(text).not.toContain('材料');
  });

  it('a ticket taken in English opens the phone page in English: the QR code says so', async () => {
    fake = await startFakePrinter('normal');
    const hall = await hallPrintingTo(fake.port);
    const issued = await hall.api.post('/tickets', { serviceId: 'company', lang: 'en' }, KIOSK_KEY);
    expect(issued.status).toBe(201);
    expect(new URL(issued.body.ticket.statusUrl).searchParams.get('lang')).toBe('en');
    expect(qrData((await fake.nextClosed()).bytes)).toBe(issued.body.ticket.statusUrl);
    const zh = await hall.api.issue('company');
    expect(new URL(zh.body.ticket.statusUrl).searchParams.get('lang')).toBeNull();
    expect((await hall.api.post('/tickets', { serviceId: 'company', lang: 'fr' }, KIOSK_KEY)).status).toBe(400);
  });
});

describe('a printer that is down never loses the ticket', () => {
  const cases: Array<{ name: string; printerPort: () => Promise<number>; reason: RegExp }> = [
    { name: 'nothing listens on its port', printerPort: () => closedPort(), reason: /^打印机未连接/ },
    {
      name: 'it accepts the connection and never answers',
      printerPort: async () => {
        fake = await startFakePrinter('silent');
        return fake.port;
      },
      reason: /^打印机无响应（超时）$/,
    },
    {
      name: 'it reports no paper',
      printerPort: async () => {
        fake = await startFakePrinter('paper-out');
        return fake.port;
      },
      reason: /缺纸/,
    },
  ];

  for (const c of cases) {
    it(`issues the ticket in bounded time, says the print failed and reports the fault when ${c.name}`, async () => {
      const hall = await hallPrintingTo(await c.printerPort());
      const manager = await hall.socket({ token: await hall.api.login('9001') });
      await manager.waitFor('hall:snapshot');

      const started = Date.now();
      const issued = await hall.api.issue('company');
      const took = Date.now() - started;

      expect(issued.status).toBe(201);
      expect(took).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      const { ticket, print } = issued.body;
      expect(ticket).toMatchObject({ number: 'A001', ahead: 0 });
      expect(print.status).toBe('failed');
      expect(print.message).toMatch(c.reason);
      // Plain words for people, never a socket error code.
      expect(print.message).not.toMatch(/[A-Z]{4,}|Error/);

      // The ticket is stored and in the queue.
      expect(hall.hall.engine.data.tickets[ticket.id]).toMatchObject({ number: 'A001', status: 'waiting', kioskId: 'kiosk-1' });
      const page = await hall.api.get(`/tickets/${ticket.id}?token=${tokenOf(ticket.statusUrl)}`);
      expect(page.body.ticket).toMatchObject({ number: 'A001', status: 'waiting' });

      // The fault is kept for the manager view and pushed to it live.
      const faults = Object.values(hall.hall.engine.data.printerFaults);
      expect(faults).toHaveLength(1);
      expect(faults[0]).toMatchObject({ deviceId: 'kiosk-1', ticketNumber: 'A001', message: print.message });
      const pushed = await manager.waitFor('printer:fault', (f) => f.ticketNumber === 'A001');
      expect(pushed).toMatchObject({ deviceId: 'kiosk-1', message: print.message });

      // And the next citizen still gets the next number.
      const next = await hall.api.issue('company');
      expect(next.status).toBe(201);
      expect(next.body.ticket.number).toBe('A002');
    });
  }
});
