import { useState } from 'preact/hooks';
import { addDays, isBusinessDate } from '../../../../shared/time.ts';
import { formatTime } from '../../../../shared/ui/format.ts';
import type { HallView } from '../../../../shared/views.ts';
import { useT } from '../../use-t.ts';
import { HALL_ZONE, percent, weekdayOf } from '../format.ts';
import type { ManagerApi, ManagerAppointment } from '../manager-api.ts';
import { useDraft } from '../use-draft.ts';
import { useLoad } from '../use-load.ts';
import { Panel } from './Panel.tsx';
import { StatCard } from './StatCard.tsx';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';

interface Props {
  api: ManagerApi;
  hall?: HallView;
  today: string;
  /** Bumped by the hall's changes (a check-in issues a ticket): the list follows. */
  version: number;
  onUnauthorized: () => void;
}

const STATUS_TONE: Record<ManagerAppointment['status'], string> = {
  booked: 'mgr-appt-status--booked',
  'checked-in': 'mgr-appt-status--in',
  cancelled: 'mgr-appt-status--cancelled',
  'no-show': 'mgr-appt-status--no-show',
};

/** 预约: a day's bookings per service, by slot — who is still to come, who checked in (and got which number), who did not. */
export function AppointmentsView({ api, hall, today, version, onUnauthorized }: Props) {
  const t = useT();
  const [date, setDate] = useState(today);
  const [draft, setDraft] = useDraft(date, (d) => d, isBusinessDate, setDate);
  const list = useLoad(`${date}#${version}`, () => api.appointments(date), onUnauthorized);
  const loadedFor = list.dataKey?.split('#')[0];
  const data = loadedFor === date ? list.data?.appointments : undefined;
  const zone = hall?.timezone ?? HALL_ZONE;

  const taking = hall?.services.filter((s) => s.appointments) ?? [];
  // Services that took bookings that day and no longer do still show theirs.
  const serviceIds = [...taking.map((s) => s.id), ...new Set((data ?? []).map((a) => a.serviceId).filter((id) => !taking.some((s) => s.id === id)))];

  const held = (data ?? []).filter((a) => a.status !== 'cancelled');
  const count = (status: ManagerAppointment['status']) => held.filter((a) => a.status === status).length;
  const late = held.filter((a) => a.late).length;
  const share = (n: number) => (held.length > 0 ? t('appt.share', { p: percent(n / held.length) }) : '—');

  return (
    <div class="mgr-appointments">
      <div class="mgr-toolbar">
        <h1 class="mgr-view-title">{t('appt.title')}</h1>
        <div class="mgr-period mgr-appt-day" role="group" aria-label={t('appt.day')}>
          <div class="mgr-period__quick">
            {[
              [today, 'appt.today'],
              [addDays(today, 1), 'appt.tomorrow'],
            ].map(([d, label]) => (
              <button key={label} type="button" class={`mgr-chip${d === date ? ' is-active' : ''}`} aria-pressed={d === date} onClick={() => setDate(d)}>
                {t(label as 'appt.today' | 'appt.tomorrow')}
              </button>
            ))}
          </div>
          <div class="mgr-period__dates">
            <button type="button" class="mgr-btn mgr-btn--small" aria-label={t('appt.prev')} title={t('appt.prev')} onClick={() => setDate(addDays(date, -1))}>
              ‹
            </button>
            <label class="mgr-date">
              <span class="visually-hidden">{t('appt.day')}</span>
              <input
                type="date"
                name="date"
                value={draft}
                onInput={(e) => setDraft(e.currentTarget.value)}
              />
            </label>
            <span class="mgr-appt-day__weekday">{weekdayOf(date, t)}</span>
            <button type="button" class="mgr-btn mgr-btn--small" aria-label={t('appt.next')} title={t('appt.next')} onClick={() => setDate(addDays(date, 1))}>
              ›
            </button>
          </div>
          <div class="mgr-period__actions">
            <button type="button" class="mgr-btn" onClick={list.reload} disabled={list.loading}>
              <span class="mgr-btn__icon" aria-hidden="true">
                ↻
              </span>
              {t('appt.refresh')}
            </button>
          </div>
        </div>
      </div>

      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {!data ? (
        !list.error && <Loading />
      ) : (
        <>
          <div class="mgr-stats mgr-stats--appointments" data-testid="appt-stats">
            <StatCard label={t('appt.total')} value={held.length} unit={t('appt.people')} sub={t('appt.totalSub')} testId="appt-total" />
            <StatCard label={t('appt.checkedIn')} value={count('checked-in')} unit={t('appt.people')} sub={late > 0 ? t('appt.lateSub', { n: late }) : share(count('checked-in'))} testId="appt-checked-in" />
            <StatCard label={t('appt.waiting')} value={count('booked')} unit={t('appt.people')} sub={share(count('booked'))} testId="appt-waiting" />
            <StatCard label={t('appt.noShow')} value={count('no-show')} unit={t('appt.people')} sub={share(count('no-show'))} tone={count('no-show') > 0 ? 'warn' : undefined} testId="appt-no-show" />
            <StatCard label={t('appt.cancelled')} value={(data ?? []).length - held.length} unit={t('appt.people')} testId="appt-cancelled" />
          </div>
          {serviceIds.length === 0 ? (
            <Empty text={t('appt.noServices')} />
          ) : (
            <div class="mgr-appt-groups">
              {serviceIds.map((id) => {
                const service = hall?.services.find((s) => s.id === id);
                const department = service && hall?.departments.find((d) => d.id === service.departmentId);
                const rows = data.filter((a) => a.serviceId === id);
                return (
                  <Panel
                    key={id}
                    title={service?.name ?? id}
                    class="mgr-appt-group"
                    aside={
                      <>
                        {department && <span class="mgr-muted">{department.name}</span>}
                        {service?.appointments ? <span class="mgr-muted">{t('appt.slotMinutes', { n: service.appointments.slotMinutes })}</span> : <span class="mgr-tag mgr-tag--muted">{t('appt.notTaking')}</span>}
                        <span class="mgr-tag mgr-tag--good">{t('appt.count', { n: rows.filter((a) => a.status !== 'cancelled').length })}</span>
                      </>
                    }
                  >
                    {rows.length === 0 ? <Empty text={t('appt.empty')} /> : <BookingTable rows={rows} zone={zone} serviceId={id} />}
                  </Panel>
                );
              })}
            </div>
          )}
          <p class="mgr-formula">{t('appt.note')}</p>
        </>
      )}
    </div>
  );
}

