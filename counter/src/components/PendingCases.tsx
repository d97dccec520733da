import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Case } from '../../../shared/types.ts';
import type { HallView } from '../../../shared/views.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import { useLangChoice, useT } from '../use-t.ts';

interface Props {
  cases?: Case[];
  loadError?: string;
  hall?: HallView;
  departmentName: string;
  busy: boolean;
  onComplete: (c: Case) => void;
  onRefresh: () => void;
}

function acceptedText(at: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** 受理 cases of the clerk's department, each with its 办结 button; ↑/↓ move between them. */
export function PendingCases({ cases, loadError, hall, departmentName, busy, onComplete, onRefresh }: Props) {
  const t = useT();
  const { lang } = useLangChoice();
  const ref = useRef<HTMLDivElement>(null);
  const focused = useRef(false);
  useLayoutEffect(() => {
    if (!cases?.length || focused.current) return;
    focused.current = true;
    ref.current?.querySelector<HTMLButtonElement>('button[data-case]')?.focus();
  }, [cases]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button[data-case]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    e.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };

  const windowOf = (id: string) => hall?.windows.find((w) => w.id === id);
  return (
    <section class="cases" ref={ref} onKeyDown={onKeyDown} data-testid="pending-cases">
      <div class="cases__head">
        <div>
          <h1 class="cases__title">{t('cases.title', { department: departmentName })}</h1>
          <p class="cases__intro">{t('cases.intro')}</p>
        </div>
        <button type="button" class="btn btn--quiet btn--small" onClick={onRefresh}>
          {t('cases.refresh')}
        </button>
      </div>
      {loadError && (
        <p class="notice notice--error" role="alert">
          {loadError}
        </p>
      )}
      {!cases && !loadError && <p class="empty">{t('cases.loading')}</p>}
      {cases && cases.length === 0 && <p class="empty empty--big">{t('cases.empty')}</p>}
      {cases && cases.length > 0 && (
        <table class="cases__table">
          <thead>
            <tr>
              <th>{t('cases.number')}</th>
              <th>{t('cases.service')}</th>
              <th>{t('cases.acceptedAt')}</th>
              <th>{t('cases.window')}</th>
              <th>{t('cases.note')}</th>
              <th>
                <span class="visually-hidden">{t('cases.complete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => {
              const w = windowOf(c.windowId);
              return (
                <tr key={c.ticketId} data-number={c.number}>
                  <td class="cases__number">{c.number}</td>
                  <td>{hall?.services.find((s) => s.id === c.serviceId)?.name ?? c.serviceId}</td>
                  <td class="cases__time">{acceptedText(c.acceptedAt, lang)}</td>
                  <td>{w ? t('unit.window', { n: w.number }) : c.windowId}</td>
                  <td class="cases__note">{c.note ?? '—'}</td>
                  <td class="cases__action">
                    <button type="button" class="btn btn--done btn--small" data-case={c.ticketId} disabled={busy} onClick={() => onComplete(c)}>
                      {t('cases.complete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p class="dialog__keys">{t('cases.keysHint')}</p>
    </section>
  );
}
