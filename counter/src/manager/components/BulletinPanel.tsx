import { useState } from 'preact/hooks';
import { ApiError } from '../../../../shared/ui/api.ts';
import { useT } from '../../use-t.ts';
import { type Bulletin, downloadBulletin, downloadReport, type ManagerApi } from '../manager-api.ts';
import type { Period } from '../period.ts';
import { useLoad } from '../use-load.ts';
import { Panel } from './Panel.tsx';
import { ErrorNote, Loading } from './StateNote.tsx';

type Busy = 'docx' | 'summary' | 'attendance';

/**
 * 生成通报: the period's bulletin as the server writes it, previewed as the printed 公文
 * (centred title, 一、二、三 headings, indented paragraphs, numbered 附件), with the Word file
 * and its two attachment workbooks to download beside it.
 */
export function BulletinPanel({ api, token, period, onClose, onUnauthorized }: { api: ManagerApi; token: string; period: Period; onClose: () => void; onUnauthorized: () => void }) {
  const t = useT();
  const key = `${period.from}..${period.to}`;
  const loaded = useLoad<Bulletin>(key, () => api.bulletin(period), onUnauthorized);
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string>();
  const bulletin = loaded.data;

  const download = async (what: Busy) => {
    if (busy) return;
    setBusy(what);
    setError(undefined);
    try {
      if (what === 'docx') await downloadBulletin(token, period);
      else await downloadReport(token, what, period, 'xlsx');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Panel
      title={t('bulletin.title')}
      class={`mgr-bulletin${loaded.dataKey !== key ? ' is-stale' : ''}`}
      aside={
        <button type="button" class="mgr-btn mgr-btn--small" onClick={onClose} data-testid="bulletin-close">
          {t('bulletin.close')}
        </button>
      }
    >
      <div class="mgr-bulletin__files" role="group" aria-label={t('bulletin.files')}>
        <button type="button" class="mgr-btn mgr-btn--primary" disabled={!!busy || !bulletin} onClick={() => download('docx')} data-testid="bulletin-docx">
          <span class="mgr-btn__icon" aria-hidden="true">⤓</span>
          {busy === 'docx' ? t('download.busy') : t('bulletin.word')}
        </button>
        <span class="mgr-bulletin__sep" aria-hidden="true" />
        <span class="mgr-muted mgr-bulletin__label">{t('bulletin.attachments')}</span>
        <button type="button" class="mgr-btn" disabled={!!busy} onClick={() => download('summary')} data-testid="bulletin-summary-xlsx">
          {busy === 'summary' ? t('download.busy') : t('bulletin.summaryXlsx')}
        </button>
        <button type="button" class="mgr-btn" disabled={!!busy} onClick={() => download('attendance')} data-testid="bulletin-attendance-xlsx">
          {busy === 'attendance' ? t('download.busy') : t('bulletin.attendanceXlsx')}
        </button>
        {error && (
          <span class="mgr-downloads__error" role="alert">
            {error}
          </span>
        )}
      </div>
      {loaded.error && <ErrorNote error={loaded.error} onRetry={loaded.reload} />}
      {!bulletin ? !loaded.error && <Loading /> : <BulletinPaper bulletin={bulletin} />}
    </Panel>
  );
}

/** One A4-like sheet in the register of a printed 公文. */
function BulletinPaper({ bulletin }: { bulletin: Bulletin }) {
  return (
    <article class="mgr-paper" data-testid="bulletin-preview" lang="zh-CN">
      <h2 class="mgr-paper__title">{bulletin.title}</h2>
      {bulletin.sections.map((s) => (
        <section key={s.heading} class="mgr-paper__section">
          <h3 class="mgr-paper__heading">{s.heading}</h3>
          {s.paragraphs.map((p, i) => (
            <p key={i} class="mgr-paper__para">
              {p}
            </p>
          ))}
        </section>
      ))}
      {bulletin.attachments.length > 0 && (
        <div class="mgr-paper__attachments">
          {/* The document itself is Chinese in either language of the screen. */}
          <span class="mgr-paper__attach-label">附件：</span>
          <ol class="mgr-paper__attach-list">
            {bulletin.attachments.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
        </div>
      )}
    </article>
  );
}
