import { useState } from 'preact/hooks';
import { BAD_REVIEW_REASONS, isBadScore, RATING_LEVELS, type Score } from '../../../shared/ratings.ts';
import { ApiError, apiRequest } from '../../../shared/ui/api.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import { localName } from '../../../shared/ui/local-name.ts';
import type { TicketVisitView } from '../../../shared/views.ts';
import type { MessageKey } from '../messages.ts';
import { type TicketHolder, ticketPath } from '../use-ticket.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
export type RatingOutcome = 'rated' | 'already';

interface Props {
  holder: TicketHolder;
  visit: TicketVisitView;
  lang: Lang;
  t: T;
  onDone: (visitId: string, outcome: RatingOutcome) => void;
  /** The ticket has moved past this visit (a later window finished it): fetch the page again, which offers the newer one. */
  onMovedOn: () => void;
}

/** 好差评 of one visit: five levels by their national names; a 1 or 2 needs a reason, picked or typed. */
export function RatingForm({ holder, visit, lang, t, onDone, onMovedOn }: Props) {
  const [score, setScore] = useState<Score>();
  const [picked, setPicked] = useState<string>();
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const bad = score !== undefined && isBadScore(score);

  async function submit(e: Event) {
    e.preventDefault();
    if (score === undefined) return setError(t('chooseScore'));
    // Reasons are stored in Chinese whatever the page language: the hall's managers read them.
    const reason = bad ? [picked, other.trim()].filter(Boolean).join('；').slice(0, 200) : undefined;
    if (bad && !reason) return setError(t('reasonRequired'));
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest('POST', ticketPath(holder, '/rating'), { body: { score, visitId: visit.id, ...(reason ? { reason } : {}) } });
      onDone(visit.id, 'rated');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_RATED') return onDone(visit.id, 'already');
      if (err instanceof ApiError && err.code === 'NOTHING_TO_RATE' && err.field === 'visitId') {
        setBusy(false);
        return onMovedOn();
      }
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form class="rating" onSubmit={submit}>
      <h2 class="rating__title">{t('rateTitle')}</h2>
      <p class="rating__where">{t('rateWhere', { n: visit.windowNumber, name: localName(lang, visit.windowName, visit.windowNameEn) })}</p>
      <div class="rating__levels" role="radiogroup" aria-label={t('rateTitle')}>
        {RATING_LEVELS.map((level) => (
          <button
            type="button"
            role="radio"
            aria-checked={score === level.score}
            class={`level${score === level.score ? ' level--on' : ''}${isBadScore(level.score) ? ' level--bad' : ''}`}
            data-score={level.score}
            onClick={() => {
              setScore(level.score);
              setError(undefined);
            }}
          >
            <span class="level__stars" aria-hidden="true">
              {[1, 2, 3, 4, 5].map((i) => (
                <span class={i <= level.score ? 'star star--on' : 'star'}>★</span>
              ))}
            </span>
            <span class="level__name">
              {level.zh}
              {lang === 'en' && <span class="level__en">{level.en}</span>}
            </span>
          </button>
        ))}
      </div>

      {bad && (
        <fieldset class="rating__reasons">
          <legend>{t('reasonTitle')}</legend>
          <div class="reason-chips">
            {BAD_REVIEW_REASONS.map((r) => (
              <button type="button" class={`reason-chip${picked === r.zh ? ' reason-chip--on' : ''}`} aria-pressed={picked === r.zh} onClick={() => setPicked(picked === r.zh ? undefined : r.zh)}>
                {lang === 'zh' ? r.zh : r.en}
              </button>
            ))}
          </div>
          <label class="rating__other">
            <span>{t('reasonOther')}</span>
            <textarea maxLength={200} rows={2} placeholder={t('reasonPlaceholder')} value={other} onInput={(e) => setOther((e.target as HTMLTextAreaElement).value)} />
          </label>
        </fieldset>
      )}

      {error && (
        <p class="phone-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="phone-button phone-button--primary" disabled={busy}>
        {busy ? t('submitting') : t('submitRating')}
      </button>
      <p class="rating__anonymous">{t('anonymous')}</p>
    </form>
  );
}
