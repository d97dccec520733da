import { Socket } from 'node:net';
import type Printer from 'escpos';
import type { PrinterConfig } from '../../shared/config-schema.ts';
import { type Slip, SLIP_NO_SHOW_RULE, slipGuideLines, slipWaitLine } from '../../shared/slip.ts';
import type { NetworkSlipPrinter } from './printer.ts';

type NetworkPrinterConfig = Extract<PrinterConfig, { type: 'network' }>;

/** 80 mm paper, font A: 48 columns, 24 Chinese characters. */
const COLUMNS = 48;
/** FS &: double-byte (GB) character mode; most Chinese printers start in it, others need it. */
const CHINESE_MODE = Buffer.from([0x1c, 0x26]);
/**
 * ESC E n directly: escpos's `style('b')` also sends ESC 4 / ESC 5 (Star-style italic), which
 * Epson-compatible printers don't know.
 */
const BOLD_ON = Buffer.from([0x1b, 0x45, 0x01]);
const BOLD_OFF = Buffer.from([0x1b, 0x45, 0x00]);
/** DLE EOT 4: real-time roll paper sensor status, answered with one byte. */
const PAPER_STATUS_QUERY = Buffer.from([0x10, 0x04, 0x04]);
const STATUS_WAIT_MS = 500;

/** One GS ( k function of the QR symbol (cn 49): GS ( k pL pH 49 fn params. */
function qrFunction(fn: number, params: Buffer): Buffer {
  const length = params.length + 2;
  return Buffer.concat([Buffer.from([0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn]), params]);
}

/**
 * The native QR code (GS ( k): model 2, module size, error correction M, store the data, print it.
 * Built here because escpos 3.0.0-alpha.6 has no usable GS ( k: its `qrcode()` sends the
 * vendor-specific GS Z / ESC Z for generic printers, and its `qsprinter` model sends a vendor-only
 * ESC # # QPIX command, puts the QR version into function 167 (module size) and gives the print
 * function a length of data + 3 instead of 3, so a standard printer swallows the bytes after it.
 * (`qrimage()` would send a raster image instead, asynchronously, through get-pixels.)
 */
function qrCode(data: string, moduleSize = 6): Buffer {
  return Buffer.concat([
    qrFunction(0x41, Buffer.from([0x32, 0x00])),
    qrFunction(0x43, Buffer.from([moduleSize])),
    qrFunction(0x45, Buffer.from([0x31])),
    qrFunction(0x50, Buffer.concat([Buffer.from([0x30]), Buffer.from(data, 'utf8')])),
    qrFunction(0x51, Buffer.from([0x30])),
  ]);
}

/**
 * escpos takes about 220 ms to load (its encodings and image code): loaded at the first slip,
 * not at every start of a hall whose kiosks may print through the browser.
 */
let escpos: Promise<typeof Printer> | undefined;
const printerClass = () => (escpos ??= import('escpos').then((m) => m.default));

/** The ESC/POS bytes of a ticket slip, text in GB18030. */
export async function encodeSlip(slip: Slip): Promise<Buffer> {
  const Printer = await printerClass();
  const chunks: Buffer[] = [];
  // The escpos Printer only builds the bytes; `send` below takes them to the printer.
  const collect = {
    write(data: Buffer, done?: () => void) {
      chunks.push(data);
      done?.();
    },
  };
  const p = new Printer(collect, { encoding: 'GB18030', width: COLUMNS });
  p.hardware('init').raw(CHINESE_MODE).align('ct');
  p.raw(BOLD_ON).size(0, 1).text(slip.hallName).size(0, 0).raw(BOLD_OFF);
  p.text(slip.departmentName).text(slip.serviceName).drawLine();
  p.raw(BOLD_ON).size(3, 3).text(slip.number).size(0, 0);
  if (slip.priority) p.size(1, 1).text('绿色通道').size(0, 0);
  if (slip.booked) p.size(1, 1).text('预约').size(0, 0);
  p.raw(BOLD_OFF);
  p.text(`前面还有 ${slip.ahead} 人`).text(slipWaitLine(slip)).text(`取号时间：${slip.issuedAtText}`);
  const guide = slipGuideLines(slip);
  if (guide.length > 0) {
    p.drawLine().align('lt');
    for (const line of guide) p.text(line);
    p.align('ct');
  }
  p.drawLine().raw(qrCode(slip.statusUrl)).text('扫码查看排队进度、评价服务').text(slip.notice).text(SLIP_NO_SHOW_RULE);
  p.cut(false, 4).flush();
  return Buffer.concat(chunks);
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: '打印机未连接（连接被拒绝）',
  EHOSTUNREACH: '打印机未连接（网络不通）',
  ENETUNREACH: '打印机未连接（网络不通）',
  EHOSTDOWN: '打印机未连接（网络不通）',
  ETIMEDOUT: '打印机未连接（连接超时）',
  ENOTFOUND: '打印机地址无法解析',
  EAI_AGAIN: '打印机地址无法解析',
  ECONNRESET: '打印机断开了连接',
  EPIPE: '打印机断开了连接',
};

