import { businessDate } from '../../../../../shared/time.ts';
import { formatTime } from '../../../../../shared/ui/format.ts';
import { useT } from '../../../use-t.ts';
import { HALL_ZONE } from '../../format.ts';
import type { SettingsApi } from '../../settings-api.ts';
import { useLoad } from '../../use-load.ts';
import { Empty, ErrorNote, Loading } from '../StateNote.tsx';

/** 修改记录: who changed the configuration, when, from where, and what; newest first. */
export function AuditSection({ api, version, onUnauthorized }: { api: SettingsApi; version: number; onUnauthorized: () => void }) {
  const t = useT();
  // Reloaded whenever a save makes a new version.
  const audit = useLoad(`${version}`, api.audit, onUnauthorized);
  const entries = audit.data?.entries;
  return (
    <section class="mgr-panel mgr-settings-panel" aria-label={t('settings.tab.audit')}>
      <header class="mgr-panel__head">
        <h2 class="mgr-panel__title">{t('settings.tab.audit')}</h2>
        <button type="button" class="mgr-btn mgr-btn--small" onClick={audit.reload}>
          {t('cases.refresh')}
        </button>
      </header>
      {audit.error && <ErrorNote error={audit.error} onRetry={audit.reload} />}
      {!entries ? (
        !audit.error && <Loading />
      ) : entries.length === 0 ? (
        <Empty text={t('settings.audit.empty')} />
      ) : (
        <ol class="mgr-audit">
          {entries.map((e) => {
            const who = e.staffName ?? e.staffId;
            return (
            <li key={e.id} class="mgr-audit__entry" data-version={e.version}>
              <div class="mgr-audit__when">
                <span class="mgr-audit__date">{businessDate(e.at, HALL_ZONE)}</span>
                <span class="mgr-audit__time">{formatTime(e.at, HALL_ZONE)}</span>
              </div>
              <div class="mgr-audit__what">
                <p class="mgr-audit__head">
                  <span class="mgr-version">{t('settings.version', { v: e.version })}</span>
                  <strong>{who ?? t(`settings.audit.source.${e.source}`)}</strong>
                  {who && e.source !== 'manager' && <span class="mgr-tag mgr-tag--muted">{t(`settings.audit.source.${e.source}`)}</span>}
                </p>
                {e.changes.length > 0 ? (
                  <ul class="mgr-audit__changes">
                    {e.changes.map((c, j) => (
                      <li key={j}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  <p class="mgr-muted">{t('settings.audit.noDetail')}</p>
                )}
              </div>
            </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
