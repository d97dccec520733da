import { useState } from 'preact/hooks';
import { ApiError } from '../../../../shared/ui/api.ts';
import { useT } from '../../use-t.ts';
import { downloadReport, type FileFormat, type ReportKind } from '../manager-api.ts';
import type { Period } from '../period.ts';

/** 下载 Excel / 下载 CSV of the report on screen; a refusal shows beside the buttons. */
export function DownloadButtons({ token, kind, period, scope = 'hall' }: { token: string; kind: ReportKind; period: Period; scope?: 'hall' | 'network' }) {
  const t = useT();
  const [busy, setBusy] = useState<FileFormat>();
  const [error, setError] = useState<string>();

  const download = async (format: FileFormat) => {
    if (busy) return;
    setBusy(format);
    setError(undefined);
    try {
      await downloadReport(token, kind, period, format, scope);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div class="mgr-downloads">
      <button type="button" class="mgr-btn mgr-btn--primary" onClick={() => download('xlsx')} disabled={busy !== undefined} data-testid={`download-${kind}-xlsx`}>
        <span class="mgr-btn__icon" aria-hidden="true">⤓</span>
        {busy === 'xlsx' ? t('download.busy') : t('download.xlsx')}
      </button>
      <button type="button" class="mgr-btn" onClick={() => download('csv')} disabled={busy !== undefined} data-testid={`download-${kind}-csv`}>
        {busy === 'csv' ? t('download.busy') : t('download.csv')}
      </button>
      {error && (
        <span class="mgr-downloads__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
