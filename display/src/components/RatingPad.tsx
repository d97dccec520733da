import { useEffect, useState } from 'preact/hooks';
import { BAD_REVIEW_REASONS, isBadScore, RATING_LEVELS, type Score } from '../../../shared/ratings.ts';
import { ApiError, apiRequest } from '../../../shared/ui/api.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import type { RatingRequest } from '../../../shared/views.ts';
import type { T } from '../messages.ts';
import { useNow } from '../../../shared/ui/use-now.ts';
import { RatingFace } from './RatingFace.tsx';
import { RatingStars } from './RatingStars.tsx';

/** Nobody touched the pad for this long: the citizen left, and the visit stays unrated (never a default score). */
export const RATING_TIMEOUT_MS = 60_000;
const THANKS_MS = 5_000;

type Stage = 'score' | 'reason' | 'sending' | 'thanks';

interface Props {
  request: RatingRequest;
  /** Where the citizen is, e.g. "滨江市政务服务中心 · 7 号窗口". */
  where: string;
  windowId: string;
  deviceKey: string;
  lang: Lang;
  t: T;
  onSubmitting: (visitId: string) => void;
  onClose: (visitId: string) => void;
}

/** The 好差评 pad after a visit: five levels; a reason for 1–2; thank you; back. */
export function RatingPad({ request, where, windowId, deviceKey, lang, t, onSubmitting, onClose }: Props) {
  const [stage, setStage] = useState<Stage>('score');
  const [score, setScore] = useState<Score>();
  const [reason, setReason] = useState<string>();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [thanks, setThanks] = useState<'good' | 'bad' | 'already'>('good');
  const [touchedAt, setTouchedAt] = useState(() => Date.now());
  const now = useNow();

  const waiting = stage === 'score' || stage === 'reason';
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => onClose(request.visitId), touchedAt + RATING_TIMEOUT_MS - Date.now());
    return () => clearTimeout(timer);
  }, [waiting, touchedAt, request.visitId, onClose]);

  useEffect(() => {
    if (stage !== 'thanks') return;
    const timer = setTimeout(() => onClose(request.visitId), THANKS_MS);
    return () => clearTimeout(timer);
  }, [stage, request.visitId, onClose]);

  async function submit(s: Score, why?: string) {
    setStage('sending');
    setError(undefined);
    onSubmitting(request.visitId);
    try {
      await apiRequest('POST', `/windows/${encodeURIComponent(windowId)}/rating`, { auth: deviceKey, body: { visitId: request.visitId, score: s, ...(why ? { reason: why } : {}) } });
      setThanks(isBadScore(s) ? 'bad' : 'good');
      setStage('thanks');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_RATED') {
        setThanks('already');
        setStage('thanks');
        return;
      }
      setError(err instanceof ApiError ? err.message : String(err));
      setStage(isBadScore(s) ? 'reason' : 'score');
    }
  }

  function choose(s: Score) {
    setScore(s);
    setError(undefined);
    if (isBadScore(s)) setStage('reason');
    else void submit(s);
  }

  const chosenReason = typed.trim() || reason;
  const secondsLeft = Math.min(RATING_TIMEOUT_MS / 1000, Math.max(0, Math.ceil((touchedAt + RATING_TIMEOUT_MS - now) / 1000)));
  const who = request.staff ? t('rateFor', { number: request.number, name: request.staff.name, no: request.staff.staffNo }) : t('rateForNoStaff', { number: request.number });

  return (
    <div class={`rating-pad rating-pad--${stage}`} role="dialog" aria-modal="true" aria-labelledby="rating-title" onPointerDown={() => setTouchedAt(Date.now())} onKeyDown={() => setTouchedAt(Date.now())}>
      {stage === 'thanks' ? (
        <div class="rating-thanks" role="status">
          <svg class="rating-thanks__mark" viewBox="0 0 100 100" aria-hidden="true">
            <circle cx="50" cy="50" r="46" fill="currentColor" />
            <path d="M28 52 L44 67 L73 36" fill="none" stroke="#fff" stroke-width="9" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
          <p class="rating-thanks__title" id="rating-title">
            {thanks === 'already' ? t('alreadyRated') : t('thanksTitle')}
          </p>
          {thanks !== 'already' && <p class="rating-thanks__text">{t(thanks === 'bad' ? 'thanksBad' : 'thanksGood')}</p>}
        </div>
      ) : (
        <>
          <header class="rating-pad__head">
            <p class="rating-pad__where">{where}</p>
            <h2 class="rating-pad__title" id="rating-title">
              {t(stage === 'reason' ? 'reasonTitle' : 'rateTitle')}
            </h2>
            <p class="rating-pad__who">{who}</p>
          </header>

          {stage === 'reason' ? (
            <div class="rating-reasons">
              <div class="rating-reasons__grid">
                {BAD_REVIEW_REASONS.map((r) => (
                  <button
                    type="button"
                    key={r.zh}
                    class={`reason-chip${reason === r.zh && !typed.trim() ? ' reason-chip--chosen' : ''}`}
                    aria-pressed={reason === r.zh && !typed.trim()}
                    onClick={() => {
                      setReason(r.zh);
                      setTyped('');
                    }}
                  >
                    {lang === 'zh' ? r.zh : r.en}
                  </button>
                ))}
              </div>
              <label class="reason-other">
                <span>{t('reasonOther')}</span>
                <input type="text" maxLength={200} value={typed} placeholder={t('reasonPlaceholder')} onInput={(e) => setTyped(e.currentTarget.value)} />
              </label>
              <div class="rating-reasons__actions">
                <button type="button" class="pad-button pad-button--secondary" onClick={() => setStage('score')}>
                  {t('back')}
                </button>
                <button type="button" class="pad-button pad-button--primary" disabled={!chosenReason} onClick={() => score && chosenReason && void submit(score, chosenReason)}>
                  {chosenReason ? t('submit') : t('reasonNeeded')}
                </button>
              </div>
            </div>
          ) : (
            <div class="rating-levels">
              {RATING_LEVELS.map((level) => (
                <button type="button" key={level.score} class={`rating-level rating-level--${level.score}`} data-score={level.score} disabled={stage === 'sending'} onClick={() => choose(level.score)}>
                  <RatingFace score={level.score} />
                  <span class="rating-level__name">{lang === 'zh' ? level.zh : level.en}</span>
                  {lang === 'zh' && <span class="rating-level__en">{level.en}</span>}
                  <RatingStars score={level.score} />
                </button>
              ))}
            </div>
          )}

          <footer class="rating-pad__foot">
            {error ? (
              <p class="rating-pad__error" role="alert">
                {error}
              </p>
            ) : stage === 'sending' ? (
              <p class="rating-pad__note">{t('sending')}</p>
            ) : (
              <p class="rating-pad__note">{t('rateAutoClose', { n: secondsLeft })}</p>
            )}
            {waiting && <span class="rating-pad__timer" style={{ width: `${(secondsLeft / (RATING_TIMEOUT_MS / 1000)) * 100}%` }} />}
          </footer>
        </>
      )}
    </div>
  );
}
