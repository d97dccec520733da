import type { Figures, SummaryRow } from '../../../../shared/reports/summary.ts';
import { count, minutesOf, percent } from '../format.ts';
import { type Translate, useT } from '../../use-t.ts';
import type { MessageKey } from '../../messages.ts';

export type Breakdown = 'departments' | 'windows' | 'services' | 'clerks' | 'halls';

interface Column {
  key: MessageKey;
  cell: (f: Figures, t: Translate) => string;
  /**
   * Figures of tickets rather than visits, for departments, services and halls: a ticket is
   * issued to a service, and at one window or clerk its visits are nearly always one.
   */
  ticketLevel?: boolean;
}

/** The main figures of a half-year bulletin, in the order the office reads them. */
const COLUMNS: Column[] = [
  { key: 'fig.issued', cell: (f) => count(f.issued), ticketLevel: true },
  { key: 'fig.served', cell: (f) => count(f.served) },
  { key: 'fig.ticketsServed', cell: (f) => count(f.ticketsServed), ticketLevel: true },
  { key: 'fig.noShows', cell: (f) => count(f.noShows) },
  { key: 'fig.cases', cell: (f) => count(f.cases) },
  { key: 'fig.casesCompleted', cell: (f) => count(f.casesCompleted) },
  { key: 'fig.completionRate', cell: (f) => (f.cases > 0 ? percent(f.completionRate) : '—') },
  { key: 'fig.averageWait', cell: (f, t) => (f.waitSeconds.count > 0 ? minutesOf(f.waitSeconds.average, t) : '—') },
  { key: 'fig.averageService', cell: (f, t) => (f.serviceSeconds.count > 0 ? minutesOf(f.serviceSeconds.average, t) : '—') },
  { key: 'fig.serviceLevel', cell: (f) => (f.serviceLevelTickets > 0 ? percent(f.serviceLevel) : '—') },
  { key: 'fig.ratings', cell: (f) => count(f.ratings.count) },
  { key: 'fig.satisfaction', cell: (f) => (f.ratings.count > 0 ? percent(f.satisfactionRate) : '—') },
];

const NAME_HEADING: Record<Breakdown, MessageKey> = { departments: 'fig.department', windows: 'fig.window', services: 'fig.service', clerks: 'fig.clerk', halls: 'fig.hall' };

/** One breakdown of the period report, with the whole hall as the last line. */
export function FigureTable({ by, rows, hall, departmentName, totalLabel }: { by: Breakdown; rows: SummaryRow[]; hall: Figures; departmentName: (id: string) => string; totalLabel?: string }) {
  const t = useT();
  const columns = COLUMNS.filter((c) => !c.ticketLevel || by === 'departments' || by === 'services' || by === 'halls');
  const label = (r: SummaryRow) => (by === 'windows' ? t('unit.window', { n: r.number ?? r.id }) : r.name);
  const sub = (r: SummaryRow) => {
    if (by === 'windows') return `${r.name}${r.departmentId ? ` · ${departmentName(r.departmentId)}` : ''}`;
    if (by === 'clerks') return `${r.staffNo ?? ''}${r.departmentId ? ` · ${departmentName(r.departmentId)}` : ''}`;
    if (by === 'services') return r.departmentId ? departmentName(r.departmentId) : '';
    return '';
  };
  return (
    <div class="mgr-table-wrap">
      <table class="mgr-table mgr-table--figures" data-breakdown={by}>
        <thead>
          <tr>
            <th scope="col">{t(NAME_HEADING[by])}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" class="num">
                {t(c.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} class={r.served === 0 && r.calls === 0 ? 'is-zero' : undefined} data-row={r.id}>
              <th scope="row">
                <span class="mgr-cell-main">{label(r)}</span>
                {sub(r) && <span class="mgr-cell-sub">{sub(r)}</span>}
              </th>
              {columns.map((c) => (
                <td key={c.key} class="num">
                  {c.cell(r, t)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{totalLabel ?? t('report.hall')}</th>
            {columns.map((c) => (
              <td key={c.key} class="num">
                {c.cell(hall, t)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
