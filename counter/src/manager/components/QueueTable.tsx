import type { HallView } from '../../../../shared/views.ts';
import { minutesOf } from '../format.ts';
import { useT } from '../../use-t.ts';
import type { Dashboard } from '../manager-api.ts';
import { Empty } from './StateNote.tsx';

/** Waiting now per service, the longest wait, and how many of its windows are staffed. */
export function QueueTable({ hall, queues }: { hall: HallView; queues: Dashboard['queues'] }) {
  const t = useT();
  const byService = new Map(queues.map((q) => [q.serviceId, q]));
  const departments = new Map(hall.departments.map((d) => [d.id, d.name]));
  if (hall.services.length === 0) return <Empty text={t('queues.empty')} />;
  return (
    <div class="mgr-table-wrap">
    <table class="mgr-table mgr-table--queues">
      <thead>
        <tr>
          <th scope="col">{t('queues.service')}</th>
          <th scope="col" class="num">
            {t('queues.waiting')}
          </th>
          <th scope="col" class="num">
            {t('queues.longest')}
          </th>
          <th scope="col" class="num">
            {t('queues.windows')}
          </th>
        </tr>
      </thead>
      <tbody>
        {hall.services.map((s) => {
          const q = byService.get(s.id);
          const waiting = q?.waiting ?? s.waiting;
          const serving = hall.windows.filter((w) => w.serviceIds.includes(s.id));
          const open = serving.filter((w) => w.status === 'open').length;
          return (
            <tr key={s.id} data-service={s.id} class={waiting > 0 ? 'is-busy' : undefined}>
              <th scope="row" title={departments.get(s.departmentId)}>
                <span class="mgr-service">
                  <span class="mgr-prefix">{s.prefix}</span>
                  <span class="mgr-service__name">{s.name}</span>
                  {!s.open && <span class="mgr-tag mgr-tag--muted">{t(s.closedReason === 'cap' ? 'queues.capped' : 'queues.closed')}</span>}
                </span>
              </th>
              <td class="num mgr-waiting" data-testid={`waiting-${s.id}`}>
                {waiting}
              </td>
              <td class="num">{waiting > 0 && q ? minutesOf(q.longestWaitSeconds, t) : '—'}</td>
              <td class={`num${open === 0 && waiting > 0 ? ' mgr-alert' : ''}`}>
                {open} / {serving.length}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
    </div>
  );
}
