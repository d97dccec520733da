import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/ui/api.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import type { ServiceView } from '../../../shared/views.ts';
import { type IssueResult, issueTicket } from '../issue.ts';
import type { MessageKey } from '../messages.ts';
import { ServiceGuide } from './ServiceGuide.tsx';
import { closedText, waitText } from './ServiceList.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface Props {
  deviceKey: string;
  service: ServiceView;
  departmentName: string;
  online: boolean;
  lang: Lang;
  t: T;
  onIssued: (result: IssueResult) => void;
}

/** The last step: the chosen service, the 绿色通道 choice, and one button that issues exactly one ticket. */
export function ConfirmIssue({ deviceKey, service, departmentName, online, lang, t, onIssued }: Props) {
  const [priority, setPriority] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [error, setError] = useState<string>();
  // A second tap lands before the re-render that disables the button; the ref stops it.
  const inFlight = useRef(false);

  async function issue() {
    if (inFlight.current) return;
    inFlight.current = true;
    setIssuing(true);
    setError(undefined);
    try {
      onIssued(await issueTicket(deviceKey, service.id, priority, lang));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      inFlight.current = false;
      setIssuing(false);
    }
  }

  const canIssue = online && service.open && !issuing;
  return (
    <div class="confirm">
      <div class="confirm__service">
        <span class="confirm__prefix" aria-hidden="true">
          {service.prefix}
        </span>
        <div>
          <p class="confirm__department">{departmentName}</p>
          <h3 class="confirm__name">{service.name}</h3>
        </div>
      </div>
      <dl class="confirm__stats">
        <div>
          <dt>{t('waitingLabel')}</dt>
          <dd>{t('people', { n: service.waiting })}</dd>
        </div>
        <div>
          <dt>{t('waitLabel')}</dt>
          <dd>{service.open ? waitText(t, service) : closedText(t, service)}</dd>
        </div>
      </dl>
      {service.guide && <ServiceGuide guide={service.guide} t={t} />}

      <button type="button" class={`priority-choice${priority ? ' priority-choice--on' : ''}`} role="switch" aria-checked={priority} onClick={() => setPriority(!priority)} disabled={issuing}>
        <span class="priority-choice__box" aria-hidden="true">
          {priority && (
            <svg viewBox="0 0 24 24">
              <path d="m5 12.5 4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
          )}
        </span>
        <span class="priority-choice__text">
          <span class="priority-choice__title">{t('priorityTitle')}</span>
          <span class="priority-choice__who">{t('priorityWho')}</span>
        </span>
      </button>

      {error && (
        <p class="inline-error" role="alert">
          {error}
        </p>
      )}
      {!online && <p class="inline-note">{t('offlineNoIssue')}</p>}

      <div class="confirm__actions">
        <button type="button" class="button button--primary confirm__issue" onClick={issue} disabled={!canIssue} aria-busy={issuing}>
          {issuing ? t('issuing') : service.open ? t('confirm') : closedText(t, service)}
        </button>
      </div>
    </div>
  );
}