function reasonFor(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && SOCKET_ERRORS[code]) || `打印机通信失败（${code ?? String(error)}）`;
}

/** A DLE EOT status byte has bits 1 and 4 set and bits 0 and 7 clear. */
const isStatusByte = (b: number) => (b & 0x93) === 0x12;
/** DLE EOT 4, bits 5–6: roll paper end. */
const isPaperEnd = (b: number) => (b & 0x60) === 0x60;

/**
 * Sends `bytes` to a raw TCP (port 9100) printer; settles within `timeoutMs`, socket destroyed
 * and timers cleared either way.
 *
 * Not escpos-network's adapter: it has no timeout (a host that drops packets takes minutes of SYN
 * retries), cannot half-close (its close() destroys the socket), and calls open's callback again
 * on every later socket error.
 *
 * After connecting it asks for the paper status (DLE EOT 4) and waits up to 500 ms for the byte:
 * paper end rejects. A printer that answered is alive and reading, so the slip counts as printed
 * once it is flushed to the socket. Many printers and serial-to-Ethernet boxes never answer, so
 * it prints anyway; but then flushed bytes prove nothing (a hung printer's TCP stack still
 * buffers them), so it waits for the printer to close its side in answer to ours, which shows it
 * read to the end.
 */
function send({ host, port, timeoutMs }: NetworkPrinterConfig, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let phase: 'connecting' | 'status' | 'sending' | 'closing' = 'connecting';
    let statusTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (reason?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(statusTimer);
      socket.destroy();
      if (reason) reject(new Error(reason));
      else resolve();
    };
    const deadline = setTimeout(() => settle(phase === 'connecting' ? '打印机未连接（连接超时）' : '打印机无响应（超时）'), timeoutMs);

    const sendSlip = (answered: boolean) => {
      clearTimeout(statusTimer);
      phase = 'sending';
      socket.once('finish', () => {
        if (answered) settle();
        else phase = 'closing';
      });
      socket.end(bytes);
    };

    socket.on('error', (e) => settle(reasonFor(e)));
    socket.on('end', () => settle(phase === 'closing' ? undefined : '打印机断开了连接'));
    socket.on('close', () => settle('打印机断开了连接'));
    socket.on('data', (chunk: Buffer) => {
      const status = chunk.find(isStatusByte);
      if (phase !== 'status' || status === undefined) return;
      if (isPaperEnd(status)) settle('打印机缺纸');
      else sendSlip(true);
    });
    try {
      socket.connect(port, host, () => {
        phase = 'status';
        socket.write(PAPER_STATUS_QUERY);
        statusTimer = setTimeout(() => sendSlip(false), Math.min(STATUS_WAIT_MS, timeoutMs / 2));
      });
    } catch (e) {
      settle(reasonFor(e));
    }
  });
}

/** Prints ticket slips on an ESC/POS network printer (SPEC §7). */
export class EscposNetworkPrinter implements NetworkSlipPrinter {
  async print(printer: NetworkPrinterConfig, slip: Slip): Promise<void> {
    await send(printer, await encodeSlip(slip));
  }
}
