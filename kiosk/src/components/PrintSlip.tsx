import { useEffect, useRef } from 'preact/hooks';
import { type Slip, SLIP_NO_SHOW_RULE, slipGuideLines, slipWaitLine } from '../../../shared/slip.ts';
import { QrCode } from './QrCode.tsx';

const MM_PER_PX = 25.4 / 96;

/**
 * The 80 mm slip of SPEC §7 for a kiosk whose printer is the browser's: laid out off screen,
 * the only thing on paper (see `@media print`). It prints once, when it appears; Chromium in
 * kiosk mode with --kiosk-printing sends it to the default printer without a dialog.
 */
export function PrintSlip({ slip }: { slip: Slip }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The page is as long as the slip, so a roll printer feeds no blank paper.
    const page = document.createElement('style');
    const height = Math.ceil(ref.current!.getBoundingClientRect().height * MM_PER_PX);
    page.textContent = `@page { size: 80mm ${height}mm; margin: 0; }`;
    document.head.append(page);
    // Let the QR code paint before printing.
    const timer = setTimeout(() => window.print(), 150);
    return () => {
      clearTimeout(timer);
      page.remove();
    };
  }, [slip.number, slip.statusUrl]);

  return (
    <div class="print-slip" ref={ref} aria-hidden="true">
      <p class="print-slip__hall">{slip.hallName}</p>
      <p>{slip.departmentName}</p>
      <p>{slip.serviceName}</p>
      <hr />
      <p class="print-slip__number">{slip.number}</p>
      {slip.priority && <p class="print-slip__priority">绿色通道</p>}
      {slip.booked && <p class="print-slip__priority">预约</p>}
      <p>前面还有 {slip.ahead} 人</p>
      <p>{slipWaitLine(slip)}</p>
      <p>取号时间：{slip.issuedAtText}</p>
      {slipGuideLines(slip).length > 0 && (
        <>
          <hr />
          <div class="print-slip__guide">
            {slipGuideLines(slip).map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        </>
      )}
      <hr />
      <QrCode text={slip.statusUrl} label="" class="print-slip__qr" />
      <p>扫码查看排队进度、评价服务</p>
      <p class="print-slip__notice">{slip.notice}</p>
      <p class="print-slip__notice">{SLIP_NO_SHOW_RULE}</p>
    </div>
  );
}
