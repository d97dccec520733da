import type { BookingFigures } from '../../../../shared/reports/appointments.ts';
import { type Translate, useT } from '../../use-t.ts';
import { count, minutesOf } from '../format.ts';
import { Panel } from './Panel.tsx';

/**
 * The period's bookings (预约, SPEC §11) per service: booked, checked in (late ones among
 * them), no-shows, cancelled, and the median wait from the slot's start to the call.
 */
export function BookingFiguresPanel({ figures }: { figures: { services: BookingFigures[]; total: BookingFigures } }) {
  const t = useT();
  if (figures.services.length === 0) return null;
  return (
    <Panel title={t('report.bookings.title')} class="mgr-booking-figures">
      <table class="mgr-table mgr-table--figures" data-testid="report-bookings">
        <thead>
          <tr>
            <th scope="col">{t('fig.service')}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" class="num">
                {t(`report.bookings.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figures.services.map((f) => (
            <Row key={f.serviceId} label={f.name} f={f} t={t} />
          ))}
        </tbody>
        <tfoot>
          <Row label={t('report.bookings.total')} f={figures.total} t={t} />
        </tfoot>
      </table>
    </Panel>
  );
}

const COLUMNS = ['booked', 'checkedIn', 'late', 'noShow', 'cancelled', 'wait'] as const;

function Row({ label, f, t }: { label: string; f: BookingFigures; t: Translate }) {
  const wait = f.waitAfterSlotSeconds.count === 0 ? '—' : minutesOf(f.waitAfterSlotSeconds.median, t);
  return (
    <tr data-service={f.serviceId || 'total'}>
      <th scope="row">{label}</th>
      {[f.booked, f.checkedIn, f.late, f.noShow, f.cancelled].map((n, i) => (
        <td key={COLUMNS[i]} class="num">
          {count(n)}
        </td>
      ))}
      <td class="num">{wait}</td>
    </tr>
  );
}
