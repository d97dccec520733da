import type { PrinterConfig } from '../../shared/config-schema.ts';
import type { Slip } from '../../shared/slip.ts';

/**
 * How a kiosk's slip gets printed. `printed`: the network printer took it; `failed`: it did
 * not (the ticket is issued all the same); `browser`: the kiosk page prints the slip;
 * `none`: the kiosk has no printer.
 */
export type PrintResult =
  | { status: 'printed' }
  | { status: 'failed'; message: string }
  | { status: 'browser'; slip: Slip }
  | { status: 'none' };

export interface NetworkSlipPrinter {
  /** Resolves when the printer took the bytes; rejects with a plain-words reason otherwise. Bounded in time. */
  print(printer: Extract<PrinterConfig, { type: 'network' }>, slip: Slip): Promise<void>;
}

export async function printSlip(network: NetworkSlipPrinter | undefined, printer: PrinterConfig | undefined, slip: Slip): Promise<PrintResult> {
  if (!printer) return { status: 'none' };
  if (printer.type === 'browser') return { status: 'browser', slip };
  if (!network) return { status: 'failed', message: '网络打印未启用' };
  try {
    await network.print(printer, slip);
    return { status: 'printed' };
  } catch (e) {
    return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
