import { useState } from 'preact/hooks';
import { formatTime } from '../../../../shared/ui/format.ts';
import { useT } from '../../use-t.ts';
import type { ManagerApi } from '../manager-api.ts';
import { useLoad } from '../use-load.ts';

/**
 * 省好差评平台上报: how many ratings and review steps wait to go to the province, which keep
 * failing and why, and a 重试 that sends them now. Shown only when the hall reports there.
 * A 重试 is answered before its sends end; `version` moves when each one is delivered or
 * fails (the server's `outbox:changed`), and the panel looks again.
 */
export function OutboxPanel({ api, version = 0, onUnauthorized }: { api: ManagerApi; version?: number; onUnauthorized: () => void }) {
  const t = useT();
  const [nonce, setNonce] = useState(0);
  const [busy, setBusy] = useState(false);
  const status = useLoad(`outbox#${version}#${nonce}`, api.outbox, onUnauthorized).data;
  if (!status?.configured) return null;
  const retry = async () => {
    setBusy(true);
    try {
      await api.retryOutbox();
    } finally {
      setBusy(false);
      setNonce((n) => n + 1);
    }
  };
  const healthy = status.failing === 0;
  return (
    <section class={`mgr-outbox${healthy ? '' : ' mgr-outbox--failing'}`} data-testid="outbox">
      <div class="mgr-outbox__figures">
        <strong class="mgr-outbox__title">{t('outbox.title')}</strong>
        <span>{status.backlog === 0 ? t('outbox.clear') : t('outbox.backlog', { n: status.backlog })}</span>
        {status.failing > 0 && <span class="mgr-outbox__failing">{t('outbox.failing', { n: status.failing })}</span>}
        {status.lastDeliveredAt !== undefined && <span class="mgr-muted">{t('outbox.lastDelivered', { t: formatTime(status.lastDeliveredAt) })}</span>}
      </div>
      {status.backlog > 0 && (
        <button type="button" class="mgr-btn mgr-btn--small" disabled={busy} onClick={() => void retry()}>
          {busy ? t('outbox.retrying') : t('outbox.retry')}
        </button>
      )}
      {status.lastError && !healthy && (
        <p class="mgr-outbox__error" role="status">
          {t('outbox.lastError', { t: formatTime(status.lastError.at), message: status.lastError.message })}
        </p>
      )}
    </section>
  );
}