function BookingTable({ rows, zone, serviceId }: { rows: ManagerAppointment[]; zone: string; serviceId: string }) {
  const t = useT();
  return (
    <div class="mgr-table-wrap">
      <table class="mgr-table mgr-table--appointments" data-service={serviceId}>
        <thead>
          <tr>
            <th scope="col">{t('appt.col.slot')}</th>
            <th scope="col">{t('appt.col.code')}</th>
            <th scope="col">{t('appt.col.name')}</th>
            <th scope="col">{t('appt.col.phone')}</th>
            <th scope="col">{t('appt.col.status')}</th>
            <th scope="col">{t('appt.col.checkedIn')}</th>
            <th scope="col">{t('appt.col.ticket')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a, i) => {
            const firstOfSlot = i === 0 || rows[i - 1].start !== a.start;
            return (
              <tr key={a.id} data-code={a.code} data-status={a.status} class={`${firstOfSlot && i > 0 ? 'is-slot-start' : ''}${a.status === 'cancelled' ? ' is-zero' : ''}`}>
                <th scope="row" class="mgr-appt-slot">
                  {firstOfSlot && (
                    <>
                      {formatTime(a.start, zone)}–{formatTime(a.end, zone)}
                    </>
                  )}
                </th>
                <td class="mgr-appt-code">{a.code}</td>
                <td>{a.name ?? '—'}</td>
                <td class="mgr-appt-phone">{a.phone ?? '—'}</td>
                <td>
                  <span class={`mgr-appt-status ${STATUS_TONE[a.status]}`}>{t(`appt.status.${a.status}`)}</span>
                  {a.late && <span class="mgr-tag mgr-tag--warn">{t('appt.lateTag')}</span>}
                </td>
                <td class="mgr-appt-time">{a.checkedInAt !== undefined ? formatTime(a.checkedInAt, zone) : '—'}</td>
                <td class="mgr-appt-ticket">{a.ticketNumber ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
