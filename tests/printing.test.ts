import { afterEach, describe, expect, it } from 'vitest';
import { EscposNetworkPrinter, encodeSlip } from '../server/printing/escpos-printer.ts';
import { printSlip } from '../server/printing/printer.ts';
import { SLIP_NO_SHOW_RULE, SLIP_NOTICE, type Slip } from '../shared/slip.ts';
import { closedPort, cutIndex, decodeText, qrData, qrFunctions, startFakePrinter, type FakePrinter, type FakePrinterMode } from './support/fake-printer.ts';

const slip: Slip = {
  hallName: '滨江市政务服务中心',
  departmentName: '市场监督管理局',
  serviceName: '企业开办',
  number: 'A001',
  priority: false,
  ahead: 3,
  estimatedWaitMinutes: 12,
  windowsOpen: 2,
  issuedAtText: '2026-11-26 09:41',
  statusUrl: 'https://zwfw.binjiang.gov.cn/t/3f9a2c7e-5b1d-4e8a-9c0f-2d6b8e1a4c37',
  notice: SLIP_NOTICE,
  materials: [],
};

const TIMEOUT_MS = 1000;
const MARGIN_MS = 500;
const network = (port: number, host = '127.0.0.1') => ({ type: 'network' as const, host, port, timeoutMs: TIMEOUT_MS });
const printer = new EscposNetworkPrinter();

let fake: FakePrinter | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
async function start(mode: FakePrinterMode) {
  fake = await startFakePrinter(mode);
  return fake;
}

/** Rejects with a message matching `reason`, in no more than timeoutMs + margin. */
async function expectRejection(run: Promise<unknown>, reason: RegExp) {
  const started = Date.now();
  await expect(run).rejects.toThrow(reason);
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
}

describe('encodeSlip', () => {
  it('lays out the slip in GB18030 with a native QR code and a cut', async () => {
    const bytes = await encodeSlip(slip);
    const text = decodeText(bytes);
    for (const s of ['滨江市政务服务中心', '市场监督管理局', '企业开办', 'A001', '前面还有 3 人', '预计等候约 12 分钟', '2026-11-26 09:41', '扫码查看排队进度、评价服务', SLIP_NOTICE, SLIP_NO_SHOW_RULE]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('绿色通道');
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
    // The number in quad size (GS ! 0x33) and bold.
    expect(bytes.includes(Buffer.from([0x1b, 0x45, 0x01, 0x1d, 0x21, 0x33, ...Buffer.from('A001\n')]))).toBe(true);
    // Model 2, module size, error correction, store, print — print with pL pH = 3.
    expect(qrFunctions(bytes).map((f) => f.fn)).toEqual([0x41, 0x43, 0x45, 0x50, 0x51]);
    expect(qrFunctions(bytes).at(-1)!.params).toEqual(Buffer.from([0x30]));
    expect(qrData(bytes)).toBe(slip.statusUrl);
    expect(cutIndex(bytes)).toBeGreaterThan(bytes.lastIndexOf(Buffer.from('\x1d(k')));
  });

  it('lists five materials of the 办事指南 at most, then points to the phone page; the promised days after', async () => {
    const materials = ['身份证原件', '户口簿', '结婚证', '近期免冠照片', '申请表', '委托书', '房产证明'];
    const text = decodeText(await encodeSlip({ ...slip, materials, promisedDays: 5 }));
    for (const s of ['请备齐以下材料：', '1. 身份证原件', '5. 申请表', '另有 2 项，请扫码查看', '承诺时限：5 个工作日']) expect(text).toContain(s);
    expect(text).not.toContain('委托书');
    expect(decodeText(await encodeSlip({ ...slip, promisedDays: 0 }))).toContain('承诺时限：当场办结');
  });

  it('says 绿色通道 for a priority ticket', async () => {
    expect(decodeText(await encodeSlip({ ...slip, priority: true }))).toContain('绿色通道');
  });
});

describe('EscposNetworkPrinter', () => {
  it('prints the slip to a printer that answers its status', async () => {
    const { nextClosed } = await start('normal');
    await printer.print(network(fake!.port), slip);
    const { bytes } = await nextClosed();
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0x10, 0x04, 0x04]));
    const text = decodeText(bytes);
    for (const s of ['滨江市政务服务中心', '市场监督管理局', '企业开办', 'A001', '前面还有 3 人', SLIP_NOTICE]) expect(text).toContain(s);
    expect(qrData(bytes)).toBe(slip.statusUrl);
    expect(cutIndex(bytes)).toBeGreaterThan(0);
    expect(bytes.subarray(3)).toEqual(await encodeSlip(slip));
  });

  it('prints to a printer that never answers its status but reads and closes', async () => {
    const { nextClosed } = await start('no-status');
    await printer.print(network(fake!.port), slip);
    expect(qrData((await nextClosed()).bytes)).toBe(slip.statusUrl);
  });

  it('rejects quickly when nothing listens', async () => {
    await expectRejection(printer.print(network(await closedPort()), slip), /^打印机未连接（连接被拒绝）$/);
  });

  it('rejects in time when the printer accepts but never reads', async () => {
    await start('silent');
    await expectRejection(printer.print(network(fake!.port), slip), /^打印机无响应（超时）$/);
  });

  it('rejects when the printer is out of paper, and hangs up', async () => {
    const { nextClosed } = await start('paper-out');
    await expectRejection(printer.print(network(fake!.port), slip), /缺纸/);
    const { bytes } = await nextClosed();
    expect(cutIndex(bytes)).toBe(-1);
  });
});

describe('printSlip with the ESC/POS printer', () => {
  it('is printed when the printer took it', async () => {
    await start('normal');
    expect(await printSlip(printer, network(fake!.port), slip)).toEqual({ status: 'printed' });
  });

  it('fails in plain words when the printer is down', async () => {
    expect(await printSlip(printer, network(await closedPort()), slip)).toEqual({ status: 'failed', message: '打印机未连接（连接被拒绝）' });
  });
});
