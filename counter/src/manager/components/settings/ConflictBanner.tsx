import { formatTime } from '../../../../../shared/ui/format.ts';
import { useT } from '../../../use-t.ts';
import { HALL_ZONE } from '../../format.ts';
import type { AuditEntry } from '../../settings-api.ts';
import type { Change } from './draft-model.ts';
import { useChangeText } from './ChangeList.tsx';

interface Props {
  /** The version stored now, saved by someone else after this draft was loaded. */
  version: number;
  /** What they changed, from the version this draft started on. */
  theirs: Change[];
  /** Who saved it, from the audit log, when it says. */
  by?: AuditEntry;
  onReapply: () => void;
  onLoadTheirs: () => void;
}

/** 409 VERSION_CONFLICT: another manager saved first. Nothing was saved; re-apply one's changes on theirs, or take theirs. */
export function ConflictBanner({ version, theirs, by, onReapply, onLoadTheirs }: Props) {
  const t = useT();
  const text = useChangeText();
  return (
    <section class="mgr-conflict" role="alert" data-testid="version-conflict">
      <div class="mgr-conflict__text">
        <h2 class="mgr-conflict__title">{t('settings.conflict.title', { v: version })}</h2>
        <p>{by?.staffName ? t('settings.conflict.by', { name: by.staffName, time: formatTime(by.at, HALL_ZONE) }) : t('settings.conflict.someone')}</p>
        {theirs.length > 0 && (
          <details class="mgr-conflict__theirs">
            <summary>{t('settings.conflict.theirChanges', { n: theirs.length })}</summary>
            <ul>
              {theirs.map((c, i) => (
                <li key={i}>{text(c)}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div class="mgr-conflict__actions">
        <button type="button" class="mgr-btn mgr-btn--primary" onClick={onReapply} data-testid="conflict-reapply">
          {t('settings.conflict.reapply', { v: version })}
        </button>
        <button type="button" class="mgr-btn" onClick={onLoadTheirs} data-testid="conflict-load">
          {t('settings.conflict.load', { v: version })}
        </button>
      </div>
    </section>
  );
}
