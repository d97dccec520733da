import type { WindowSnapshot } from '../../../shared/events.ts';
import { minutesBetween } from '../../../shared/ui/format.ts';
import type { HallView } from '../../../shared/views.ts';
import { minutesText } from '../durations.ts';
import { useNow } from '../../../shared/ui/use-now.ts';
import { useT } from '../use-t.ts';

/** How many wait for each of this window's services, and for how long the longest has. */
export function QueuePanel({ snapshot, hall }: { snapshot: WindowSnapshot; hall?: HallView }) {
  const t = useT();
  const now = useNow(15_000);
  return (
    <section class="panel" aria-labelledby="queue-title" data-testid="queue-panel">
      <h2 class="panel__title" id="queue-title">
        {t('queue.title')}
      </h2>
      <ul class="queue">
        {snapshot.queue.map((q) => {
          const service = hall?.services.find((s) => s.id === q.serviceId);
          return (
            <li key={q.serviceId} class="queue__row" data-service={q.serviceId}>
              <span class="queue__prefix">{service?.prefix ?? ''}</span>
              <span class="queue__name">
                {service?.name ?? q.serviceId}
                <span class="queue__oldest">{q.oldestEnqueuedAt !== undefined ? t('queue.oldest', { t: minutesText(minutesBetween(q.oldestEnqueuedAt, now), t) }) : t('queue.empty')}</span>
              </span>
              <span class={`queue__count${q.waiting === 0 ? ' queue__count--zero' : ''}`} data-testid={`waiting-${q.serviceId}`}>
                {q.waiting}
                <small>{t('queue.people')}</small>
              </span>
            </li>
          );
        })}
        {snapshot.transferredHere > 0 && (
          <li class="queue__row queue__row--transfer">
            <span class="queue__prefix">⇢</span>
            <span class="queue__name">{t('queue.transferredHere')}</span>
            <span class="queue__count" data-testid="transferred-here">
              {snapshot.transferredHere}
              <small>{t('queue.people')}</small>
            </span>
          </li>
        )}
      </ul>
      {/* Each ticket sent here, called before anyone else: which, from where, why, since when. */}
      {snapshot.transfers && snapshot.transfers.length > 0 && (
        <ol class="transfers" data-testid="transfers-here">
          {snapshot.transfers.map((x) => (
            <li key={x.number} class="transfers__item" data-number={x.number}>
              <span class="transfers__number">{x.number}</span>
              <span class="transfers__from">
                {x.fromWindowNumber !== undefined ? t('queue.transferFrom', { n: x.fromWindowNumber }) : ''}
                <span class="transfers__waited">{t('queue.transferWaited', { t: minutesText(minutesBetween(x.enqueuedAt, now), t) })}</span>
              </span>
              {x.note && <span class="transfers__note">{x.note}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
