import { type Translate, useT } from '../use-t.ts';

export interface NoticeContent {
  tone: 'error' | 'info' | 'success';
  title: string;
  detail?: string;
}

/** A notice kept as words to be said, so it follows a change of language while it is shown. */
export type Say = (t: Translate) => NoticeContent;

/** The answer to the last action, in plain words; errors stay until dismissed or the next action. */
export function Notice({ notice, onDismiss }: { notice?: NoticeContent; onDismiss: () => void }) {
  const t = useT();
  if (!notice) return null;
  return (
    <div class={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
      <div class="notice__text">
        <strong>{notice.title}</strong>
        {notice.detail && notice.detail !== notice.title && <span>{notice.detail}</span>}
      </div>
      <button type="button" class="notice__close" aria-label={t('notice.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
