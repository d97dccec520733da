import { businessDate } from '../../../../shared/time.ts';
import type { PrinterFault } from '../../../../shared/types.ts';
import { formatTime } from '../../../../shared/ui/format.ts';
import { HALL_ZONE } from '../format.ts';
import { useT } from '../../use-t.ts';

/** Recent kiosk printer failures, newest first: when, which kiosk, what, which ticket went unprinted. */
export function PrinterFaults({ faults, today }: { faults: Array<PrinterFault & { deviceName?: string }>; today: string }) {
  const t = useT();
  if (faults.length === 0) return <p class="mgr-ok">{t('faults.none')}</p>;
  return (
    <ul class="mgr-faults">
      {faults.slice(0, 5).map((f) => {
        const day = businessDate(f.at, HALL_ZONE);
        return (
          <li key={f.id} class="mgr-fault">
            <time class="mgr-fault__time" dateTime={new Date(f.at).toISOString()}>
              {day === today ? formatTime(f.at, HALL_ZONE) : `${day.slice(5)} ${formatTime(f.at, HALL_ZONE)}`}
            </time>
            <span class="mgr-fault__device">{f.deviceName ?? f.deviceId}</span>
            <span class="mgr-fault__message">{f.message}</span>
            {f.ticketNumber && <span class="mgr-fault__ticket">{t('faults.ticket', { n: f.ticketNumber })}</span>}
          </li>
        );
      })}
    </ul>
  );
}
